from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "khabar.accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from khabar.accounts import (
            audit_signins,
            staffmark,  # noqa: F401  (connects the receivers)
        )

        audit_signins.connect()
