"""Bad input is a clear JSON 400 or 404 with a message, never a 500 or an HTML page."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing
from django.test import Client
from pytest_django import Settings

from khabar.api.tests.conftest import get_json
from khabar.articles.models import Article

pytestmark = pytest.mark.django_db

FUTURE = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("colour=red", "Unknown parameter colour"),
        ("q=iran", "need an edition"),
        ("edition=ar&q=", "q"),
        ("edition=ar&q=" + "x" * 300, "q"),
        ("edition=ar&q=iran&since=2025-01-01T00:00:00Z", "do not go together"),
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=1000000000", "limit"),
        ("limit=ten", "limit"),
        ("cursor=garbage", "cursor"),
        ("cursor=" + "x" * 5000, "cursor"),
        ("since=yesterday", "since"),
        ("since=2025-01-01T00:00:00", "time zone"),
        ("since=" + FUTURE.replace("+", "%2B"), "future"),
        ("edition=xx", "no edition"),
        ("section=politics", "need an edition"),
        ("edition=ar&section=nope", "no section"),
        ("edition=ar&keyword=nope", "no keyword"),
    ],
)
def test_a_bad_list_query_is_a_400_that_says_what_is_wrong(
    client: Client, sample_article: Article, query: str, says: str
) -> None:
    body = get_json(client, f"/api/v1/articles?{query}", status=400)
    assert body["status"] == 400
    assert says in body["message"]


def test_a_forged_cursor_is_refused(client: Client, sample_article: Article) -> None:
    forged = signing.dumps({"o": "newest", "t": "2017-01-01T00:00:00+00:00", "i": 1}, key="x")
    body = get_json(client, f"/api/v1/articles?cursor={forged}", status=400)
    assert "cursor" in body["message"]


def test_a_cursor_of_the_newest_list_is_refused_by_the_sync(
    client: Client, sample_article: Article
) -> None:
    cursor = signing.dumps(
        {"o": "newest", "t": "2030-01-01T00:00:00+00:00", "i": 1}, salt="khabar.api.cursor"
    )
    body = get_json(
        client, f"/api/v1/articles?since=2017-01-01T00:00:00Z&cursor={cursor}", status=400
    )
    assert "since" in body["message"]


def test_since_accepts_any_digits(
    client: Client, sample_article: Article, settings: Settings
) -> None:
    settings.API_SYNC_SETTLE_SECONDS = 0
    body = get_json(client, "/api/v1/articles?since=۲۰۱۷-۰۱-۰۱T00:00:00Z")
    assert [item["code"] for item in body["items"]] == [14027]


def test_an_unknown_path_under_the_api_is_a_json_404(client: Client) -> None:
    assert get_json(client, "/api/v2/articles", status=404)["status"] == 404
    assert get_json(client, "/api/v1/nothing", status=404)["status"] == 404


def test_a_write_is_refused(client: Client, sample_article: Article) -> None:
    assert client.post("/api/v1/articles").status_code == 405
    assert client.delete("/api/v1/articles/ar/14027").status_code == 405
