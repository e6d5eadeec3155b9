from __future__ import annotations

from django.db import connection

from khabar.editions.models import Edition


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
