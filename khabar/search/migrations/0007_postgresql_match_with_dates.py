"""PostgreSQL: the match and the publication date in one GIN index.

khabar.search.backends.postgresql looks for a query's newest matches in windows of
publication time. With the vector in a GIN index and the date in a btree, the planner could
AND the two bitmaps, but often did not: it took the date range from the btree and tested
each document's vector, which it counts as cheap and which is not (a vector is kilobytes,
compressed out of line): "الوزير" in the last year of 50,000 articles took 43 ms that way,
1.7 ms from this index. One GIN index over the vector and the date (btree_gin gives GIN the
date's comparisons) leaves it only that way, and serves the match alone too, so it replaces
the vector's own index; the (edition, published at) btree goes (on SQLite too, where the
full-text index's rowid carries the date since 0006).

btree_gin is one of PostgreSQL's contrib extensions, marked trusted: the database's owner
may create it (Debian's and the official images' server packages include it).
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE INDEX search_document_match ON search_searchdocument USING gin (vector, published_at)",
    "DROP INDEX search_document_vector",
]
POSTGRESQL_BACKWARD = [
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "DROP INDEX search_document_match",
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
    dependencies = [("search", "0006_sqlite_publication_order")]

    operations = [
        migrations.RemoveIndex(model_name="searchdocument", name="search_document_latest"),
        migrations.RunPython(forward, backward, elidable=False),
    ]
