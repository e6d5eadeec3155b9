"""Each engine's full-text index beside the documents table, built by the database itself.

SQLite: an FTS5 table over the documents (external content, so the text is stored once),
kept in step by triggers. Its tokenizer is `ascii`: it splits only at spaces and ASCII
punctuation and folds only ASCII case, so the words khabar.text.analysis wrote are the words
indexed. PostgreSQL: a generated tsvector column under the `simple` configuration (no
stemming, no stop words: the analysis is done), one weight per field, and a GIN index.
"""

from django.db import migrations

FIELDS = ("head", "head_alt", "body", "body_alt")

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5({fields}, content='search_searchdocument', "
    "content_rowid='article_id', tokenize='ascii')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, {fields}) VALUES (new.article_id, {new}); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, {fields}) VALUES ('delete', old.article_id, {old}); "
    "END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, {fields}) VALUES ('delete', old.article_id, {old}); "
    "INSERT INTO search_fts(rowid, {fields}) VALUES (new.article_id, {new}); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]

POSTGRESQL_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, head), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, head_alt), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, body_alt), 'D')) STORED",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
]


def _statements(vendor, forward):
    if vendor == "sqlite":
        names = {
            "fields": ", ".join(FIELDS),
            "new": ", ".join(f"new.{field}" for field in FIELDS),
            "old": ", ".join(f"old.{field}" for field in FIELDS),
        }
        return [sql.format(**names) for sql in (SQLITE_FORWARD if forward else SQLITE_BACKWARD)]
    if vendor == "postgresql":
        return POSTGRESQL_FORWARD if forward else POSTGRESQL_BACKWARD
    raise NotImplementedError(f"khabar.search has no engine for {vendor}")


def forward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
