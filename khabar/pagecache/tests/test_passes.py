"""Passes (Varnish's hit-for-miss): after a render that cannot be stored, requests for that
URL render side by side instead of each waiting in turn for a page that never comes; a
page that can be stored again is stored by the first of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from django.test import Client, RequestFactory
from pytest_django import Settings

from khabar.pagecache import cache as cache_module
from khabar.pagecache import store
from khabar.pagecache.cache import NO_LOCK, Local, keys_invalidate, page_cache
from khabar.pagecache.tests.test_collapse import together
from khabar.pagecache.tests.urls import Meeting, Slow

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]


@pytest.fixture(params=["embedded", "redis", "redis-near"])
def setup(request: pytest.FixtureRequest, settings: Settings) -> Iterator[str]:
    """The embedded setup, or Redis as production configures it: every hit asking Redis, or
    with the process's near copy in front (the default)."""
    # Longer than the meeting's barrier waits: requests waiting for a render would break it.
    settings.PAGECACHE_WAIT_SECONDS = 10.0
    Meeting.found, Meeting.renders, Meeting.barrier = False, 0, None
    if request.param.startswith("redis"):
        request.getfixturevalue("prefix")  # conftest.py: Redis, a key prefix of its own
        settings.PAGECACHE_NEAR_SECONDS = 1.0 if request.param == "redis-near" else 0
    yield request.param
    Meeting.barrier = None


def meeting_key() -> str:
    return store.page_key(RequestFactory().get("/meeting"))


def side_by_side(count: int) -> list[tuple[str, bytes]]:
    """`count` requests for the meeting at once, each render waiting for all of them."""
    Meeting.barrier = threading.Barrier(count, timeout=5)
    try:
        return together("/meeting", count)
    finally:
        Meeting.barrier = None


def test_after_a_render_that_cannot_be_stored_its_requests_render_side_by_side(
    setup: str, client: Client
) -> None:
    first = client.get("/meeting")
    assert (first.status_code, first["X-Cache"]) == (404, "MISS")
    results = side_by_side(4)
    # Each reached the barrier together: none waited for another's render.
    assert results == [("MISS", b"<p>not yet</p>")] * 4
    assert Meeting.renders == 5


def test_a_page_that_can_be_stored_again_is_stored_by_the_first_render(
    setup: str, client: Client
) -> None:
    assert client.get("/meeting").status_code == 404
    Meeting.found = True  # the article is out, at the address that was a 404
    stored = client.get("/meeting")
    assert (stored.status_code, stored["X-Cache"]) == (200, "MISS")
    assert client.get("/meeting")["X-Cache"] == "HIT"
    assert Meeting.renders == 2


def test_when_the_pass_ends_one_request_takes_the_render_again(
    setup: str, client: Client, settings: Settings
) -> None:
    settings.PAGECACHE_PASS_SECONDS = 1.0
    client.get("/meeting")
    coordination = page_cache().coordination
    _, clock, token = coordination.page_or_lock(meeting_key(), 1.0)
    assert clock != NO_LOCK and token is None  # passing: no lock taken
    time.sleep(1.2)
    _, clock, token = coordination.page_or_lock(meeting_key(), 1.0)
    assert clock != NO_LOCK and token is not None  # this one renders; the others wait


def test_a_page_taken_down_is_dropped_and_its_requests_render_side_by_side(
    setup: str, client: Client
) -> None:
    Meeting.found = True
    client.get("/meeting")
    assert client.get("/meeting")["X-Cache"] == "HIT"
    Meeting.found = False
    keys_invalidate(["meeting"], hard=True)
    gone = client.get("/meeting")
    assert (gone.status_code, gone["X-Cache"]) == (404, "MISS")
    # The page stored before is of no more use (the render is the truth now): dropped.
    assert page_cache().coordination.page(meeting_key()) is None
    assert side_by_side(4) == [("MISS", b"<p>not yet</p>")] * 4


def test_a_render_that_fails_does_not_make_its_page_pass(setup: str) -> None:
    Slow.failing = True
    try:
        response = Client(raise_request_exception=False).get("/slow/failing")
    finally:
        Slow.failing = False
    assert response.status_code == 500
    key = store.page_key(RequestFactory().get("/slow/failing"))
    _, clock, token = page_cache().coordination.page_or_lock(key, 1.0)
    assert clock != NO_LOCK and token is not None


def test_the_embedded_setup_keeps_a_bounded_number_of_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache_module, "PASSES_MAX", 3)
    coordination = page_cache().coordination
    assert isinstance(coordination, Local)
    coordination.lock_release_passing("junk-0", "token", 0.0)  # expired at once
    for number in range(1, 3):
        coordination.lock_release_passing(f"junk-{number}", "token", 60.0)
    coordination.lock_release_passing("junk-3", "token", 60.0)
    assert set(coordination._passes) == {"junk-1", "junk-2", "junk-3"}  # the expired one gone
    coordination.lock_release_passing("junk-4", "token", 60.0)
    assert set(coordination._passes) == {"junk-4"}  # all live: started again
