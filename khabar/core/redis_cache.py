"""Django's Redis cache with one client per connection pool, not one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
its constructor copies about 170 response callbacks into a case-insensitive dict: a tenth
of a millisecond each time. An uncached article page made nine cache calls then (two
round trips now, as scripts on this client) and a cached one two or three, so that was the
largest single item of an uncached page's profile after the templates. A `redis.Redis` is safe to
share between threads (each command borrows a connection from the pool), so one per pool
serves the whole process.
"""

from __future__ import annotations

import threading
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

# What Django's cache raises when Redis cannot be reached or does not answer in time
# (REDIS_TIMEOUT): the callers that can go on without it — rate limits, rankings — catch
# these and say so in the log.
UNREACHABLE: tuple[type[Exception], ...] = (redis.ConnectionError, redis.TimeoutError)


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._lock = threading.Lock()

    # django-stubs does not declare the client's private helpers used below.
    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            with self._lock:
                client = self._clients.setdefault(
                    id(pool),
                    self._client(connection_pool=pool),  # type: ignore[attr-defined]
                )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def client(self, *, write: bool = True) -> redis.Redis:
        """The raw client, for what Django's cache API lacks (SET NX PX, pipelines, scripts)."""
        # `_cache` (the RedisCacheClient) is missing from django-stubs' RedisCache.
        return self._cache.get_client(write=write)  # type: ignore[attr-defined]

    def encode(self, value: Any) -> Any:
        """`value` as `set` would store it (ints as they are, anything else pickled), for a
        script or pipeline on the raw client."""
        return self._cache._serializer.dumps(value)  # type: ignore[attr-defined]

    def decode(self, data: bytes) -> Any:
        """What `get` would return for the stored `data`."""
        return self._cache._serializer.loads(data)  # type: ignore[attr-defined]
