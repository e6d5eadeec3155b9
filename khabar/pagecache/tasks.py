"""Invalidations Redis could not take, delivered by `khabar worker` once it answers.

An edit commits in the database whether or not Redis answers. Its invalidation, lost, would
leave every page stored before it fresh in Redis's eyes once Redis answers again — a
take-down served for PAGECACHE_TIMEOUT. So it is kept in the database
(`UndeliveredInvalidation`, durable like the edit itself) and one task delivers all that
are kept, in one go, retried with a growing pause capped at RETRY_PAUSE_MAX seconds until
Redis takes them or every page they concerned has expired anyway.

One task for them all, not one per invalidation: under breaking news an outage meets an
edit every few seconds, and a retry of each, every ten seconds, would grow into thousands
of tasks an hour queued in front of the scheduled articles the worker must publish on time.
"""

from __future__ import annotations

import datetime
import logging
import time

import redis
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from khabar.pagecache.models import UndeliveredInvalidation

logger = logging.getLogger(__name__)

# Readers may get a page stored before the edit for this long at most after Redis answers
# again (the worker's own poll, WORKER_POLL_SECONDS, added).
RETRY_PAUSE_MAX = 10.0
# Invalidations delivered by one task: their keys go to Redis in two round trips (hard and
# soft); any beyond are delivered by the next task, queued at once.
DELIVERY_MAX = 500


def invalidate_later(keys: set[str], *, hard: bool, failed_at: float) -> None:
    """Keep an invalidation Redis could not take, and queue its delivery unless one is."""
    UndeliveredInvalidation.objects.create(
        keys=sorted(keys),
        hard=hard,
        failed_at=datetime.datetime.fromtimestamp(failed_at, tz=datetime.UTC),
    )
    if not _delivery_queued():
        _delivery_queue(attempt=0)


def _delivery_queued() -> bool:
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    return queued.filter(task_path=deliver_task.module_path).exists()


def _delivery_queue(*, attempt: int, pause: float | None = None) -> None:
    """Queue a delivery after `pause` seconds: by default 1, 2, 4… up to RETRY_PAUSE_MAX as
    the attempts grow (Redis has just failed: asking it again at once is no use)."""
    if pause is None:
        pause = min(2.0**attempt, RETRY_PAUSE_MAX)
    at = timezone.now() + datetime.timedelta(seconds=pause)
    deliver_task.using(run_after=at).enqueue(attempt)


@task()
def deliver_task(attempt: int) -> str:
    return deliver(attempt=attempt)


def deliver(*, attempt: int) -> str:
    """Give Redis the kept invalidations: "done", "queued" again while Redis still cannot
    take them, "expired" when every page they concerned has expired, or "none" kept."""
    from khabar.pagecache.cache import page_cache

    cache = page_cache()
    kept = list(UndeliveredInvalidation.objects.all()[:DELIVERY_MAX])
    if not kept:
        return "none"
    hard = {key for invalidation in kept if invalidation.hard for key in invalidation.keys}
    soft = {key for invalidation in kept for key in invalidation.keys} - hard
    try:
        for keys, is_hard in ((hard, True), (soft, False)):
            if keys:
                cache.invalidate_again(keys, hard=is_hard)
    except redis.RedisError as error:
        expired = [i.pk for i in kept if not cache.kept_since(i.failed_at.timestamp())]
        if expired:
            UndeliveredInvalidation.objects.filter(pk__in=expired).delete()
            logger.warning("Dropped %d invalidation(s): their pages have expired", len(expired))
        left = UndeliveredInvalidation.objects.count()
        if not left:
            return "expired"
        logger.error("Could not deliver %d invalidation(s) (%s): retrying later", left, error)
        if not _delivery_queued():
            _delivery_queue(attempt=attempt + 1)
        return "queued"
    # Only those delivered: an invalidation kept meanwhile waits for the task it queued.
    UndeliveredInvalidation.objects.filter(pk__in=[i.pk for i in kept]).delete()
    oldest = min(i.failed_at for i in kept).timestamp()
    logger.warning(
        "Delivered %d invalidation(s) of %d key(s), the oldest after %.1f s",
        len(kept),
        len(hard | soft),
        time.time() - oldest,
    )
    if UndeliveredInvalidation.objects.exists() and not _delivery_queued():
        _delivery_queue(attempt=0, pause=0.0)  # Redis answers: the rest at once
    return "done"
