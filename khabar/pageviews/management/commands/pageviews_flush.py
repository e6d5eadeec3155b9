from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khabar.pageviews.recorder import flush


class Command(BaseCommand):
    help = (
        "Write the page views this process has counted. App processes flush on their own "
        "every PAGEVIEWS_FLUSH_SECONDS and at exit; this is for scripts and workers that "
        "record views in-process."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = flush()
        self.stdout.write(f"{written} views written.")
