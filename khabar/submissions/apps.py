from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "khabar.submissions"
    label = "submissions"

    def ready(self) -> None:
        from khabar.submissions import checks  # noqa: F401  (registers the system check)
