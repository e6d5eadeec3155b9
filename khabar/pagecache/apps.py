from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    name = "khabar.pagecache"
    label = "pagecache"

    def ready(self) -> None:
        from khabar.pagecache import receivers  # noqa: F401  (connects the receivers)
