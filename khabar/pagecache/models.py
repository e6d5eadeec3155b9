"""Invalidations Redis could not take, kept in the database until the worker delivers them
(tasks.py). Written and read only by `khabar.pagecache.tasks`."""

from __future__ import annotations

from django.db import models


class UndeliveredInvalidation(models.Model):
    """One invalidation that failed: its surrogate keys, whether it was hard (a take-down
    or a correction: never served stale), and when it failed."""

    keys = models.JSONField()
    hard = models.BooleanField()
    failed_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{' '.join(self.keys)} ({'hard, ' if self.hard else ''}{self.failed_at})"
