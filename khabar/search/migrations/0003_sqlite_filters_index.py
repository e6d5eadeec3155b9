"""SQLite: the documents' filter columns in an index of their own, keyed by article id.

Each full-text match finds its document by article id to check the edition, section and
date. SQLite stores those columns after the four text columns, that is on overflow pages a
few kilobytes into the row, so the check read several pages per match; from this covering
index it reads one. PostgreSQL keeps long text out of line (TOAST) and needs no such index.
"""

from django.db import migrations

SQLITE_FORWARD = (
    "CREATE INDEX search_document_filters ON search_searchdocument "
    "(article_id, edition_id, section_id, published_at)"
)
SQLITE_BACKWARD = "DROP INDEX search_document_filters"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
