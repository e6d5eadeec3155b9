"""Every write to comments and their blocklists goes through these functions."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.comments import events, limits, permissions, spam
from khabar.comments.clients import Client
from khabar.comments.models import (
    BlockedEmail,
    BlockedNetwork,
    BlockedWord,
    Comment,
    CommentEdit,
)
from khabar.comments.rules import comments_open
from khabar.core.actors import Actor, actor_name, actor_user
from khabar.core.events import send_on_commit
from khabar.core.readers import reader_name_clean, reader_name_error, reader_text_clean
from khabar.editions.selectors import edition_list
from khabar.text import normalize

log = logging.getLogger(__name__)


class CommentRefused(Exception):
    """Kept out as spam or abuse. `reason` names the rule, for logs and tests only: the
    sender is told the same thing whatever it was."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return _(
            "Your comment could not be accepted. If you believe this is a mistake, "
            "wait a while and try again, or write to the newsroom."
        )


class CommentsClosed(Exception):
    @property
    def message(self) -> str:
        return _("Comments on this article are closed.")


@dataclass(frozen=True, slots=True)
class Posted:
    comment: Comment
    created: bool  # False: the same comment was already stored (double click, reload)


def comment_fields_clean(*, name: str, email: str, body: str) -> tuple[str, str, str]:
    """The fields as stored; ValidationError per field, saying what to change."""
    errors: dict[str, ValidationError] = {}
    name = reader_name_clean(name)
    body = reader_text_clean(body)
    email = reader_text_clean(email)
    if not body:
        errors["body"] = ValidationError(_("Write a comment."))
    elif len(body) > limits.BODY_MAX:
        errors["body"] = ValidationError(
            _("A comment is at most %(limit)s characters long; this one has %(count)s."),
            params={"limit": limits.BODY_MAX, "count": len(body)},
        )
    if name_error := reader_name_error(name, limit=limits.NAME_MAX):
        errors["name"] = name_error
    if email:
        try:
            if len(email) > limits.EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors["email"] = ValidationError(
                _("This is not an email address. Leave it empty, or correct it.")
            )
    if errors:
        raise ValidationError(errors)
    return name, email, body


def _key(*parts: object) -> str:
    message = "\x1f".join(str(part) for part in parts).encode()
    secret = f"khabar.comments.submission:{settings.SECRET_KEY}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _body_key(body: str) -> str:
    return hashlib.sha256(normalize(body).encode()).hexdigest()


def comment_post(
    *,
    article: Article,
    client: Client,
    name: str,
    email: str,
    body: str,
    parent: Comment | None = None,
    form_age: float,
    honeypot: str = "",
) -> Posted:
    """Take a reader's comment into the moderation queue, once.

    The same name, email and text on the same article is one comment: sent again (a double
    click, a reload, a resubmitted form) it is found, not stored twice, and the sender hears
    the same answer. Returns only after the comment is committed. Raises ValidationError
    for fields to correct, CommentsClosed, or CommentRefused for spam (see `spam`).
    """
    if not comments_open(article):
        raise CommentsClosed
    name, email, body = comment_fields_clean(name=name, email=email, body=body)
    if parent is not None and (parent.article_id != article.pk or parent.parent_id is not None):
        parent = None  # replies are one level deep, under a comment of this article
    submission_key = _key(article.pk, parent.pk if parent else "", normalize(name), email, body)
    body_key = _body_key(body)
    earlier = spam.earlier_posts(
        submission_key=submission_key, client=client, body_key=body_key, article_id=article.pk
    )
    if earlier.same_post is not None:
        return Posted(earlier.same_post, created=False)

    reason = _spam_reason(
        client=client,
        name=name,
        email=email,
        body=body,
        form_age=form_age,
        honeypot=honeypot,
        duplicate=earlier.duplicate,
    )
    if reason is not None:
        log.info("comment refused on article %s: %s", article.pk, reason)
        raise CommentRefused(reason)
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                parent=parent,
                name=name,
                email=email,
                body=body,
                client_hash=client.client_hash,
                network_hash=client.network_hash,
                hash_period=client.period,
                submission_key=submission_key,
                body_key=body_key,
            )
    except IntegrityError:
        # The same post, sent at the same instant, committed first.
        return Posted(Comment.objects.get(submission_key=submission_key), created=False)
    return Posted(comment, created=True)


def _spam_reason(
    *,
    client: Client,
    name: str,
    email: str,
    body: str,
    form_age: float,
    honeypot: str,
    duplicate: bool,
) -> str | None:
    # Cheap rules first; the rate limit counts every attempt that gets this far.
    if honeypot.strip():
        return spam.HONEYPOT
    if form_age < limits.FILL_SECONDS_MIN:
        return spam.TOO_FAST
    if spam.rate_exceeded(client, now=time.time()):
        return spam.RATE
    if spam.link_count(f"{name} {body}") > limits.LINKS_MAX:
        return spam.LINKS
    if spam.blocked_word_in(name, body):
        return spam.BLOCKED_WORD
    if spam.email_blocked(email):
        return spam.BLOCKED_EMAIL
    if spam.network_blocked(client):
        return spam.BLOCKED_NETWORK
    if duplicate:
        return spam.DUPLICATE
    return None


# --- Moderation ----------------------------------------------------------------------------

_SHOWN = Comment.Status.APPROVED
_STATUS_ACTIONS = {
    Comment.Status.APPROVED: AuditEntry.Action.COMMENT_APPROVE,
    Comment.Status.REJECTED: AuditEntry.Action.COMMENT_REJECT,
    Comment.Status.SPAM: AuditEntry.Action.COMMENT_SPAM,
}


def _edition_codes() -> dict[int, str]:
    return {edition.pk: edition.code for edition in edition_list()}


def _audit(
    actor: Actor,
    action: AuditEntry.Action,
    comment: Comment,
    codes: dict[int, str],
    **data: object,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=comment,
        edition_code=codes.get(comment.article.edition_id, ""),
        data={"article": comment.article_id, **data},
    )


def _moderate(*, actor: Actor, comments: Iterable[Comment], status: str) -> list[Comment]:
    changed: list[Comment] = []
    now = timezone.now()
    codes = _edition_codes()
    with transaction.atomic():
        for comment in comments:
            permissions.require_moderate(actor, comment.article)
            if comment.status == status:
                continue
            was_shown = comment.status == _SHOWN
            before = comment.status
            comment.status = status
            comment.moderated_at = now
            comment.moderator = actor_user(actor)
            comment.save(update_fields=["status", "moderated_at", "moderator"])
            _audit(actor, _STATUS_ACTIONS[Comment.Status(status)], comment, codes, before=before)
            if status == _SHOWN:
                send_on_commit(events.comment_approved, sender=Comment, comment=comment)
            elif was_shown:
                send_on_commit(events.comment_removed, sender=Comment, comment=comment)
            changed.append(comment)
    return changed


def comment_approve(*, actor: Actor, comments: Iterable[Comment]) -> list[Comment]:
    """Show the comments under their articles. Returns those whose status changed."""
    return _moderate(actor=actor, comments=comments, status=Comment.Status.APPROVED)


def comment_reject(*, actor: Actor, comments: Iterable[Comment]) -> list[Comment]:
    return _moderate(actor=actor, comments=comments, status=Comment.Status.REJECTED)


def comment_mark_spam(*, actor: Actor, comments: Iterable[Comment]) -> list[Comment]:
    return _moderate(actor=actor, comments=comments, status=Comment.Status.SPAM)


@transaction.atomic
def comment_edit(*, actor: Actor, comment: Comment, body: str) -> Comment:
    """Correct a comment's text (a typo); the text before is kept with who changed it."""
    permissions.require_moderate(actor, comment.article)
    _name, _email, body = comment_fields_clean(name="", email="", body=body)
    if body == comment.body:
        return comment
    CommentEdit.objects.create(
        comment=comment,
        editor=actor_user(actor),
        editor_name=actor_name(actor)[:150],
        body_before=comment.body,
        body_after=body,
    )
    comment.body = body
    comment.body_key = _body_key(body)
    comment.save(update_fields=["body", "body_key"])
    # The texts before and after are in the comment's CommentEdit rows.
    _audit(actor, AuditEntry.Action.COMMENT_EDIT, comment, _edition_codes())
    if comment.status == _SHOWN:
        send_on_commit(events.comment_edited, sender=Comment, comment=comment)
    return comment


@transaction.atomic
def comment_reply(*, actor: Actor, comment: Comment, body: str) -> Comment:
    """The newsroom's answer under a reader's comment, shown at once and marked as ours."""
    permissions.require_moderate(actor, comment.article)
    parent = comment.parent or comment  # one level: a reply to a reply answers its thread
    _name, _email, body = comment_fields_clean(name="", email="", body=body)
    reply = Comment.objects.create(
        article=comment.article,
        parent=parent,
        body=body,
        is_newsroom=True,
        status=Comment.Status.APPROVED,
        moderated_at=timezone.now(),
        moderator=actor_user(actor),
        submission_key=_key("newsroom", parent.pk, time.time_ns(), body),
        body_key=_body_key(body),
    )
    _audit(actor, AuditEntry.Action.COMMENT_REPLY, reply, _edition_codes(), reply_to=parent.pk)
    send_on_commit(events.comment_approved, sender=Comment, comment=reply)
    return reply


@transaction.atomic
def comment_block_sender(*, actor: Actor, comments: Iterable[Comment]) -> int:
    """Keep the senders of these comments out: their emails, and their networks while
    their period's key lasts (see `clients`). Their comments are marked spam.

    Returns how many new blocks were made.
    """
    comments = list(comments)
    made = 0
    codes = _edition_codes()
    for comment in comments:
        permissions.require_moderate(actor, comment.article)
        if comment.is_newsroom:
            continue
        email_blocked = network_blocked = False
        if comment.email:
            _row, email_blocked = BlockedEmail.objects.get_or_create(
                pattern=comment.email.casefold()
            )
        if comment.network_hash:
            _row2, network_blocked = BlockedNetwork.objects.get_or_create(
                network_hash=comment.network_hash, defaults={"hash_period": comment.hash_period}
            )
        made += email_blocked + network_blocked
        # What was blocked, not the address itself: the audit log is read by more people.
        _audit(
            actor,
            AuditEntry.Action.COMMENT_BLOCK,
            comment,
            codes,
            email=email_blocked,
            network=network_blocked,
        )
    comment_mark_spam(actor=actor, comments=[c for c in comments if not c.is_newsroom])
    return made


@transaction.atomic
def comments_close(*, actor: Actor, article: Article) -> Article:
    """No more comments on the article; those approved stay shown."""
    permissions.require_moderate(actor, article)
    if article.comments_open:
        Article.objects.filter(pk=article.pk).update(comments_open=False)
        article.comments_open = False
        audit_record(
            actor=actor,
            action=AuditEntry.Action.COMMENTS_CLOSE,
            target=article,
            edition_code=_edition_codes().get(article.edition_id, ""),
        )
        send_on_commit(events.comments_closed, sender=Article, article=article)
    return article


# --- Blocklists ----------------------------------------------------------------------------
# They apply to every edition, so their audit entries name none.

BLOCKED_WORD_MAX = BlockedWord._meta.get_field("word").max_length or 100


def _blocklist_audit(actor: Actor, action: AuditEntry.Action, row: models.Model) -> None:
    audit_record(actor=actor, action=action, target=row, data={"list": row._meta.model_name})


@transaction.atomic
def blocked_word_add(*, actor: Actor, word: str) -> BlockedWord:
    """Block a word or phrase, matched whole through the normaliser."""
    permissions.require_manage_blocklists(actor)
    word = reader_name_clean(word)
    key = normalize(word)
    if not key:
        raise ValidationError(_("A blocked word needs at least one letter."))
    if len(word) > BLOCKED_WORD_MAX:
        raise ValidationError(
            _("A blocked word or phrase is at most %(limit)s characters long."),
            params={"limit": BLOCKED_WORD_MAX},
        )
    blocked, created = BlockedWord.objects.get_or_create(key=key, defaults={"word": word})
    if created:
        _blocklist_audit(actor, AuditEntry.Action.BLOCKLIST_ADD, blocked)
    return blocked


@transaction.atomic
def blocked_email_add(*, actor: Actor, pattern: str) -> BlockedEmail:
    """Block an address, or a domain written `@example.com`."""
    permissions.require_manage_blocklists(actor)
    pattern = reader_text_clean(pattern).casefold()
    try:
        if len(pattern) > limits.EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(pattern if not pattern.startswith("@") else f"x{pattern}")
    except ValidationError:
        raise ValidationError(_("Write an email address, or a domain as @example.com.")) from None
    blocked, created = BlockedEmail.objects.get_or_create(pattern=pattern)
    if created:
        _blocklist_audit(actor, AuditEntry.Action.BLOCKLIST_ADD, blocked)
    return blocked


@transaction.atomic
def blocked_network_add(*, actor: Actor, cidr: str) -> BlockedNetwork:
    """Block an address range written as 203.0.113.0/24 or 2001:db8::/32."""
    permissions.require_manage_blocklists(actor)
    try:
        network = ipaddress.ip_network(reader_text_clean(cidr), strict=False)
    except ValueError:
        raise ValidationError(
            _("Write an address range as 203.0.113.0/24 or 2001:db8::/32.")
        ) from None
    blocked, created = BlockedNetwork.objects.get_or_create(cidr=str(network))
    if created:
        _blocklist_audit(actor, AuditEntry.Action.BLOCKLIST_ADD, blocked)
    return blocked


@transaction.atomic
def blocked_remove(*, actor: Actor, row: BlockedWord | BlockedEmail | BlockedNetwork) -> None:
    """Unblock a word, an email or domain, or an address range (typed, or a sender's
    network blocked from a comment)."""
    permissions.require_manage_blocklists(actor)
    _blocklist_audit(actor, AuditEntry.Action.BLOCKLIST_REMOVE, row)
    row.delete()
