"""The Redis cache keeps one client per connection pool and still behaves as Django's."""

from __future__ import annotations

import threading

import pytest
import redis

from khabar.core.redis_cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def cache() -> RedisCache:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    store = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    store.clear()
    return store


def test_every_call_uses_the_same_client(cache: RedisCache) -> None:
    client = cache.client()
    assert cache.client() is client
    assert cache.client(write=False) is client  # one server: reads use the same pool


def test_it_stores_and_reads_as_djangos_redis_cache(cache: RedisCache) -> None:
    assert cache.add("a", {"page": "۱۴۰۲۷"}) is True
    assert cache.add("a", "other") is False
    cache.set_many({"b": 2, "c": b"bytes"})
    assert cache.get_many(["a", "b", "c", "missing"]) == {
        "a": {"page": "۱۴۰۲۷"},
        "b": 2,
        "c": b"bytes",
    }
    assert cache.incr("b") == 3
    cache.delete("a")
    assert cache.get("a") is None


def test_threads_share_the_client_safely(cache: RedisCache) -> None:
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for step in range(50):
                cache.set(f"t{number}", step)
                assert cache.get(f"t{number}") == step
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
