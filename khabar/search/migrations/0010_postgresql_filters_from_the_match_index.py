"""PostgreSQL: the documents' edition and section looked up through the match index only.

With the edition and section in the match's GIN index (0009), their own btree indexes let
the planner take a section's documents from the btree and test each one's vector, which it
counts as cheap and which is not (a vector is kilobytes, compressed out of line): a common
word in one section of 100,000 articles took 146 ms that way, reading 8,884 vectors. The
GIN index answers `section_id = …` and `edition_id = …` alone too (btree_gin), for the
cascades when a section or an edition is deleted.

SQLite keeps its two indexes: its search matches through the full-text index, never these,
and a section's deletion needs one there.
"""

from django.db import migrations, models

INDEXES = ("search_searchdocument_edition_id_7a0d91ab", "search_searchdocument_section_id_21471d03")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in zip(INDEXES, ("edition_id", "section_id"), strict=True):
            schema_editor.execute(f"CREATE INDEX {name} ON search_searchdocument ({column})")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_postgresql_match_by_day_and_edition")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="edition",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="editions.edition",
                    ),
                ),
                migrations.AlterField(
                    model_name="searchdocument",
                    name="section",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="+",
                        to="editions.section",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forward, backward, elidable=False)],
        )
    ]
