"""Each hand-written read of the search tables returns what its ORM twin returns (run on
SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db.models import Count

from khabar.editions.models import Edition
from khabar.search import sql
from khabar.search.models import SearchName
from khabar.search.tests.conftest import MakeArticle

pytestmark = pytest.mark.django_db


def _orm(edition: Edition, keys: list[str], article_id: int, cap: int) -> dict[str, int]:
    counted = (
        SearchName.objects.filter(edition=edition, key__in=keys)
        .exclude(document_id=article_id)
        .values_list("key")
        .annotate(articles=Count("document_id"))
    )
    return {key: min(articles, cap) for key, articles in counted.values_list("key", "articles")}


def test_archive_name_counts_is_the_orm_grouped_count_stopped_at_the_cap(
    edition_ar: Edition, edition_fa: Edition, make_article: MakeArticle
) -> None:
    lead = "التقى علي مملوك في دمشق وفدا. وقال علي مملوك إن دمشق ترحب."
    articles = [make_article(edition_ar, f"خبر {n}", lead=lead) for n in range(4)]
    make_article(edition_ar, "حلب", lead="وصل الوفد الى حلب. حلب تنتظر.")
    make_article(edition_fa, "دمشق", lead="علی مملوک در دمشق. علی مملوک گفت.")
    keys = [*SearchName.objects.values_list("key", flat=True).distinct(), "غائب"]
    assert len(keys) > 3
    for cap in (2, 50):
        for article_id in (articles[0].pk, 0):
            got = sql.archive_name_counts_capped(
                edition_id=edition_ar.pk, keys=keys, article_id=article_id, cap=cap
            )
            assert got == _orm(edition_ar, keys, article_id, cap), (cap, article_id)
    assert (
        sql.archive_name_counts_capped(edition_id=edition_ar.pk, keys=[], article_id=None, cap=2)
        == {}
    )
