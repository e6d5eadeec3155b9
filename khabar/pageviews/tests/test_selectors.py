"""The "most viewed" list of an edition."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.pageviews.models import ArticleViewDay
from khabar.pageviews.selectors import most_viewed

YESTERDAY = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)


@pytest.fixture
def make(edition_ar: Edition) -> Callable[..., Article]:
    def make_article(headline: str, edition: Edition = edition_ar, **fields: Any) -> Article:
        fields.setdefault("published_at", YESTERDAY)
        return services.article_create(actor=IMPORTER, edition=edition, headline=headline, **fields)

    return make_article


def views(article: Article, days_ago: int, count: int) -> None:
    day = timezone.now().date() - datetime.timedelta(days=days_ago)
    ArticleViewDay.objects.create(article=article, day=day, count=count)


def test_most_viewed_orders_by_views_summed_over_the_window(
    make: Callable[..., Article], edition_ar: Edition
) -> None:
    steady, spike, quiet = make("ثابت"), make("قفزة"), make("هادئ")
    views(steady, 0, 40)
    views(steady, 1, 40)
    views(spike, 0, 70)
    views(quiet, 2, 5)
    ranked = most_viewed(edition=edition_ar, days=7)
    assert [a.headline for a in ranked] == ["ثابت", "قفزة", "هادئ"]
    assert [a.views for a in ranked] == [80, 70, 5]


def test_views_before_the_window_do_not_count(
    make: Callable[..., Article], edition_ar: Edition
) -> None:
    old_hit, fresh = make("قديم"), make("جديد")
    views(old_hit, 3, 1000)
    views(old_hit, 0, 1)
    views(fresh, 0, 10)
    assert [a.headline for a in most_viewed(edition=edition_ar, days=3)] == ["جديد", "قديم"]
    assert [a.views for a in most_viewed(edition=edition_ar, days=4)] == [1001, 10]
    assert [a.headline for a in most_viewed(edition=edition_ar, days=1)] == ["جديد", "قديم"]


def test_only_the_editions_published_articles_are_listed(
    make: Callable[..., Article], edition_ar: Edition, edition_fa: Edition
) -> None:
    shown = make("منشور")
    taken_down = make("محذوف")
    workflow.article_unpublish(actor=IMPORTER, article=taken_down)
    draft = make("مسودة", published_at=None)
    scheduled = make("مجدول", published_at=timezone.now() + datetime.timedelta(hours=2))
    persian = make("فارسی", edition=edition_fa)
    for article in (shown, taken_down, draft, scheduled, persian):
        views(article, 0, 10 if article is shown else 500)
    assert most_viewed(edition=edition_ar, days=7) == [shown]


def test_the_limit_keeps_the_top_ones(make: Callable[..., Article], edition_ar: Edition) -> None:
    for n in range(5):
        views(make(f"خبر {n}"), 0, n + 1)
    assert [a.views for a in most_viewed(edition=edition_ar, days=1, limit=3)] == [5, 4, 3]


def test_most_viewed_is_one_query_and_carries_what_a_link_needs(
    make: Callable[..., Article],
    edition_ar: Edition,
    django_assert_num_queries: Callable,
) -> None:
    for n in range(3):
        views(make(f"خبر {n}"), 0, n + 1)
    with django_assert_num_queries(1):
        ranked = most_viewed(edition=edition_ar, days=1)
        assert [(a.edition.code, a.code, a.slug, a.published_at) for a in ranked]


def test_a_ranking_is_reused_and_its_articles_read_by_key_alone(
    make: Callable[..., Article],
    edition_ar: Edition,
    django_assert_num_queries: Callable,
) -> None:
    first, second = make("أول"), make("ثان")
    views(first, 0, 5)
    views(second, 0, 3)
    most_viewed(edition=edition_ar, days=1)
    ArticleViewDay.objects.filter(article=second).update(count=10)  # unseen until re-ranked
    with django_assert_num_queries(1) as queries:
        ranked = most_viewed(edition=edition_ar, days=1)
        assert [(a.headline, a.views, a.edition.code) for a in ranked] == [
            ("أول", 5, "ar"),
            ("ثان", 3, "ar"),
        ]
    assert "pageviews" not in queries.captured_queries[0]["sql"]
    cache.clear()
    assert [a.headline for a in most_viewed(edition=edition_ar, days=1)] == ["ثان", "أول"]


def test_a_reused_ranking_shows_an_edit_and_leaves_a_take_down_out_at_once(
    make: Callable[..., Article], edition_ar: Edition
) -> None:
    edited, taken_down, kept = make("قبل"), make("محذوف"), make("باق")
    for n, article in enumerate((edited, taken_down, kept)):
        views(article, 0, 10 - n)
    most_viewed(edition=edition_ar, days=7)
    services.article_update(actor=IMPORTER, article=edited, headline="بعد")
    workflow.article_unpublish(actor=IMPORTER, article=taken_down)
    assert [a.headline for a in most_viewed(edition=edition_ar, days=7)] == ["بعد", "باق"]


def test_an_edition_without_views_has_an_empty_list(
    make: Callable[..., Article], edition_ar: Edition
) -> None:
    make("لم يقرأ")
    assert most_viewed(edition=edition_ar, days=7) == []


def test_most_viewed_is_ranked_from_the_database_while_the_cache_is_down(
    make: Callable[..., Article], edition_ar: Edition, redis_switch: Any
) -> None:
    read, unread = make("مقروء"), make("غير مقروء")
    views(read, 0, 9)
    views(unread, 0, 1)
    redis_switch.set("refusing")
    assert [a.headline for a in most_viewed(edition=edition_ar, days=7)] == ["مقروء", "غير مقروء"]
