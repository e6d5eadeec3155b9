from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "khabar.comments"
    label = "comments"
