"""`q` on the article list: the search page's ranking, walked by a cursor that holds still."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from khabar.api.tests.conftest import get_json
from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

pytestmark = pytest.mark.django_db


def _url(query: str, **params: object) -> str:
    extra = "".join(f"&{name}={quote(str(value))}" for name, value in params.items())
    return f"/api/v1/articles?edition=ar&q={quote(query)}{extra}"


def _walk(client: Client, query: str, limit: int, between: Callable[[], object]) -> list[int]:
    """Every result's code, following the cursors to the end, with `between` between pages."""
    url = _url(query, limit=limit)
    codes: list[int] = []
    while True:
        body = get_json(client, url)
        codes.extend(item["code"] for item in body["items"])
        if body["next_cursor"] is None:
            return codes
        between()
        url = _url(query, limit=limit, cursor=body["next_cursor"])


def test_q_lists_the_matching_articles_best_first(
    client: Client, edition_ar: Edition, publish: Callable[..., Article]
) -> None:
    old = timezone.now() - datetime.timedelta(days=300)
    lead_only = publish(edition_ar, "خبر عاجل", lead="الهدنة في غزة", published_at=old)
    headline = publish(edition_ar, "الهدنة الهدنة في غزة", lead="الهدنة")
    publish(edition_ar, "الطقس اليوم")

    body = get_json(client, _url("الهدنة"))

    assert [item["code"] for item in body["items"]] == [headline.code, lead_only.code]
    assert body["next_cursor"] is None
    assert body["items"][0]["api_url"].endswith(f"/api/v1/articles/ar/{headline.code}")


def test_q_leaves_out_drafts_and_other_editions(
    client: Client,
    edition_ar: Edition,
    edition_fa: Edition,
    publish: Callable[..., Article],
    on_commit: Callable[..., Article],
) -> None:
    shown = publish(edition_ar, "الهدنة في غزة")
    on_commit(
        lambda: services.article_create(actor=IMPORTER, edition=edition_ar, headline="الهدنة")
    )
    publish(edition_fa, "الهدنة")

    assert [item["code"] for item in get_json(client, _url("الهدنة"))["items"]] == [shown.code]


def test_walking_the_results_meets_each_once_while_articles_are_published(
    client: Client, edition_ar: Edition, publish: Callable[..., Article]
) -> None:
    before = [publish(edition_ar, f"الهدنة رقم {n}").code for n in range(5)]
    published_during: list[int] = []

    def publish_a_better_match() -> None:
        published_during.append(publish(edition_ar, "الهدنة الهدنة الهدنة").code)

    codes = _walk(client, "الهدنة", 2, between=publish_a_better_match)

    assert sorted(codes) == sorted(before)
    assert not set(codes) & set(published_during)
    # A new search meets them, first: they match best and are newest.
    fresh = get_json(client, _url("الهدنة", limit=10))["items"]
    assert {item["code"] for item in fresh[:2]} == set(published_during)


def test_a_search_cursor_is_kept_to_its_limit_and_its_list(
    client: Client, edition_ar: Edition, publish: Callable[..., Article]
) -> None:
    for n in range(3):
        publish(edition_ar, f"الهدنة {n}")
    cursor = get_json(client, _url("الهدنة", limit=2))["next_cursor"]

    other_limit = get_json(client, _url("الهدنة", limit=3, cursor=cursor), status=400)
    without_q = get_json(client, f"/api/v1/articles?edition=ar&limit=2&cursor={cursor}", 400)
    newest = get_json(client, "/api/v1/articles?limit=1")["next_cursor"]
    newest_with_q = get_json(client, _url("الهدنة", limit=1, cursor=newest), status=400)

    assert "limit=2" in other_limit["message"]
    assert "q" in without_q["message"]
    assert "cursor" in newest_with_q["message"]


def test_q_that_finds_nothing_offers_a_spelling_that_does(
    client: Client, edition_ar: Edition, publish: Callable[..., Article]
) -> None:
    publish(edition_ar, "مفاوضات الهدنة")

    body = get_json(client, _url("مفاوضاط"))

    assert body["items"] == []
    assert body["suggestion"] == "مفاوضات"


def test_q_of_no_words_finds_nothing(client: Client, sample_article: Article) -> None:
    body = get_json(client, _url("..."))

    assert body == {"items": [], "next_cursor": None, "suggestion": None}


def test_q_results_are_cached_and_a_publication_refreshes_them(
    client: Client, edition_ar: Edition, publish: Callable[..., Article]
) -> None:
    publish(edition_ar, "الهدنة الأولى")
    assert get_json(client, _url("الهدنة"))["items"]
    assert client.get(_url("الهدنة"))["X-Cache"] == "HIT"

    publish(edition_ar, "الهدنة الثانية")

    response = client.get(_url("الهدنة"))
    assert response["X-Cache"] == "MISS"
    assert len(response.json()["items"]) == 2
