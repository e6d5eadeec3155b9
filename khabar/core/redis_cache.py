"""Django's Redis cache with one client per connection pool, not one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
its constructor copies about 170 response callbacks into a case-insensitive dict: a tenth
of a millisecond each time. An uncached article page made nine cache calls then (two
round trips now, as scripts on this client) and a cached one two or three, so that was the
largest single item of an uncached page's profile after the templates. A `redis.Redis` is safe to
share between threads (each command borrows a connection from the pool), so one per pool
serves the whole process.

And a Redis that does not answer is not asked again for a while, by any part of the process
(`Outage`): its connections are `Guarded`.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.module_loading import import_string
from redis.connection import AbstractConnection

logger = logging.getLogger(__name__)

# What Django's cache raises when Redis cannot be reached or does not answer in time
# (REDIS_TIMEOUT), or was found so moments ago (`Unreachable`): the callers that can go on
# without it — the page cache, rate limits, rankings — catch these.
UNREACHABLE: tuple[type[Exception], ...] = (redis.ConnectionError, redis.TimeoutError)
# However long an outage lasts, Redis is asked again at least this often.
RETRY_MAX_SECONDS = 30.0


class Unreachable(redis.ConnectionError):
    """Redis did not answer moments ago, so it is not asked yet (`Outage`)."""


class Outage:
    """Whether one Redis server answers, as this process last found it.

    Without it, in an outage every command of every request would wait for its own
    connection to fail: at once when Redis is down on a host that is up, but up to
    REDIS_TIMEOUT when the host is gone or cut off — and with one thread per app process, a
    second of that is a second the process serves nobody. Once a connection cannot be made,
    or an answer does not come in time, no connection to that server is tried for
    REDIS_RETRY_SECONDS, then for twice as long after each failed try, up to
    RETRY_MAX_SECONDS; the first answer ends it. A connection Redis closed (a restart, an
    idle timeout) is not an outage: its command is sent again on a new one, and only if
    that cannot be made is Redis unreachable. The log says when an outage starts and ends,
    once each.
    """

    def __init__(self, address: str) -> None:
        self.address = address
        self.pause = 0.0  # seconds; 0 while Redis answers
        self.until = 0.0  # time.monotonic() before which Redis is not asked
        self._lock = threading.Lock()

    def check(self) -> None:
        if self.until and time.monotonic() < self.until:
            raise Unreachable(f"Redis at {self.address} did not answer moments ago")

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            if now < self.until:
                return  # another thread's try failed first: one failure, one pause
            first = self.pause == 0
            minimum = settings.REDIS_RETRY_SECONDS
            self.pause = min(max(self.pause * 2, minimum), max(RETRY_MAX_SECONDS, minimum))
            self.until = now + self.pause
        if first:
            logger.error(
                "Redis at %s is unreachable (%s): going on without it, pages rendered "
                "uncached and rate limits uncounted; asking again in %.1f s, then less often",
                self.address,
                error,
                self.pause,
            )

    def answered(self) -> None:
        with self._lock:
            if not self.pause:
                return
            self.pause = self.until = 0.0
        logger.warning("Redis at %s answers again", self.address)


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_of(address: str) -> Outage:
    """The one `Outage` of this process for the server at `address`, shared by every pool."""
    with _outages_lock:
        return _outages.setdefault(address, Outage(address))


class Guarded(AbstractConnection):
    """A connection that reports to its server's `Outage`, and is not made during one."""

    outage: Outage

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outage = outage_of(self._host_error())

    def connect_check_health(self, *args: Any, **kwargs: Any) -> None:
        if self._sock:
            return
        self.outage.check()
        try:
            super().connect_check_health(*args, **kwargs)
        except UNREACHABLE as error:
            self.outage.failed(error)
            raise

    def read_response(self, *args: Any, **kwargs: Any) -> Any:
        try:
            response = super().read_response(*args, **kwargs)
        except redis.TimeoutError as error:
            self.outage.failed(error)
            raise
        if self.outage.pause:
            self.outage.answered()
        return response


_guarded_kinds: dict[type[AbstractConnection], type[AbstractConnection]] = {}


def _guarded(connection_class: type[AbstractConnection]) -> type[AbstractConnection]:
    """`connection_class` with `Guarded` in front, made once per kind (two pools made at
    once may each make one: either serves)."""
    if connection_class not in _guarded_kinds:
        _guarded_kinds[connection_class] = type(
            f"Guarded{connection_class.__name__}", (Guarded, connection_class), {}
        )
    return _guarded_kinds[connection_class]


class GuardedPool(redis.ConnectionPool):
    """A pool whose connections are `Guarded` whatever their kind (TCP, TLS, socket file:
    `from_url` chooses by the URL's scheme). Put in front of any pool class by
    `guarded_pool`."""

    def __init__(
        self, connection_class: type[AbstractConnection] = redis.Connection, **kwargs: Any
    ) -> None:
        super().__init__(connection_class=_guarded(connection_class), **kwargs)


_guarded_pools: dict[type[redis.ConnectionPool], type[redis.ConnectionPool]] = {}


def guarded_pool(pool_class: type[redis.ConnectionPool] | str) -> type[redis.ConnectionPool]:
    """`pool_class` (or its dotted path, as CACHES' OPTIONS may name it) with its
    connections `Guarded`, made once per class: a deployment's own pool (redis-py's
    BlockingConnectionPool, say) keeps the outage pause."""
    kind: type[redis.ConnectionPool] = (
        import_string(pool_class) if isinstance(pool_class, str) else pool_class
    )
    if issubclass(kind, GuardedPool):
        return kind
    if kind not in _guarded_pools:
        _guarded_pools[kind] = type(f"Guarded{kind.__name__}", (GuardedPool, kind), {})
    return _guarded_pools[kind]


GuardedConnectionPool = guarded_pool(redis.ConnectionPool)


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
        options = params.get("OPTIONS", {})
        pool_class = guarded_pool(options.get("pool_class", redis.ConnectionPool))
        self._options = {**options, "pool_class": pool_class}

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
