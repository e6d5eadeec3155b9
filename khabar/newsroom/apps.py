from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "khabar.newsroom"
    verbose_name = "Newsroom"
