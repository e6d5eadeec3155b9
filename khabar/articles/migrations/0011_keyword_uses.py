from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

# The autocomplete looks keywords up by a prefix of their key. SQLite compares text byte by
# byte, so its range query uses the (edition, key) unique index as it is; PostgreSQL uses an
# index for `LIKE 'prefix%'` only in the C collation or with a pattern operator class.
PATTERN_INDEX = "articles_keyword_key_prefix"


def uses_count(apps, schema_editor):
    keyword = apps.get_model("articles", "Keyword")
    link = apps.get_model("articles", "ArticleKeyword")
    counts = (
        link.objects.filter(keyword=OuterRef("pk"))
        .order_by()
        .values("keyword")
        .annotate(n=Count("pk"))
        .values("n")
    )
    keyword.objects.update(uses=Coalesce(Subquery(counts), 0))


def pattern_index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {PATTERN_INDEX} ON articles_keyword (edition_id, key varchar_pattern_ops)"
        )


def pattern_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PATTERN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_changed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="keyword",
            name="uses",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="articles"),
        ),
        migrations.RunPython(uses_count, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="keyword",
            index=models.Index(fields=["edition", "-uses", "key"], name="keyword_edition_uses"),
        ),
        migrations.RunPython(pattern_index_create, pattern_index_drop),
    ]
