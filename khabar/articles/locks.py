"""Edit locks: who is editing an article, since when; taken over with a warning.

A lock is advice, not protection: two people can still open one article, and the stale
check of `article_save` is what keeps a save from overwriting another's. The lock tells the
second editor someone is at work, and a takeover tells the first their lock is gone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles import services
from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor, actor_user
from khabar.staff import permissions

# A lock not renewed for this long is free: its holder closed the tab or went home.
LOCK_TIMEOUT = datetime.timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Lock:
    holder_id: int
    holder_name: str
    since: datetime.datetime


class LockHeld(Exception):
    """Someone else holds the article's lock; `lock` says who and since when."""

    def __init__(self, lock: Lock) -> None:
        super().__init__(
            _("%(name)s has been editing this article since %(since)s.")
            % {"name": lock.holder_name, "since": lock.since.isoformat(timespec="minutes")}
        )
        self.lock = lock


def _live(now: datetime.datetime) -> Q:
    """Locks renewed (or, never renewed, taken) within the timeout."""
    cutoff = now - LOCK_TIMEOUT
    return Q(lock_renewed_at__gte=cutoff) | Q(lock_renewed_at__isnull=True, locked_at__gte=cutoff)


def locked_articles(queryset: QuerySet[Article], *, now: datetime.datetime) -> QuerySet[Article]:
    """The articles of `queryset` someone is editing now, with the holder, newest lock first."""
    return (
        queryset.filter(locked_by__isnull=False, locked_at__isnull=False)
        .filter(_live(now))
        .select_related("locked_by")
        .order_by("-locked_at", "-pk")
    )


def lock_get(article: Article) -> Lock | None:
    """The article's current lock, if it has not timed out."""
    if article.locked_by_id is None or article.locked_at is None:
        return None
    if timezone.now() - (article.lock_renewed_at or article.locked_at) > LOCK_TIMEOUT:
        return None
    holder = get_user_model().objects.filter(pk=article.locked_by_id).first()
    name = holder.get_username() if holder else "?"
    return Lock(article.locked_by_id, name, article.locked_at)


@transaction.atomic
def article_lock(*, actor: Actor, article: Article, take_over: bool = False) -> Lock:
    """Take or renew the actor's lock; `LockHeld` if another holds it, unless `take_over`.

    A takeover is written to the audit log naming the previous holder, who learns of it the
    next time they renew (`LockHeld` then names who took it).
    """
    article = services.article_locked(article)
    permissions.require_edit(actor, article)
    holder = actor_user(actor)
    if holder is None:
        raise ValueError("a lock is held by a staff member, not by a process")
    current = lock_get(article)
    if current is not None and current.holder_id != holder.pk:
        if not take_over:
            raise LockHeld(current)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.LOCK_TAKEOVER,
            target=article,
            edition_code=article.edition.code,
            data={"from": current.holder_name, "held_since": current.since.isoformat()},
        )
    now = timezone.now()
    # Renewing keeps the lock's start: "editing since 10:02" stays true while they work.
    since = current.since if current is not None and current.holder_id == holder.pk else now
    Article.objects.filter(pk=article.pk).update(
        locked_by=holder.pk, locked_at=since, lock_renewed_at=now
    )
    article.locked_by_id, article.locked_at, article.lock_renewed_at = holder.pk, since, now
    return Lock(holder.pk, holder.get_username(), since)


@transaction.atomic
def article_unlock(*, actor: Actor, article: Article) -> None:
    """Release the actor's own lock (leaving the editor); another's lock is left alone."""
    holder = actor_user(actor)
    if holder is None:
        return
    Article.objects.filter(pk=article.pk, locked_by=holder.pk).update(
        locked_by=None, locked_at=None, lock_renewed_at=None
    )
