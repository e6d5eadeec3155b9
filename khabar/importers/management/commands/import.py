"""`khabar import --edition ar PATH...`: import archive pages (files, or directories of *.txt)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    no_translations,
)

from khabar.editions.selectors import edition_get, edition_list
from khabar.importers.services import ImportResult, Outcome, article_import_file

_SUMMARY_WORDS = {**{outcome: str(outcome) for outcome in Outcome}, Outcome.CONFLICT: "conflicts"}


class Command(BaseCommand):
    help = (
        "Import pages of the old site's archive as articles of an edition. Every file is "
        "attempted; the command fails at the end if any page failed or conflicted. "
        "Messages are in English."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="Edition code, e.g. ar or fa.")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite articles whose code exists with different content.",
        )
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="A page file, or a directory of *.txt."
        )

    # The command speaks English; without this the services' messages would come in the
    # site's default language (Persian), whatever the edition imported.
    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        edition = edition_get(code=options["edition"])
        if edition is None:
            known = ", ".join(e.code for e in edition_list()) or "none"
            raise CommandError(f"unknown edition {options['edition']!r}; known editions: {known}")

        counts: Counter[Outcome] = Counter()
        for path in _files(options["paths"]):
            if path.exists():
                result = article_import_file(edition=edition, path=path, update=options["update"])
            else:
                result = ImportResult(str(path), Outcome.FAILED, message="no such file")
            counts[result.outcome] += 1
            self._report(edition.code, result, options["verbosity"])

        total = sum(counts.values())
        self.stdout.write(
            f"{total} file{'s' if total != 1 else ''}: "
            + ", ".join(f"{counts[outcome]} {_SUMMARY_WORDS[outcome]}" for outcome in Outcome)
        )
        # A conflict is a page left unimported, so it fails the run as a failure does.
        if counts[Outcome.FAILED] or counts[Outcome.CONFLICT]:
            raise CommandError(
                f"{counts[Outcome.FAILED]} failed, {counts[Outcome.CONFLICT]} conflicts "
                f"of {total} files"
            )

    def _report(self, edition_code: str, result: ImportResult, verbosity: int) -> None:
        if result.outcome is Outcome.FAILED:
            self.stdout.write(self.style.ERROR(f"FAILED {result.name}: {result.message}"))
            return
        line = f"{result.outcome} {edition_code}/{result.code} {result.name}"
        if result.outcome is Outcome.CONFLICT:
            self.stdout.write(self.style.WARNING(f"{line}: {result.message}"))
        elif verbosity >= 1:
            self.stdout.write(line)
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"warning {result.name}: {warning}"))


def _files(paths: list[str]) -> Iterator[Path]:
    """The files named, and every *.txt under the directories named, each in sorted order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path
