"""Conditional requests (RFC 9110 §13) answered alike on a cache miss and on a hit."""

from __future__ import annotations

import re
import time

import pytest
from django.utils.http import http_date

from khabar.pagecache.middleware import content_etag
from khabar.pagecache.tests.test_front import call

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]

PAST = http_date(time.time() - 86_400)
FUTURE = http_date(time.time() + 86_400 * 365)


def both(path: str, **headers: str) -> list[str]:
    """The status of a first request (a miss) and of the same request again (a hit)."""
    statuses = []
    for expected in ("MISS", "HIT"):
        started, body = call(path, **headers)
        assert started.headers["X-Cache"] == expected
        statuses.append(started.status)
        if not started.status.startswith("200"):
            assert body == b""
    return statuses


def test_a_failing_if_match_is_412() -> None:
    assert both("/t/a", HTTP_IF_MATCH='"not-the-etag"') == ["412 Precondition Failed"] * 2


def test_a_matching_if_match_gets_the_page() -> None:
    first, _body = call("/t/b")
    started, _body = call("/t/b", HTTP_IF_MATCH=first.headers["ETag"])
    assert started.status == "200 OK"
    assert call("/t/b", HTTP_IF_MATCH="*")[0].status == "200 OK"


def test_an_if_unmodified_since_before_the_last_change_is_412() -> None:
    assert both("/t/a", HTTP_IF_UNMODIFIED_SINCE=PAST) == ["412 Precondition Failed"] * 2


def test_an_if_unmodified_since_after_the_last_change_gets_the_page() -> None:
    call("/t/a")
    started, _body = call("/t/a", HTTP_IF_UNMODIFIED_SINCE=http_date(time.time()))
    assert started.status == "200 OK"


def test_an_if_modified_since_in_the_future_is_ignored() -> None:
    assert both("/t/a", HTTP_IF_MODIFIED_SINCE=FUTURE) == ["200 OK"] * 2


def test_a_current_if_modified_since_is_304() -> None:
    call("/t/a")
    started, body = call("/t/a", HTTP_IF_MODIFIED_SINCE=http_date(time.time()))
    assert started.status == "304 Not Modified"
    assert body == b""


def test_the_etag_is_the_digest_of_the_body_the_same_on_a_hit() -> None:
    """Strong: it names these bytes, so two pages' bodies never share one, and a hit carries
    the one the miss made."""
    missed, body = call("/t/c")
    hit, again = call("/t/c")
    assert (missed.headers["X-Cache"], hit.headers["X-Cache"]) == ("MISS", "HIT")
    assert again == body
    assert missed.headers["ETag"] == hit.headers["ETag"] == content_etag(body)
    assert re.fullmatch(r'"[0-9a-f]{32}"', missed.headers["ETag"])
    assert call("/t/d")[0].headers["ETag"] != missed.headers["ETag"]
    assert content_etag(b"a") != content_etag(b"b")
