"""`khabar reindex [--edition ar] [--jobs N]`: index every published article again."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from khabar.editions.models import Edition
from khabar.search.documents import documents_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the published articles (after an import, say)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", help="Only this edition's articles (its code).")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes analysing the articles (default: one per core).",
        )

    def handle(self, *args: Any, edition: str | None = None, jobs: int = 1, **options: Any) -> None:
        chosen = None
        if edition is not None:
            chosen = Edition.objects.filter(code=edition).first()
            if chosen is None:
                raise CommandError(f"No edition {edition!r}.")
        terminal = self.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if terminal:
                width = 30
                filled = width * done // max(total, 1)
                self.stdout.write(
                    f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
                )

        indexed = documents_rebuild(edition=chosen, progress=progress, jobs=jobs)
        if terminal:
            self.stdout.write("")
        self.stdout.write(f"Indexed {indexed} articles.")
