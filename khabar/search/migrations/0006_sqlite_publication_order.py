"""SQLite: the full-text index keyed by publication order, so a date range bounds the match.

The FTS5 table was keyed by article id. A common word with a date range then had FTS5 hand
over every document holding the word, newest id first, to be filtered by date one by one:
on a million articles, "مجلس" in the last 30 days walked 200,000 matches (0.7 s) to keep
931. FTS5 applies a range on its rowid inside its doclists, skipping what lies outside; so
the rowid is now where a document sits in publication order (`position`, a generated column:
its publication second, then its article id) and the backend turns the date range into a
rowid range (khabar.search.backends.sqlite). The same walk takes a few milliseconds.

`position` = Unix second × 2^30 + article id mod 2^30: unique while no two articles whose
ids differ by a multiple of 2^30 (a billion) are published in the same second, and within
SQLite's 64-bit integers until the year 2242. Django does not know the column: it is
computed by SQLite and written by no one. Like the triggers of 0002, it lives on this table
as long as Django never rebuilds the table (SQLite's way of altering some columns); a
migration that does must re-create both.

The index is rebuilt from the documents ('rebuild'): a minute or two for a million articles.
"""

from django.db import migrations

FIELDS = ("head", "head_alt", "body", "body_alt")
POSITION = (
    "CAST(strftime('%s', published_at) AS INTEGER) * 1073741824 + article_id % 1073741824"
)


def _index_sql(content_rowid: str) -> list[str]:
    fields = ", ".join(FIELDS)
    new = ", ".join(f"new.{field}" for field in FIELDS)
    old = ", ".join(f"old.{field}" for field in FIELDS)
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {fields}) "
        f"VALUES ('delete', old.{content_rowid}, {old});"
    )
    insert = f"INSERT INTO search_fts(rowid, {fields}) VALUES (new.{content_rowid}, {new});"
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({fields}, "
        f"content='search_searchdocument', content_rowid='{content_rowid}', tokenize='ascii')",
        "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument "
        f"BEGIN {delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


INDEX_DROP = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]

FORWARD = [
    *INDEX_DROP,
    "DROP INDEX search_document_filters",
    "ALTER TABLE search_searchdocument ADD COLUMN position INTEGER "
    f"GENERATED ALWAYS AS ({POSITION}) VIRTUAL",
    # Each match finds its document's filter columns here, by position (see 0003).
    "CREATE INDEX search_document_position ON search_searchdocument "
    "(position, edition_id, section_id, published_at, article_id)",
    *_index_sql("position"),
]
BACKWARD = [
    *INDEX_DROP,
    "DROP INDEX search_document_position",
    "ALTER TABLE search_searchdocument DROP COLUMN position",
    "CREATE INDEX search_document_filters ON search_searchdocument "
    "(article_id, edition_id, section_id, published_at)",
    *_index_sql("article_id"),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FORWARD:
            schema_editor.execute(sql, None)  # None: no placeholders, the % is strftime's


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARD:
            schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_article_names")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
