from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khabar.submissions.services import submissions_purge


class Command(BaseCommand):
    # A command run daily by cron or a systemd timer, not a worker task: the worker runs
    # tasks at given instants and has no recurring schedule, and a task that enqueued
    # itself again would stop for good the first time it failed. Run at any time, as often
    # as wished, it deletes exactly what is past its edition's retention period.
    help = (
        "Delete readers' submissions, and their files, older than their edition's "
        "retention period (Edition.submissions_keep_days); each deletion is audited."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = submissions_purge()
        self.stdout.write(f"{deleted} submissions deleted.")
