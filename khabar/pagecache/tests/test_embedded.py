"""The embedded setup (no Redis): pages in the process's cache, generations in the process."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from pytest_django import Settings

from khabar.pagecache import cache, store
from khabar.pagecache.cache import Miss, keys_invalidate, page_cache

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]


def test_a_hit_reads_nothing_from_djangos_cache(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is kept as an object and its keys' generations in a dict: no cache lock, no
    unpickling of the page or per key (a home page shows dozens)."""
    client.get("/t/a1,a2,latest-ar")
    reads: list[Any] = []

    def read(*args: Any, **kwargs: Any) -> None:
        reads.append(args)

    monkeypatch.setattr(caches["default"], "get", read)
    monkeypatch.setattr(caches["default"], "get_many", read)
    assert client.get("/t/a1,a2,latest-ar")["X-Cache"] == "HIT"
    assert reads == []


def test_pages_older_than_forgotten_generations_are_never_served_stale(
    client: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its bound the process forgets every generation and hard purge: a page rendered
    before could be one a take-down purged, so it waits for a render instead."""
    settings.PAGECACHE_WAIT_SECONDS = 0.05
    monkeypatch.setattr(cache, "LOCAL_GENERATIONS_MAX", 2)
    client.get("/t/a1")
    keys_invalidate(["b1", "b2"])  # one key too many: everything forgotten
    request = RequestFactory().get("/t/a1")
    elsewhere = page_cache().lookup(request.META, store.page_key(request))
    assert isinstance(elsewhere, Miss) and elsewhere.previous is None
    try:
        assert client.get("/t/a1")["X-Cache"] == "MISS"  # not STALE
    finally:
        elsewhere.release()


def test_a_page_found_fresh_again_and_again_is_stale_at_the_next_invalidation(
    client: Client,
) -> None:
    """Its freshness is remembered between hits, until an invalidation moves the clock."""
    client.get("/t/a1,a2")
    assert client.get("/t/a1,a2")["X-Cache"] == "HIT"
    assert client.get("/t/a1,a2")["X-Cache"] == "HIT"
    keys_invalidate(["a2"])
    assert client.get("/t/a1,a2")["X-Cache"] == "MISS"
