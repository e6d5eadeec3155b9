from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "khabar.core"
    label = "core"
