"""SQLite: the edition and section of each document in the full-text index, as tokens.

A section filter was checked on each match after FTS5 handed it over: a word common across
the site and rare in the section ("الاقتصادي" in one section, 327 matches of tens of
thousands) walked all the word's matches, each looked up for its section (108 ms on a
million articles). With `e<edition id>` and `s<section id>` in a column of their own
(`facets`, a generated column of the documents' table), the filter is part of the match
and FTS5 intersects the posting lists, skipping what lies between (khabar.search.backends
.sqlite). The same holds for an edition whose words the other edition writes too.

The index is rebuilt from the documents ('rebuild'), as in 0006; like 0006's `position`,
the generated column and the triggers live only as long as Django never rebuilds the table.
"""

from django.db import migrations

FACETS = "'e' || edition_id || coalesce(' s' || section_id, '')"


def _index_sql(fields: tuple[str, ...]) -> list[str]:
    columns = ", ".join(fields)
    new = ", ".join(f"new.{field}" for field in fields)
    old = ", ".join(f"old.{field}" for field in fields)
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {columns}) "
        f"VALUES ('delete', old.position, {old});"
    )
    insert = f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.position, {new});"
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, "
        "content='search_searchdocument', content_rowid='position', tokenize='ascii')",
        "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument "
        f"BEGIN {delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


TEXT = ("head", "head_alt", "body", "body_alt")
INDEX_DROP = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
FORWARD = [
    *INDEX_DROP,
    f"ALTER TABLE search_searchdocument ADD COLUMN facets TEXT GENERATED ALWAYS AS ({FACETS}) "
    "VIRTUAL",
    *_index_sql((*TEXT, "facets")),
]
BACKWARD = [
    *INDEX_DROP,
    "ALTER TABLE search_searchdocument DROP COLUMN facets",
    *_index_sql(TEXT),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FORWARD:
            schema_editor.execute(sql, None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARD:
            schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgresql_match_with_dates")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
