from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from khabar.editions import sql
from khabar.editions.models import Edition, Section


def edition_get(*, code: str) -> Edition | None:
    return Edition.objects.filter(code=code).first()


@dataclass(frozen=True, slots=True)
class Directory:
    """Every edition in order, and each one's sections in order, as of one generation."""

    generation: int | None
    editions: list[Edition]
    sections: dict[int, list[Section]]


# This process's copy, replaced whole (never changed in place) when the generation moves.
_directory = Directory(generation=None, editions=[], sections={})
_lock = threading.Lock()


def directory() -> Directory:
    """The editions and their sections: one small query per call while nothing changed.

    Every page shows them (the header links to each edition and to the edition's sections),
    so they are kept in the process and read again only when the generation row, which
    database triggers change with every write to either table, says they changed. Instances
    are shared by every request of the process: read them, never change them.
    """
    global _directory
    generation = sql.generation_read()
    found = _directory
    if generation is not None and found.generation == generation:
        return found
    with _lock:
        both = sql.editions_with_sections()
        found = Directory(
            generation,
            [edition for edition, _sections in both],
            {edition.pk: sections for edition, sections in both},
        )
        _directory = found
    return found


def edition_list() -> list[Edition]:
    """Every edition, in order: read on each page (its header links to them all)."""
    return directory().editions


def section_list(*, edition_ids: Iterable[int]) -> QuerySet[Section]:
    """The sections of these editions, edition by edition in the order readers see them."""
    return (
        Section.objects.filter(edition_id__in=list(edition_ids))
        .select_related("edition")
        .order_by("edition__position", "edition__code", "position", "name")
    )


def section_get(*, section_id: int) -> Section | None:
    return Section.objects.select_related("edition").filter(pk=section_id).first()
