"""PostgreSQL: the match index keyed by publication day, edition and section too.

0007 put the publication instant beside the vector in one GIN index (btree_gin). Two things
read off the plans on a million articles made it cost more than it saved:

- GIN answers each comparison on its own, so `published_at >= a AND published_at < b` was
  two scans of the index's dates, the second from the start of the archive, and every
  instant is an entry of its own: a 30-day range read 181 ms of index. A day is one entry
  for all the articles of that day (3,653 in ten years), and the backend bounds the scan on
  one side only (khabar.search.backends.postgresql); the exact instants are checked on the
  rows the index hands over.
- The windows' counts were for both editions: an Arabic word searched in the Persian edition
  filled the Persian window with Arabic matches, and the search fell back to reading all of
  them. With the edition and the section in the index, a window counts only what the reader
  may get.

The day is the UTC date of the publication instant (`timezone('UTC', …)` is immutable, so
it can be indexed); the backend writes the same expression.
"""

from django.db import migrations

DAY = "((published_at AT TIME ZONE 'UTC')::date)"
POSTGRESQL_FORWARD = [
    "CREATE INDEX search_document_filtered_match ON search_searchdocument "
    f"USING gin (vector, {DAY}, edition_id, section_id)",
    "DROP INDEX search_document_match",
]
POSTGRESQL_BACKWARD = [
    "CREATE INDEX search_document_match ON search_searchdocument USING gin (vector, published_at)",
    "DROP INDEX search_document_filtered_match",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_sqlite_facets")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
