from django.apps import AppConfig


class PageviewsConfig(AppConfig):
    name = "khabar.pageviews"
    label = "pageviews"
