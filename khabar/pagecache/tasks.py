"""Invalidations Redis could not take, retried by `khabar worker` until they land.

An edit commits in the database whether or not Redis answers. Its invalidation, lost, would
leave every page stored before it fresh in Redis's eyes once Redis answers again — a
take-down served for PAGECACHE_TIMEOUT. So it is queued in the database (django-tasks'
database backend, durable like the edit itself) and retried with a growing pause, capped at
RETRY_PAUSE_MAX seconds, until it lands or every page it concerned has expired anyway.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

# Readers may get a page stored before the edit for this long at most after Redis answers
# again (the worker's own poll, WORKER_POLL_SECONDS, added).
RETRY_PAUSE_MAX = 10.0


def invalidate_later(keys: set[str], *, hard: bool, failed_at: float, attempt: int) -> None:
    pause = min(2.0**attempt, RETRY_PAUSE_MAX)
    at = timezone.now() + datetime.timedelta(seconds=pause)
    invalidate_task.using(run_after=at).enqueue(sorted(keys), hard, failed_at, attempt)


@task()
def invalidate_task(keys: list[str], hard: bool, failed_at: float, attempt: int) -> str:
    from khabar.pagecache.cache import page_cache

    return page_cache().invalidate_again(set(keys), hard=hard, failed_at=failed_at, attempt=attempt)
