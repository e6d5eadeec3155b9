from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "khabar.articles"
    label = "articles"
