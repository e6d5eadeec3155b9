"""A date range finds exactly its articles, and on SQLite bounds the full-text walk itself;
the newest matches are the latest published, however the engine looks for them."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.search import documents
from khabar.search.backends import Filters, Order, backend, base
from khabar.search.backends import postgresql as postgresql_backend
from khabar.search.backends.base import SearchBackend
from khabar.search.tests.conftest import Find, MakeArticle
from khabar.text.analysis import query_parse

pytestmark = pytest.mark.django_db

MICROSECOND = datetime.timedelta(microseconds=1)


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(2017, 1, 8, 12, 30, 15, 500_000, tzinfo=datetime.UTC),
        datetime.datetime(2017, 1, 8, 12, 30, 15, tzinfo=datetime.UTC),
        datetime.datetime(1965, 3, 1, 8, 0, 0, 250_000, tzinfo=datetime.UTC),
        # Tehran's midnight is the previous day in UTC, where the index keeps its days.
        datetime.datetime(2017, 1, 8, 0, 0, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Tehran")),
    ],
    ids=["fraction of a second", "whole second", "before 1970", "Tehran's midnight"],
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


def _every_way(
    edition: Edition, text: str, **filters: Any
) -> list[tuple[list[int], int | None, bool]]:
    """The engine's answer for each order and page, beside the base's plain one."""
    parsed = query_parse(text, language=edition.language)
    assert parsed.expression is not None
    searching = Filters(edition_id=edition.pk, now=timezone.now(), **filters)
    answers = []
    for order in Order:
        for offset in (0, 2):
            for search in (backend().search, functools.partial(SearchBackend.search, backend())):
                hits = search(parsed.expression, searching, order=order, offset=offset, limit=2)
                answers.append((hits.ids, hits.total, hits.more))
    return answers


@pytest.mark.parametrize(
    "ages",
    [
        [1, 2, 3, 4, 5, 40, 400, 800],  # the last 30 days hold enough
        [1, 40, 50, 60, 70, 400, 800],  # the last year does
        [1, 40, 400, 800, 900, 1000],  # only the whole archive does
        [1, 2],  # nothing holds enough
    ],
    ids=["month", "year", "archive", "few"],
)
def test_the_newest_matches_are_the_same_however_the_engine_looks_for_them(
    edition_ar: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch, ages: list[int]
) -> None:
    monkeypatch.setattr(base, "CANDIDATES", 3)
    now = timezone.now()
    for days in ages:
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=days))
    for filters in (
        {},
        {"end": now - datetime.timedelta(days=20)},
        {"start": now - datetime.timedelta(days=100)},
    ):
        answers = _every_way(edition_ar, "سوريا", **filters)
        assert answers[0::2] == answers[1::2], filters


def test_a_window_counted_full_of_matches_no_longer_public_still_finds_the_older_ones(
    edition_ar: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index has not caught up with four take-downs yet: their documents still match.
    monkeypatch.setattr(base, "CANDIDATES", 3)
    now = timezone.now()
    gone = [
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=d))
        for d in (1, 2, 3, 4)
    ]
    older = [
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=d))
        for d in (100, 200)
    ]
    Article.objects.filter(pk__in=[a.pk for a in gone]).update(status=Article.Status.UNPUBLISHED)
    answers = _every_way(edition_ar, "سوريا")
    assert answers[0::2] == answers[1::2]
    assert answers[0] == ([a.pk for a in older], 2, False)


@pytest.fixture
def postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the windows are PostgreSQL's")


@pytest.mark.usefixtures("postgresql")
def test_on_postgresql_a_common_word_is_looked_for_in_the_newest_window_that_holds_enough(
    edition_ar: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "CANDIDATES", 3)
    now = timezone.now()
    for days in (1, 2, 3, 4, 100, 200, 300, 400):
        make_article(edition_ar, "سوريا الحرب", published_at=now - datetime.timedelta(days=days))
    for days in (100, 200, 300, 400, 500):
        make_article(edition_ar, "الحرب", published_at=now - datetime.timedelta(days=days))
    filters = Filters(edition_id=edition_ar.pk, now=now)
    engine = backend()

    def window(text: str) -> Filters | None:
        parsed = query_parse(text, language="ar")
        assert parsed.expression is not None
        return engine._window(parsed.expression, filters)  # type: ignore[attr-defined]

    month = now - postgresql_backend.FIRST_WINDOW
    assert window("سوريا") == dataclasses.replace(filters, start=month)
    assert window("الحرب") == dataclasses.replace(filters, start=month)
    assert window("حرب سوريا") == dataclasses.replace(filters, start=month)
    make_article(edition_ar, "هدنة", published_at=now - datetime.timedelta(days=1))
    assert window("هدنة") is None


@pytest.mark.usefixtures("postgresql")
def test_on_postgresql_the_next_window_is_as_long_as_the_last_count_says_will_hold_enough(
    edition_ar: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "CANDIDATES", 3)
    now = timezone.now()
    for days in (10, 40, 50, 60, 400):
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=days))
    parsed = query_parse("سوريا", language="ar")
    assert parsed.expression is not None
    filters = Filters(edition_id=edition_ar.pk, now=now)
    # One match in the first 30 days, four wanted with room: 30 × 1.5 × 4 ÷ 1 = 180 days.
    expected = dataclasses.replace(filters, start=now - datetime.timedelta(days=180))
    assert backend()._window(parsed.expression, filters) == expected  # type: ignore[attr-defined]
    assert _every_way(edition_ar, "سوريا")[0::2] == _every_way(edition_ar, "سوريا")[1::2]
