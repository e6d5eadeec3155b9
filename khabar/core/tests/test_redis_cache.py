"""The Redis cache keeps one client per connection pool and still behaves as Django's."""

from __future__ import annotations

import logging
import threading
import time

import pytest
import redis
from pytest_django import Settings

from khabar.core.redis_cache import (
    RETRY_MAX_SECONDS,
    UNREACHABLE,
    Guarded,
    GuardedConnectionPool,
    Outage,
    RedisCache,
    Unreachable,
    outage_of,
)
from khabar.core.tests.redis_switch import RedisSwitch

REDIS_URL = "redis://127.0.0.1:6379/14"
RETRY = 0.3  # REDIS_RETRY_SECONDS in the redis_switch fixture


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


# An outage (core/redis_cache.py: Outage), on the real Redis behind a switch.


@pytest.fixture
def switched(redis_switch: RedisSwitch) -> RedisCache:
    return RedisCache(redis_switch.url(db=14), {"OPTIONS": {"socket_timeout": 0.2}})


def test_once_redis_is_unreachable_it_is_not_asked_until_the_pause_ends(
    switched: RedisCache, redis_switch: RedisSwitch, caplog: pytest.LogCaptureFixture
) -> None:
    switched.set("a", 1)
    redis_switch.set("refusing")
    with caplog.at_level(logging.WARNING, logger="khabar.core.redis_cache"):
        with pytest.raises(redis.ConnectionError):
            switched.get("a")
        tried = redis_switch.connections
        for _ in range(5):
            with pytest.raises(Unreachable):
                switched.get("a")
        assert redis_switch.connections == tried  # not one connection tried meanwhile
        redis_switch.set("up")
        time.sleep(RETRY)
        assert switched.get("a") == 1
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"Redis at 127.0.0.1:{redis_switch.port} is unreachable",
        f"Redis at 127.0.0.1:{redis_switch.port} answers again",
    ]


def test_a_server_that_never_answers_is_an_outage_after_one_timeout(
    switched: RedisCache, redis_switch: RedisSwitch
) -> None:
    switched.set("a", 1)
    redis_switch.set("silent")
    with pytest.raises(UNREACHABLE):
        switched.get("a")  # the connection is made; the answer never comes
    with pytest.raises(Unreachable):
        switched.get("a")


def test_a_connection_redis_closed_is_made_again_without_an_outage(
    redis_switch: RedisSwitch,
) -> None:
    # One connection kept, as the page cache keeps one per thread (Shared.client).
    pool = GuardedConnectionPool.from_url(redis_switch.url(db=14))
    client = redis.Redis(connection_pool=pool, single_connection_client=True)
    client.set("a", 1)
    redis_switch.set("up")  # cuts every open connection, as a restart of Redis does
    with pytest.raises(redis.ConnectionError):
        client.get("a")  # read from a closed connection: sent again by the caller if it likes
    assert client.get("a") == b"1"  # the next command connects again at once
    assert outage_of(f"127.0.0.1:{redis_switch.port}").pause == 0


def test_the_pause_doubles_after_each_failed_try_up_to_thirty_seconds(
    settings: Settings,
) -> None:
    settings.REDIS_RETRY_SECONDS = 10
    outage = Outage("redis.example:6379")
    pauses = []
    for _ in range(4):
        outage.failed(redis.ConnectionError("refused"))
        pauses.append(outage.pause)
        outage.failed(redis.ConnectionError("refused"))  # a thread's try in the same pause
        assert outage.pause == pauses[-1]
        outage.until = 0.0  # the pause has ended: the next failure is a new try's
    assert pauses == [10, 20, RETRY_MAX_SECONDS, RETRY_MAX_SECONDS]
    outage.answered()
    assert (outage.pause, outage.until) == (0, 0)
    outage.check()  # asked again at once


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("redis://127.0.0.1:6379/0", redis.Connection),
        ("rediss://127.0.0.1:6379/0", redis.SSLConnection),
        ("unix:///run/redis/redis.sock", redis.UnixDomainSocketConnection),
    ],
)
def test_every_kind_of_connection_is_guarded(url: str, kind: type) -> None:
    made = GuardedConnectionPool.from_url(url).make_connection()
    assert isinstance(made, Guarded) and isinstance(made, kind)


@pytest.mark.parametrize(
    "pool_class", ["redis.BlockingConnectionPool", redis.BlockingConnectionPool]
)
def test_a_pool_class_of_the_deployments_own_keeps_the_outage_pause(
    redis_switch: RedisSwitch, pool_class: object
) -> None:
    own = RedisCache(
        redis_switch.url(db=14),
        {"OPTIONS": {"socket_timeout": 0.2, "pool_class": pool_class, "max_connections": 4}},
    )
    own.set("a", 1)
    pool = own.client().connection_pool
    assert isinstance(pool, redis.BlockingConnectionPool) and pool.max_connections == 4
    redis_switch.set("refusing")
    with pytest.raises(redis.ConnectionError):
        own.get("a")
    tried = redis_switch.connections
    with pytest.raises(Unreachable):
        own.get("a")
    assert redis_switch.connections == tried
    redis_switch.set("up")
    time.sleep(RETRY)
    assert own.get("a") == 1
