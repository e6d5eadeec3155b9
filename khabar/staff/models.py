"""Who may do what in the newsroom: one role per staff account, with its scope."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaffRole(models.Model):
    """A staff member's role and where it applies.

    Reporters and editors work in the editions listed; an editor with sections listed works
    only on articles of those sections (a Persian newsroom's service editor). Admins, and
    superusers without a role, act everywhere.
    """

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        # A context: "Editor" alone is also the article editor's page (ویرایشگر), not the
        # role (دبیر).
        EDITOR = "editor", pgettext_lazy("newsroom role", "Editor")
        ADMIN = "admin", _("Admin")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_role"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # By name: the roles sit below the editions app, which checks them.
    editions = models.ManyToManyField(
        "editions.Edition", blank=True, related_name="+", verbose_name=_("editions")
    )
    sections = models.ManyToManyField(
        "editions.Section",
        blank=True,
        related_name="+",
        verbose_name=_("sections"),
        help_text=_("Editors only: limit the editor to these sections. Empty: all sections."),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class StaffPreference(models.Model):
    """A staff member's own settings: the newsroom's language, whatever edition they edit."""

    class Language(models.TextChoices):
        # Each language named in itself, as a switch of languages does: whoever cannot read
        # the current one still finds their own.
        BROWSER = "", _("As my browser asks")
        PERSIAN = "fa", "فارسی"
        ARABIC = "ar", "العربية"
        ENGLISH = "en", "English"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preference"
    )
    language = models.CharField(
        _("interface language"), max_length=8, blank=True, choices=Language.choices
    )

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or 'browser'}"
