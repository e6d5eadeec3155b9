from __future__ import annotations

import datetime
import importlib

from django.apps import apps

from khabar.articles import services, workflow
from khabar.articles.models import ArticleKeyword
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

PUBLISHED_AT = datetime.datetime(2020, 5, 1, 9, 30, tzinfo=datetime.UTC)


def test_the_migration_copies_each_articles_publication_onto_its_keyword_links(
    edition_ar: Edition,
) -> None:
    migration = importlib.import_module("khabar.articles.migrations.0003_keyword_links_latest")
    published = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="خبر",
        keywords=["شمخاني"],
        published_at=PUBLISHED_AT,
    )
    taken_down = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="محذوف",
        keywords=["شمخاني"],
        published_at=PUBLISHED_AT,
    )
    workflow.article_unpublish(actor=IMPORTER, article=taken_down)
    draft = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="مسودة", keywords=["السورية"]
    )
    # As the links were before the migration: nothing copied yet.
    ArticleKeyword.objects.update(article_published_at=PUBLISHED_AT, article_code=0)

    migration.links_copy_articles(apps, None)

    links = ArticleKeyword.objects.values_list("article_id", "article_published_at", "article_code")
    assert sorted(links) == [
        (published.pk, PUBLISHED_AT, published.code),
        (taken_down.pk, None, taken_down.code),
        (draft.pk, None, draft.code),
    ]
