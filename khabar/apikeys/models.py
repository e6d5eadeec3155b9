"""An API key as stored: its SHA-256 and the first characters people recognise it by.

The key itself is shown once, when it is made (`services.api_key_create`); a copy of the
database (or of the audit log) lets no one use the API as a partner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=100)
    # The key's first characters, to tell keys apart in the list and in a partner's config.
    prefix = models.CharField(_("begins with"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    per_minute = models.PositiveIntegerField(_("requests per minute"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
