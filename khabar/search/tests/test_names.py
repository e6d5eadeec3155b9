"""The names of published articles, kept beside their documents for the keyword suggestions:
a name that recurs in the archive is counted in the other published articles only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from khabar.articles import workflow
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.editions.models import Edition
from khabar.search.selectors import archive_name_counts
from khabar.search.tests.conftest import MakeArticle
from khabar.text.normalize import normalize

pytestmark = pytest.mark.django_db

LEAD = "التقى اللواء علي مملوك في دمشق وفدا. وقال علي مملوك إن دمشق ترحب."
MAMLOUK = normalize("علي مملوك")


def _counts(edition: Edition, article_id: int | None = None) -> dict[str, int]:
    return archive_name_counts(
        edition=edition, keys=[MAMLOUK, normalize("دمشق"), "غائب"], article_id=article_id
    )


def test_a_name_of_published_articles_is_counted_once_per_other_article(
    edition_ar: Edition, edition_fa: Edition, make_article: MakeArticle
) -> None:
    first = make_article(edition_ar, "لقاء في دمشق", lead=LEAD)
    make_article(edition_ar, "لقاء آخر", lead=LEAD)
    make_article(edition_fa, "دیدار", lead="علی مملوک در دمشق. علی مملوک گفت.")
    assert _counts(edition_ar)[MAMLOUK] == 2
    assert _counts(edition_ar, first.pk)[MAMLOUK] == 1  # the article itself is not "other"
    assert "غائب" not in _counts(edition_ar)


def test_an_unpublished_article_no_longer_counts(
    edition_ar: Edition,
    newsroom: Any,
    make_article: MakeArticle,
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = make_article(edition_ar, "لقاء في دمشق", lead=LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_unpublish(actor=newsroom.editor, article=article)
    assert _counts(edition_ar) == {}


def test_reindex_counts_the_names_of_an_archive_written_without_events(
    edition_ar: Edition,
) -> None:
    articles_bulk_create(
        edition=edition_ar,
        items=[
            BulkArticle(headline=f"خبر {n}", lead=LEAD, published_at=timezone.now())
            for n in range(3)
        ],
    )
    assert _counts(edition_ar) == {}
    call_command("reindex", stdout=io.StringIO())
    assert _counts(edition_ar)[MAMLOUK] == 3


def test_the_count_is_one_query(
    edition_ar: Edition, make_article: MakeArticle, django_assert_num_queries: Any
) -> None:
    make_article(edition_ar, "لقاء في دمشق", lead=LEAD)
    with django_assert_num_queries(1):
        _counts(edition_ar)
