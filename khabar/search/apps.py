from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "khabar.search"
    label = "search"

    def ready(self) -> None:
        from khabar.search import receivers  # noqa: F401  (connects the receivers)
