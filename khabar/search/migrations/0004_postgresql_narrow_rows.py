"""PostgreSQL: documents' text out of line, so the rows a search visits are narrow.

A search for a common word visits the row of every matching document (for its edition,
date and article id) after the GIN index has found them. With the headline side's text
kept in the row, ten rows filled a page and such a search read most of the table; with
every long value moved to TOAST (toast_tuple_target), a page holds several times as many.
The text is never read there: the stored vector is generated from it on write.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_filters_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
