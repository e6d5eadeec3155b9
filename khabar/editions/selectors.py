from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from khabar.editions.models import Edition, Section


def edition_get(*, code: str) -> Edition | None:
    return Edition.objects.filter(code=code).first()


def edition_list() -> list[Edition]:
    """Every edition, in order: read on each page (its header links to them all).

    Hand-written: composing and compiling the queryset cost several times the query.
    """
    quote = connection.ops.quote_name
    meta = Edition._meta
    columns = ", ".join(quote(field.column) for field in meta.concrete_fields)
    order = ", ".join(quote(meta.get_field(name).column) for name in ("position", "code"))
    return list(
        Edition.objects.raw(f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {order}")  # noqa: S608
    )


def section_list(*, edition_ids: Iterable[int]) -> QuerySet[Section]:
    """The sections of these editions, edition by edition in the order readers see them."""
    return (
        Section.objects.filter(edition_id__in=list(edition_ids))
        .select_related("edition")
        .order_by("edition__position", "edition__code", "position", "name")
    )


def section_get(*, section_id: int) -> Section | None:
    return Section.objects.select_related("edition").filter(pk=section_id).first()
