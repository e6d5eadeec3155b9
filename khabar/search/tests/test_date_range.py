"""A date range finds exactly its articles, and on SQLite bounds the full-text walk itself."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import timezone

from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.search import documents
from khabar.search.backends import Order, base
from khabar.search.tests.conftest import Find, MakeArticle

pytestmark = pytest.mark.django_db

MICROSECOND = datetime.timedelta(microseconds=1)


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(2017, 1, 8, 12, 30, 15, 500_000, tzinfo=datetime.UTC),
        datetime.datetime(2017, 1, 8, 12, 30, 15, tzinfo=datetime.UTC),
        datetime.datetime(1965, 3, 1, 8, 0, 0, 250_000, tzinfo=datetime.UTC),
    ],
    ids=["fraction of a second", "whole second", "before 1970"],
)
def test_a_range_keeps_its_start_and_drops_its_end_to_the_microsecond(
    edition_ar: Edition, make_article: MakeArticle, find: Find, start: datetime.datetime
) -> None:
    end = start + datetime.timedelta(days=2)
    at = {
        "before start": start - MICROSECOND,
        "start": start,
        "last instant": end - MICROSECOND,
        "end": end,
    }
    made = {name: make_article(edition_ar, "سوريا", published_at=when) for name, when in at.items()}
    found = find(edition_ar, "سوريا", order=Order.DATE, start=start, end=end)
    assert found == [made["last instant"].pk, made["start"].pk]


def test_the_newest_matches_are_the_latest_published_not_the_latest_written(
    edition_ar: Edition, make_article: MakeArticle, find: Find, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An archive imported after the site went live: the old articles have the higher ids.
    monkeypatch.setattr(base, "CANDIDATES", 2)
    now = timezone.now()
    recent = [
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=d))
        for d in (1, 2)
    ]
    imported = [
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=900 + d))
        for d in (1, 2)
    ]
    assert min(a.pk for a in imported) > max(a.pk for a in recent)
    assert find(edition_ar, "سوريا") == [a.pk for a in recent]


def test_an_article_whose_date_changes_is_found_in_its_new_range_only(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    first = datetime.datetime(2020, 5, 1, tzinfo=datetime.UTC)
    moved = datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC)
    article = make_article(edition_ar, "سوريا", published_at=first)
    Article.objects.filter(pk=article.pk).update(published_at=moved)
    documents.document_update(article_id=article.pk)
    day = datetime.timedelta(days=1)
    assert find(edition_ar, "سوريا", start=moved - day, end=moved + day) == [article.pk]
    assert find(edition_ar, "سوريا", start=first - day, end=first + day) == []


@pytest.fixture
def sqlite_steps() -> Iterator[list[int]]:
    """How many virtual-machine steps (in thousands) SQLite runs while the test reads it."""
    if connection.vendor != "sqlite":
        pytest.skip("FTS5's rowid range is SQLite's")
    connection.ensure_connection()
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    connection.connection.set_progress_handler(count, 1000)
    yield steps
    connection.connection.set_progress_handler(None, 0)


def test_on_sqlite_a_narrow_range_skips_the_matches_outside_it(
    edition_ar: Edition, make_article: MakeArticle, find: Find, sqlite_steps: list[int]
) -> None:
    # 400 articles a day apart hold the word; the range asks for the oldest three days. Were
    # the range only checked on each match, FTS5 would hand over all 400, newest first.
    oldest = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
    articles = [
        make_article(edition_ar, "سوريا", published_at=oldest + datetime.timedelta(days=n))
        for n in range(400)
    ]
    window = {"start": oldest, "end": oldest + datetime.timedelta(days=3)}
    sqlite_steps[0] = 0
    found = find(edition_ar, "سوريا", order=Order.DATE, **window)
    narrow = sqlite_steps[0]
    sqlite_steps[0] = 0
    everything = find(edition_ar, "سوريا", order=Order.DATE)
    whole = sqlite_steps[0]
    assert found == [a.pk for a in reversed(articles[:3])]
    assert len(everything) == 400
    assert narrow * 20 < whole, (narrow, whole)
