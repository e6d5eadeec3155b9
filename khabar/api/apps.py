from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "khabar.api"
    label = "api"
    verbose_name = "Content API"
