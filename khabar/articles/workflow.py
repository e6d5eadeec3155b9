"""The life of an article: review, scheduling, publication, withdrawal, breaking news.

    draft ──▶ in review ──▶ scheduled ──▶ published ──▶ unpublished
      ▲ ◀──────┘ ◀────────────┘    ▲                     │
      └────────────────────────────┼─────────────────────┘
      draft and in review may also be published at once ─┘

Only these transitions exist (`TRANSITIONS`); each is checked against the actor's role
(khabar.staff.permissions) and written to the audit log with who and when. Scheduled
work — an article or a live update due at a time, a breaking flag due to expire — is done
by `due_run`, which `khabar worker` runs at each due instant (a task enqueued in the same
transaction as the schedule) and at start, so a worker that was down catches up and says
how late it is. Each due item is claimed by a conditional UPDATE, so any number of workers
publish an article exactly once.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles import events, services
from khabar.articles.models import Article, ArticleRevision
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import WORKER, Actor, System
from khabar.core.events import send_on_commit
from khabar.staff import permissions

logger = logging.getLogger(__name__)

Status = Article.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED}),
    Status.IN_REVIEW: frozenset({Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED}),
    Status.SCHEDULED: frozenset({Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.UNPUBLISHED}),
    Status.UNPUBLISHED: frozenset({Status.DRAFT}),
}
BREAKING_DEFAULT = datetime.timedelta(minutes=30)
BREAKING_MAX = datetime.timedelta(hours=24)


def transition_allowed(article: Article, to: str) -> bool:
    return to in TRANSITIONS[article.status]


def _transition_check(article: Article, to: str) -> None:
    if not transition_allowed(article, to):
        raise ValidationError(
            _("An article that is “%(status)s” cannot become “%(target)s”."),
            params={"status": Status(article.status).label, "target": Status(to).label},
            code="transition",
        )


def _record(actor: Actor, action: AuditEntry.Action, article: Article, **data: object) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=article,
        edition_code=article.edition.code,
        data={"status": article.status, **data},
    )


def _due_enqueue(at: datetime.datetime) -> None:
    """Wake a worker at `at`. In the caller's transaction: no schedule without its wake-up."""
    from khabar.articles.tasks import due_run_task

    due_run_task.using(run_after=at).enqueue()


# --- Review ---------------------------------------------------------------------------------


@transaction.atomic
def article_submit(*, actor: Actor, article: Article) -> Article:
    """Send a draft for review: its reporter, or an editor."""
    article = services.article_locked(article)
    permissions.require_submit(actor, article)
    _transition_check(article, Status.IN_REVIEW)
    article.status = Status.IN_REVIEW
    changed = ["status"]
    if article.locked_by_id is not None and article.locked_by_id == getattr(actor, "pk", None):
        # Handed over: the sender's edit lock goes with it, so the editor need not take over.
        article.locked_by_id = article.locked_at = article.lock_renewed_at = None
        changed += ["locked_by", "locked_at", "lock_renewed_at"]
    article.save(update_fields=changed)
    _record(actor, AuditEntry.Action.ARTICLE_SUBMIT, article)
    return article


@transaction.atomic
def article_return_to_draft(*, actor: Actor, article: Article) -> Article:
    """Back to draft: from review (its reporter may withdraw it), a schedule, or withdrawal."""
    article = services.article_locked(article)
    own_submission = (
        article.status == Status.IN_REVIEW
        and not isinstance(actor, System)
        and article.author_id == actor.pk
        and permissions.scope_of(actor) is not None
    )
    if not own_submission:
        permissions.require_publish(actor, article)
    _transition_check(article, Status.DRAFT)
    if article.status == Status.SCHEDULED:
        article.published_at = None
    article.status = Status.DRAFT
    article.taken_down_at = None
    article.save(update_fields=["status", "published_at", "taken_down_at"])
    services.keyword_links_sync(article=article)
    _record(actor, AuditEntry.Action.ARTICLE_RETURN, article)
    return article


# --- Publication ----------------------------------------------------------------------------


@transaction.atomic
def article_schedule(*, actor: Actor, article: Article, at: datetime.datetime) -> Article:
    """Publish at `at`, and not a second before, on every page, feed and cached copy."""
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    _transition_check(article, Status.SCHEDULED)
    _future_check(at)
    article.status = Status.SCHEDULED
    article.published_at = at
    article.save(update_fields=["status", "published_at"])
    services.keyword_links_sync(article=article)
    _due_enqueue(at)
    _record(actor, AuditEntry.Action.ARTICLE_SCHEDULE, article, at=at.isoformat())
    return article


def _future_check(at: datetime.datetime) -> None:
    if timezone.is_naive(at):
        raise ValueError("scheduled times are aware datetimes (UTC)")
    if at <= timezone.now():
        raise ValidationError(
            {
                "at": ValidationError(
                    _(
                        "That time has already passed, so nothing was scheduled. Publish it "
                        "now instead, or choose a later time."
                    ),
                    code="past",
                )
            }
        )


@transaction.atomic
def article_publish(
    *, actor: Actor, article: Article, at: datetime.datetime | None = None
) -> Article:
    """Publish now; with a future `at`, schedule instead.

    Only Khabar's own processes give a past `at`: an imported archive keeps its dates.
    """
    if at is not None and at > timezone.now():
        return article_schedule(actor=actor, article=article, at=at)
    if at is not None and not isinstance(actor, System):
        raise PermissionDenied(_("Only an import can publish with a date in the past."))
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    _transition_check(article, Status.PUBLISHED)
    _publish(article, at or timezone.now())
    _record(actor, AuditEntry.Action.ARTICLE_PUBLISH, article)
    return article


def _publish(article: Article, at: datetime.datetime) -> None:
    article.status = Status.PUBLISHED
    article.published_at = at
    article.taken_down_at = None
    # Never older than the publication, as article_create keeps it: the API's incremental
    # sync walks updated_at, and a draft written last week and published now is news to it.
    article.updated_at = max(article.updated_at, at)
    # The sync meets it from now on, or from its time if that is later (see due_run).
    article.changed_at = max(timezone.now(), at)
    article.save(
        update_fields=["status", "published_at", "taken_down_at", "updated_at", "changed_at"]
    )
    services.keyword_links_sync(article=article)
    send_on_commit(events.article_published, sender=Article, article=article)


@transaction.atomic
def article_redate(*, actor: Actor, article: Article, published_at: datetime.datetime) -> Article:
    """Correct the publication date of a published article (an archive re-import)."""
    if not isinstance(actor, System):
        permissions.require_admin(actor)
    article = services.article_locked(article)
    if article.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published article has a publication date to correct."))
    _publish(article, published_at)
    return article


@transaction.atomic
def article_update_publish(
    *, actor: Actor, article: Article, at: datetime.datetime | None = None
) -> Article:
    """Put a live article's pending update before readers: now, or at `at`."""
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    if article.status != Status.PUBLISHED or article.pending_revision_id is None:
        raise ValidationError(_("This article has no pending update to publish."))
    if at is not None:
        _future_check(at)
        article.pending_publish_at = at
        article.save(update_fields=["pending_publish_at"])
        _due_enqueue(at)
        _record(actor, AuditEntry.Action.ARTICLE_UPDATE_SCHEDULE, article, at=at.isoformat())
        return article
    revision = ArticleRevision.objects.get(pk=article.pending_revision_id)
    services.content_apply(article, revision)
    _record(actor, AuditEntry.Action.ARTICLE_UPDATE_PUBLISH, article, revision=revision.number)
    return article


@transaction.atomic
def article_unpublish(*, actor: Actor, article: Article) -> Article:
    """Withdraw a published article: its URL answers 410 and it leaves every list at once."""
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    _transition_check(article, Status.UNPUBLISHED)
    _withdraw(article)
    _record(actor, AuditEntry.Action.ARTICLE_UNPUBLISH, article)
    return article


@transaction.atomic
def article_take_down(*, actor: Actor, article: Article, reason: str) -> Article:
    """Remove an article for cause (legal, safety): like unpublishing, with the reason kept
    in the audit log (never shown to readers) and the article marked taken down."""
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the article is taken down.")})
    if article.status not in {Status.PUBLISHED, Status.UNPUBLISHED}:
        raise ValidationError(_("Only a published or unpublished article can be taken down."))
    article.taken_down_at = timezone.now()
    if article.status == Status.PUBLISHED:
        _withdraw(article)
    else:
        article.changed_at = article.taken_down_at
        article.save(update_fields=["taken_down_at", "changed_at"])
        send_on_commit(events.article_unpublished, sender=Article, article=article)
    _record(actor, AuditEntry.Action.ARTICLE_TAKE_DOWN, article, reason=reason[:1000])
    return article


def _withdraw(article: Article) -> None:
    article.status = Status.UNPUBLISHED
    article.updated_at = article.changed_at = timezone.now()
    article.is_breaking = False
    article.breaking_until = None
    article.save(
        update_fields=[
            "status",
            "updated_at",
            "changed_at",
            "taken_down_at",
            "is_breaking",
            "breaking_until",
        ]
    )
    services.keyword_links_sync(article=article)
    send_on_commit(events.article_unpublished, sender=Article, article=article)


@transaction.atomic
def article_delete(*, actor: Actor, article: Article) -> None:
    """Delete a draft that never went out; anything readers may have seen is taken down."""
    article = services.article_locked(article)
    permissions.require_edit(actor, article)
    if article.status not in {Status.DRAFT, Status.IN_REVIEW}:
        raise ValidationError(
            _("Only a draft can be deleted; unpublish or take down an article instead.")
        )
    _record(actor, AuditEntry.Action.ARTICLE_DELETE, article, code=article.code)
    services.article_keywords_clear(article=article)
    article.delete()


# --- Breaking news --------------------------------------------------------------------------


@transaction.atomic
def article_breaking_set(
    *, actor: Actor, article: Article, duration: datetime.timedelta = BREAKING_DEFAULT
) -> Article:
    """Show the article in the edition's breaking bar until `duration` from now.

    The expiry is the point: editors forget alerts, so every alert ends by itself.
    """
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    if article.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be breaking news."))
    if not datetime.timedelta(minutes=1) <= duration <= BREAKING_MAX:
        raise ValidationError({"duration": _("A breaking alert lasts between a minute and a day.")})
    article.is_breaking = True
    article.breaking_until = timezone.now() + duration
    article.save(update_fields=["is_breaking", "breaking_until"])
    _due_enqueue(article.breaking_until)
    send_on_commit(events.breaking_changed, sender=Article, article=article)
    _record(
        actor, AuditEntry.Action.ARTICLE_BREAKING, article, until=article.breaking_until.isoformat()
    )
    return article


@transaction.atomic
def article_breaking_clear(*, actor: Actor, article: Article) -> Article:
    article = services.article_locked(article)
    permissions.require_publish(actor, article)
    _breaking_end(article)
    _record(actor, AuditEntry.Action.ARTICLE_BREAKING_CLEAR, article)
    return article


def _breaking_end(article: Article) -> None:
    article.is_breaking = False
    article.breaking_until = None
    article.save(update_fields=["is_breaking", "breaking_until"])
    send_on_commit(events.breaking_changed, sender=Article, article=article)


# --- What is due ----------------------------------------------------------------------------


@dataclass
class DueReport:
    published: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    breaking_ended: list[int] = field(default_factory=list)
    # The largest delay between an item's due time and when it was done, in seconds.
    late_seconds: float = 0.0


def due_run(*, now: datetime.datetime | None = None) -> DueReport:
    """Do everything that is due: scheduled articles, scheduled updates, expired alerts.

    Safe to run any number of times, in any number of processes at once.
    """
    now = now or timezone.now()
    report = DueReport()
    for pk in Article.objects.filter(status=Status.SCHEDULED, published_at__lte=now).values_list(
        "pk", flat=True
    ):
        _due_publish(pk, now, report)
    for pk in Article.objects.filter(pending_publish_at__lte=now).values_list("pk", flat=True):
        _due_update(pk, now, report)
    for pk in Article.objects.filter(breaking_until__lte=now).values_list("pk", flat=True):
        _due_breaking_end(pk, now, report)
    if report.late_seconds > 5:
        logger.warning("due work done %.0f s late (was the worker down?)", report.late_seconds)
    return report


def _late(report: DueReport, due: datetime.datetime, now: datetime.datetime) -> None:
    report.late_seconds = max(report.late_seconds, (timezone.now() - due).total_seconds())


@transaction.atomic
def _due_publish(pk: int, now: datetime.datetime, report: DueReport) -> None:
    # The claim: only one process's UPDATE finds the article still scheduled.
    # The time it goes out, not the time it was due: a sync that read past the due time
    # while the worker was behind would otherwise never meet it (see _publish).
    claimed = Article.objects.filter(pk=pk, status=Status.SCHEDULED, published_at__lte=now).update(
        status=Status.PUBLISHED,
        updated_at=Greatest("updated_at", Value(now)),
        changed_at=Greatest("changed_at", Value(now)),
    )
    if not claimed:
        return
    article = Article.objects.select_related("edition").get(pk=pk)
    published_at = article.published_at or now
    services.keyword_links_sync(article=article)
    send_on_commit(events.article_published, sender=Article, article=article)
    _late(report, published_at, now)
    lateness = round((timezone.now() - published_at).total_seconds(), 3)
    _record(WORKER, AuditEntry.Action.ARTICLE_PUBLISH, article, late_seconds=lateness)
    logger.info(
        "published %s/%s, %.3f s after its time", article.edition.code, article.code, lateness
    )
    report.published.append(pk)


@transaction.atomic
def _due_update(pk: int, now: datetime.datetime, report: DueReport) -> None:
    article = Article.objects.select_for_update().select_related("edition").filter(pk=pk).first()
    if article is None or article.pending_publish_at is None or article.pending_publish_at > now:
        return
    due = article.pending_publish_at
    if article.status != Status.PUBLISHED or article.pending_revision_id is None:
        Article.objects.filter(pk=pk).update(pending_publish_at=None)
        return
    revision = ArticleRevision.objects.get(pk=article.pending_revision_id)
    services.content_apply(article, revision)
    _late(report, due, now)
    _record(WORKER, AuditEntry.Action.ARTICLE_UPDATE_PUBLISH, article, revision=revision.number)
    report.updated.append(pk)


@transaction.atomic
def _due_breaking_end(pk: int, now: datetime.datetime, report: DueReport) -> None:
    claimed = Article.objects.filter(pk=pk, breaking_until__lte=now).update(
        is_breaking=False, breaking_until=None
    )
    if not claimed:
        return
    article = Article.objects.select_related("edition").get(pk=pk)
    send_on_commit(events.breaking_changed, sender=Article, article=article)
    _record(WORKER, AuditEntry.Action.ARTICLE_BREAKING_CLEAR, article, expired=True)
    report.breaking_ended.append(pk)
