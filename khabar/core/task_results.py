"""Finished background tasks' rows, pruned by `khabar worker`.

django-tasks' database backend keeps a row for every task it ran — a photo's renditions, a
schedule's wake-up, an invalidation delivered after a Redis outage — with its result or
its error, until something deletes it. The worker deletes those finished more than
TASK_RESULTS_KEEP_DAYS ago: at start, then after a task at most once every
PRUNE_EVERY_SECONDS. Tasks not yet run, or running, are never touched.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

PRUNE_EVERY_SECONDS = 3600.0


def finished_prune() -> int:
    """Delete the task rows finished more than TASK_RESULTS_KEEP_DAYS ago; how many."""
    before = timezone.now() - datetime.timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return deleted


class Pruner:
    """`finished_prune` at most once every PRUNE_EVERY_SECONDS, for a worker's loop."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self, **_signal: object) -> int:
        if time.monotonic() - self.last < PRUNE_EVERY_SECONDS:
            return 0
        self.last = time.monotonic()
        return finished_prune()
