from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def links_copy_articles(apps, schema_editor):
    """Fill each keyword link's copies of its article's publication time and news code."""
    Article = apps.get_model("articles", "Article")
    ArticleKeyword = apps.get_model("articles", "ArticleKeyword")
    article = Article.objects.filter(pk=OuterRef("article_id"))
    ArticleKeyword.objects.update(
        article_published_at=Subquery(
            article.filter(status="published").values("published_at")[:1]
        ),
        article_code=Subquery(article.values("code")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_photo_corrections_top_stories"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlekeyword",
            name="article_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="articlekeyword",
            name="article_code",
            field=models.PositiveBigIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(links_copy_articles, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="articlekeyword",
            index=models.Index(
                fields=["keyword", "-article_published_at", "-article_code"],
                name="article_keyword_latest",
            ),
        ),
    ]
