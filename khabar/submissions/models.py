"""What readers send the newsroom: a submission and its files.

Written only by `khabar.submissions.services`. A sender's address is never stored: only a
keyed hash of it (`khabar.submissions.clients`), enough for a rate limit. Files live in a
storage with no URL (`khabar.submissions.storage`) under generated names; the name the
sender's device gave a file is kept only as display text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.submissions import limits


class Submission(models.Model):
    """Text, and files, a reader sent to an edition's newsroom."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        USED = "used", _("Used")
        DISCARDED = "discarded", _("Discarded")

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="submissions"
    )
    # Told to the sender to quote when writing again; random, so it reveals neither how
    # many submissions there are nor anyone else's, and it opens nothing.
    reference = models.PositiveBigIntegerField(_("reference number"), unique=True)
    name = models.CharField(_("name"), max_length=limits.NAME_MAX, blank=True)
    # An email address or a phone number (ASCII digits), or empty for an anonymous tip.
    contact = models.CharField(_("email or phone"), max_length=limits.CONTACT_MAX, blank=True)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    client_hash = models.CharField(max_length=64, blank=True)
    # The same form sent twice (double click, reload) is stored once: see services.
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("received"), db_index=True)
    updated_at = models.DateTimeField(_("updated"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    # The draft made from it, while that article exists.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draft article"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["edition", "status", "created_at"])]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.reference}"


class SubmissionFile(models.Model):
    """A file of a submission: a photo cleaned of its metadata, or a video or PDF as sent."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")
        PDF = "pdf", _("PDF document")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField(default=0)
    # Its name in the private storage, generated; never derived from what the sender sent.
    stored_name = models.CharField(max_length=100, unique=True)
    display_name = models.CharField(_("file name"), max_length=limits.FILE_NAME_MAX)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # Decided from the content, never from the name or the browser's claim.
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["submission", "position", "pk"]
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO
