from __future__ import annotations

import datetime

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition


def test_an_imported_archive_article_does_not_count_as_updated(sample_article: Article) -> None:
    assert sample_article.updated_after_publication is None
    assert sample_article.last_changed_at == sample_article.published_at


def test_an_edit_long_after_publication_is_an_update(sample_article: Article) -> None:
    Article.objects.filter(pk=sample_article.pk).update(created_at=sample_article.published_at)
    article = services.article_update(actor=IMPORTER, article=sample_article, lead="مقدمة جديدة")
    assert article.updated_after_publication == article.updated_at
    assert article.last_changed_at == article.updated_at


def test_an_edit_in_the_first_minutes_is_not_an_update(edition_ar: Edition) -> None:
    from django.utils import timezone

    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", published_at=timezone.now()
    )
    assert article.published_at is not None
    article.updated_at = article.published_at + datetime.timedelta(minutes=4)
    assert article.updated_after_publication is None
    article.updated_at = article.published_at + datetime.timedelta(minutes=6)
    assert article.updated_after_publication == article.updated_at
