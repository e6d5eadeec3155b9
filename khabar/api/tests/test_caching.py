"""The API in the page cache: stored, validated with ETags, refreshed by the newsroom's events,
and readable from any origin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.api.tests.conftest import get_json
from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.pagecache.tests.test_front import call

pytestmark = pytest.mark.django_db


def test_a_cached_list_shows_an_article_published_after_it_was_stored(
    client: Client, sample_article: Article, edition_ar: Edition, publish: Callable
) -> None:
    url = "/api/v1/articles?edition=ar"
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    fresh = publish(edition_ar, "خبر عاجل")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert [item["code"] for item in response.json()["items"]] == [fresh.code, 14027]


def test_an_article_carries_cache_headers_and_answers_304_to_its_etag(
    client: Client, sample_article: Article
) -> None:
    first = client.get("/api/v1/articles/ar/14027")
    assert first["Cache-Control"].startswith("public, max-age=")
    assert "a" + str(sample_article.pk) in first["Surrogate-Key"].split()
    again = client.get("/api/v1/articles/ar/14027", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["X-Cache"] == "HIT"


def test_an_edit_refreshes_the_cached_article_and_its_ninjs(
    client: Client, sample_article: Article, on_commit: Callable
) -> None:
    from khabar.articles import services
    from khabar.core.actors import IMPORTER

    for url in ("/api/v1/articles/ar/14027", "/api/v1/articles/ar/14027/ninjs"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
    on_commit(
        lambda: services.article_update(actor=IMPORTER, article=sample_article, headline="جديد")
    )
    assert get_json(client, "/api/v1/articles/ar/14027")["headline"] == "جديد"
    headlines = get_json(client, "/api/v1/articles/ar/14027/ninjs")["headlines"]
    assert headlines[0]["value"] == "جديد"


def test_errors_are_never_stored(client: Client, sample_article: Article) -> None:
    for url in ("/api/v1/articles/ar/1", "/api/v1/articles?limit=0"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "MISS"


def test_a_query_in_another_order_is_the_same_entry(
    client: Client, sample_article: Article
) -> None:
    client.get("/api/v1/articles?edition=ar&limit=5")
    assert client.get("/api/v1/articles?limit=5&edition=ar")["X-Cache"] == "HIT"


def test_the_front_never_answers_an_unknown_parameter_with_the_cached_list(
    client: Client, sample_article: Article
) -> None:
    """Hits are answered before Django: the key itself must tell the two queries apart."""
    started, _ = call("/api/v1/articles", QUERY_STRING="edition=ar")
    started, _ = call("/api/v1/articles", QUERY_STRING="edition=ar")
    assert started.headers["X-Cache"] == "HIT"
    started, body = call("/api/v1/articles", QUERY_STRING="edition=ar&colour=red")
    assert started.status.startswith("400")
    assert b"colour" in body


def test_every_answer_is_readable_from_any_origin(client: Client, sample_article: Article) -> None:
    for url in ("/api/v1/articles", "/api/v1/articles", "/api/v1/articles/ar/1"):
        response = client.get(url, headers={"Origin": "https://app.example"})
        assert response["Access-Control-Allow-Origin"] == "*"
    preflight: Any = client.options(
        "/api/v1/articles",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert (
        client.get("/ar/", headers={"Origin": "https://app.example"}).get(
            "Access-Control-Allow-Origin"
        )
        is None
    )


def test_head_is_answered_like_get_before_and_after_the_page_is_cached(
    client: Client, sample_article: Article
) -> None:
    first = client.head("/api/v1/articles/ar/14027")
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    client.get("/api/v1/articles/ar/14027")
    again = client.head("/api/v1/articles/ar/14027")
    assert again.status_code == 200 and again["X-Cache"] == "HIT"
    assert again["Access-Control-Allow-Origin"] == "*"
