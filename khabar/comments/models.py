"""Readers' comments, their edits, and what the newsroom blocks.

Written only by `khabar.comments.services`. A reader's address is never stored: only keyed
hashes of it and of its network (`khabar.comments.clients`), enough for rate limits and for
blocking a sender, useless to anyone without the key of their period.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.comments import limits


class CommentQuerySet(models.QuerySet["Comment"]):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A reader's comment on an article, or the newsroom's reply to one (one level deep)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    name = models.CharField(_("name"), max_length=limits.NAME_MAX, blank=True)
    # Never shown and never in any public output: only moderators see it.
    email = models.EmailField(_("email"), max_length=limits.EMAIL_MAX, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    is_newsroom = models.BooleanField(_("newsroom reply"), default=False)
    # Keyed hashes of the sender's address and network (empty for newsroom replies).
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    network_hash = models.CharField(max_length=64, blank=True)
    hash_period = models.PositiveIntegerField(default=0)
    # The same comment sent twice (double click, reload) is stored once: see services.
    submission_key = models.CharField(max_length=64, unique=True)
    # The matching key of the body, for duplicate detection (indexed with the article).
    body_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            # Duplicate detection runs for every post: by text within the article, not by
            # article (SQLite would pick the article's index and read all its comments).
            models.Index(fields=["body_key", "article"], name="comment_body_article"),
            # The newsroom's pending count on every page: from the few pending comments to
            # their articles (SQLite otherwise walked every article of the editions).
            models.Index(fields=["status", "article"], name="comment_status_article"),
            # The home page's most commented: the window's approved comments, by time.
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.name or '-'}: {self.body[:40]}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class CommentEdit(models.Model):
    """A moderator's change to a comment's text, with the text before it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    editor_name = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)
    body_before = models.TextField()
    body_after = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.editor_name} {self.at:%Y-%m-%d %H:%M}"


class BlockedWord(models.Model):
    """A word or phrase that keeps a comment out, matched whole, through the normaliser."""

    word = models.CharField(_("word or phrase"), max_length=100)
    # normalize(word): the form every comment is compared in.
    key = models.CharField(max_length=200, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")

    def __str__(self) -> str:
        return self.word


class BlockedEmail(models.Model):
    """An address (`x@example.com`) or a whole domain (`@example.com`)."""

    pattern = models.CharField(_("email or @domain"), max_length=limits.EMAIL_MAX, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pattern"]
        verbose_name = _("blocked email")
        verbose_name_plural = _("blocked emails")

    def __str__(self) -> str:
        return self.pattern


class BlockedNetwork(models.Model):
    """An address range: typed by staff (`cidr`, kept), or a sender's network blocked from a
    comment (`network_hash` of its period, lasting as long as that period's key)."""

    cidr = models.CharField(_("address range"), max_length=64, blank=True)
    network_hash = models.CharField(max_length=64, blank=True, db_index=True)
    hash_period = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(cidr="") | ~models.Q(network_hash=""),
                name="blocked_network_has_range_or_hash",
            )
        ]
        verbose_name = _("blocked address range")
        verbose_name_plural = _("blocked address ranges")

    def __str__(self) -> str:
        return self.cidr or f"#{self.network_hash[:12]}"
