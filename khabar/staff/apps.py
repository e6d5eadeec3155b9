from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "khabar.staff"
    verbose_name = _("Newsroom roles")
    default_auto_field = "django.db.models.BigAutoField"
