from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "khabar.editions"
    label = "editions"
