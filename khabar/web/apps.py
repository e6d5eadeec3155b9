from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "khabar.web"
    label = "web"
