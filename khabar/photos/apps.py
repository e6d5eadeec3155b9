from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "khabar.photos"
    label = "photos"

    def ready(self) -> None:
        from khabar.photos import checks  # noqa: F401  (registers the system check)
