from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "khabar.syndication"
    label = "syndication"
