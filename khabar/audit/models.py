"""The audit log: what was done in the newsroom, by whom, when. Append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        ARTICLE_CREATE = "article.create", _("Article created")
        ARTICLE_SUBMIT = "article.submit", _("Sent for review")
        ARTICLE_RETURN = "article.return", _("Returned to draft")
        ARTICLE_SCHEDULE = "article.schedule", _("Scheduled")
        ARTICLE_PUBLISH = "article.publish", _("Published")
        ARTICLE_UPDATE_PUBLISH = "article.update_publish", _("Update published")
        ARTICLE_UPDATE_SCHEDULE = "article.update_schedule", _("Update scheduled")
        ARTICLE_UNPUBLISH = "article.unpublish", _("Unpublished")
        ARTICLE_TAKE_DOWN = "article.take_down", _("Taken down")
        ARTICLE_DELETE = "article.delete", _("Deleted")
        ARTICLE_CORRECT = "article.correct", _("Correction added")
        ARTICLE_BREAKING = "article.breaking", _("Breaking set")
        ARTICLE_BREAKING_CLEAR = "article.breaking_clear", _("Breaking cleared")
        LOCK_TAKEOVER = "lock.takeover", _("Edit lock taken over")
        PREVIEW_LINK = "preview.link", _("Preview link made")
        PREVIEW_REVOKE = "preview.revoke", _("Preview link revoked")
        ACCOUNT_CREATE = "account.create", _("Account created")
        ACCOUNT_DEACTIVATE = "account.deactivate", _("Account deactivated")
        ACCOUNT_REACTIVATE = "account.reactivate", _("Account reactivated")
        ROLE_CHANGE = "role.change", _("Role or scope changed")
        EDITION_CHANGE = "edition.change", _("Edition changed")
        SECTION_CHANGE = "section.change", _("Section changed")
        KEYWORD_CHANGE = "keyword.change", _("Keyword changed")
        SUBMISSION_STATUS = "submission.status", _("Submission status changed")
        SUBMISSION_DRAFT = "submission.draft", _("Draft made from a submission")
        SUBMISSION_DELETE = "submission.delete", _("Submission deleted")
        COMMENT_APPROVE = "comment.approve", _("Comment approved")
        COMMENT_REJECT = "comment.reject", _("Comment rejected")
        COMMENT_SPAM = "comment.spam", _("Comment marked spam")
        COMMENT_EDIT = "comment.edit", _("Comment edited")
        COMMENT_REPLY = "comment.reply", _("Newsroom reply")
        COMMENT_BLOCK = "comment.block", _("Comment's sender blocked")
        COMMENTS_CLOSE = "comments.close", _("Comments closed")
        BLOCKLIST_ADD = "blocklist.add", _("Added to a blocklist")
        BLOCKLIST_REMOVE = "blocklist.remove", _("Removed from a blocklist")
        PHOTO_UPLOAD = "photo.upload", _("Photo uploaded")
        PHOTO_EDIT = "photo.edit", _("Photo described")
        API_KEY_CREATE = "api_key.create", _("API key created")
        API_KEY_REVOKE = "api_key.revoke", _("API key revoked")
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login.failed", _("Sign-in failed")
        LOGIN_LOCKED_OUT = "login.locked_out", _("Sign-in locked out")
        LOGOUT = "logout", _("Signed out")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # SET_NULL and a copy of the name: deleting an account must not rewrite history.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor name"), max_length=150)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    # What it was done to, by type and id ("article", 42), with its name at the time.
    target_type = models.CharField(_("target type"), max_length=32, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=300, blank=True)
    edition_code = models.CharField(_("edition"), max_length=8, blank=True, db_index=True)
    data: models.JSONField[dict[str, Any]] = models.JSONField(_("details"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The one guard in a save(): an entry, once written, is never rewritten.
        if not self._state.adding:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("audit entries are append-only")
