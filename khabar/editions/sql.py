"""Hand-written reads of editions and sections, each tested against its ORM twin
(tests/test_sql.py) and kept only while the bench shows it pays."""

from __future__ import annotations

from django.db import connection

from khabar.core import sql
from khabar.editions.models import Edition, Generation, Section


def generation_read() -> int | None:
    """The editions' generation (see Generation): the one read a page makes of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sql.column(Generation, 'value')} FROM {sql.table(Generation)}"  # noqa: S608
            f" WHERE {sql.column(Generation, 'name')} = %s",
            ["editions"],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def editions_with_sections() -> list[tuple[Edition, list[Section]]]:
    """Every edition in order with its sections in order, in one query (a LEFT JOIN, so an
    edition without sections is there too); each section's `edition` is its edition."""
    quote = connection.ops.quote_name
    edition_fields, section_fields = sql.fields_of(Edition), sql.fields_of(Section)
    query = (
        f"SELECT {sql.columns(edition_fields)}, {sql.columns(section_fields)}"  # noqa: S608
        f" FROM {quote(Edition._meta.db_table)} LEFT OUTER JOIN {quote(Section._meta.db_table)}"
        f" ON {sql.column(Section, 'edition')} = {sql.column(Edition, 'id')}"
        f" ORDER BY {sql.column(Edition, 'position')}, {sql.column(Edition, 'code')},"
        f" {sql.column(Section, 'position')}, {sql.column(Section, 'name')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    edition_convert, section_convert = (
        sql.converters(edition_fields),
        sql.converters(section_fields),
    )
    split = len(edition_fields)
    found: dict[int, tuple[Edition, list[Section]]] = {}
    for row in rows:
        edition_id = row[0]
        if edition_id not in found:
            found[edition_id] = (
                sql.instance(Edition, row[:split], edition_convert),
                [],
            )
        edition, sections = found[edition_id]
        if row[split] is not None:
            section = sql.instance(Section, row[split:], section_convert)
            sql.attach(section, "edition", edition)
            sections.append(section)
    return list(found.values())
