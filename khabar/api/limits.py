"""Who is calling the API, and whether they may: API keys and per-minute rate limits.

Written against the WSGI environ, like the page cache's hit path, so the same rules run in
the WSGI front before a cache hit (`gate`) and in Django for everything else
(`ApiLimitMiddleware`); a request is counted once, by whichever sees it first.

Counting: a fixed one-minute window per client in Django's cache (one `incr` in the common
case), so shared by every process through Redis when REDIS_URL is set. A client is its
address, hashed as comments hash it (`khabar.comments.clients`), or its API key, which has
its own limit. A fixed window lets a client spend two minutes' allowance across a
boundary; the limit is against floods, not a contract to the request.

Cost: every /api/ request pays for this, cache hits included, so it must stay small beside
a hit (tens of microseconds). Finding the address (ipware) and hashing it (two HMACs and
two address parses) cost far more than counting, and give the same answer for the same
headers all period long, so the answer is remembered per headers and period in a bounded
LRU. Counting itself is mostly in memory: each process takes a client's allowance from
the shared count a block at a time (`BLOCK_SHARE`), one round trip per block, where Django's
`incr` would take two per request (EXISTS, INCR).

Keys: checked against the database, so a revoked key fails with the next request. The
front has no database: a request that presents a key goes to Django, which checks it,
counts it against the key and then lets the page cache answer it like any other (the
content is the same for everyone; the key only buys a limit), with the key taken out of
the request so nothing inside mistakes it for a signed-in reader.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import threading
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from khabar.apikeys.models import ApiKey
from khabar.apikeys.selectors import api_key_for_secret
from khabar.comments import limits as comment_limits
from khabar.comments.clients import client_from_address, period_of
from khabar.core.redis_cache import UNREACHABLE, RedisCache
from khabar.pagecache.serve import Answer

logger = logging.getLogger(__name__)

PREFIX = "/api/"
WINDOW_SECONDS = 60
# Set in the WSGI environ once the request is counted, so Django does not count it again.
COUNTED = "khabar.api.counted"
# Longer than any key we make; a longer value is refused before it is hashed.
KEY_MAX_CHARS = 100
_CREDENTIALS = ("HTTP_AUTHORIZATION", "HTTP_X_API_KEY")
# Clients whose counting key is remembered in each process: a few hundred bytes each. A
# flood of new addresses only pushes old ones out; each then costs what a miss costs.
CLIENTS_REMEMBERED = 4096
# Headers longer than this (a forged X-Forwarded-For chain) are resolved afresh each time
# rather than remembered, so the LRU's memory stays bounded by its length.
HEADER_MAX_REMEMBERED = 200
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# A process takes a client's allowance from the shared count in blocks of this share of the
# limit (at least 1) and spends them without asking again. The shared count never passes
# the limit, so no client gets more; what a process holds and does not spend is lost to
# the others for the minute, so with P processes a client may be refused up to
# P × (block − 1) requests early (5 % of the limit per process).
BLOCK_SHARE = 20


class Refused(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after

    def headers(self) -> list[tuple[str, str]]:
        headers = [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            # A browser client must be able to read why, and when to come back.
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", "Retry-After"),
        ]
        if self.retry_after is not None:
            headers.append(("Retry-After", str(self.retry_after)))
        if self.status == 401:
            headers.append(("WWW-Authenticate", 'Bearer realm="api"'))
        return headers

    def body(self) -> bytes:
        return json.dumps(
            {"status": self.status, "message": self.message}, ensure_ascii=False
        ).encode()


def presented_key(environ: dict[str, Any]) -> str | None:
    """The key sent as `Authorization: Bearer <key>` or `X-Api-Key: <key>`, if any."""
    authorization = environ.get("HTTP_AUTHORIZATION")
    if authorization is not None:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Refused(401, "Send the API key as `Authorization: Bearer <key>` or `X-Api-Key`.")
        return value.strip()
    value = environ.get("HTTP_X_API_KEY")
    return value.strip() if value is not None else None


class _Held:
    """The allowances this process holds for the current window: client → requests left."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.window = -1
        self.left: dict[str, int] = {}

    def take(self, window: int, client: str) -> bool:
        with self.lock:
            if window != self.window:
                self.window, self.left = window, {}
            left = self.left.get(client, 0)
            if left > 0:
                self.left[client] = left - 1
            return left > 0

    def keep(self, window: int, client: str, left: int) -> None:
        with self.lock:
            if window != self.window or left <= 0:
                return
            if len(self.left) >= CLIENTS_REMEMBERED:  # a flood of addresses: start over
                self.left = {}
            self.left[client] = left


_held = _Held()


def count(client: str, *, limit: int, now: float) -> None:
    """Count one request of `client` in this minute; Refused (429) past `limit`."""
    window = int(now // WINDOW_SECONDS)
    if _held.take(window, client):
        return
    block = max(1, limit // BLOCK_SHARE)
    try:
        used = _incr(f"api:rate:{window}:{client}", block)
    except UNREACHABLE as error:
        # Readers and partners keep the API while the cache is down: no count, no refusal.
        logger.warning("API request not counted: the cache is unreachable (%s)", error)
        return
    granted = min(block, limit - (used - block))
    if granted <= 0:
        retry_after = max(1, (window + 1) * WINDOW_SECONDS - int(now))
        raise Refused(
            429,
            f"Too many requests: {limit} a minute are allowed; try again in {retry_after} "
            "seconds. Partners can ask for an API key with a higher limit.",
            retry_after,
        )
    _held.keep(window, client, granted - 1)  # this request spends one


def _incr(key: str, amount: int) -> int:
    """Add `amount` to the window's count, made at 0 (expiring after the window) if missing."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        return _incr_redis(backend, key, amount)
    return _incr_any(backend, key, amount)


def _incr_any(backend: BaseCache, key: str, amount: int) -> int:
    try:
        return backend.incr(key, amount)
    except ValueError:  # the window's first request (or the entry was evicted)
        if backend.add(key, amount, timeout=WINDOW_SECONDS + 1):
            return amount
        return backend.incr(key, amount)  # another process made it first


def _incr_redis(backend: RedisCache, key: str, amount: int) -> int:
    # One round trip, where Django's incr takes two (EXISTS, INCR) and add a third. Django
    # stores ints unpickled, so `cache.get` reads the count as before.
    redis_key = backend.make_and_validate_key(key)
    counter = _redis_counter(backend.client())
    return int(counter(keys=[redis_key], args=[WINDOW_SECONDS + 1, amount]))


# One command, atomic: the count is made with its expiry on the window's first request.
_REDIS_COUNT = """
local used = redis.call('INCRBY', KEYS[1], ARGV[2])
if used == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return used
"""


@functools.lru_cache(maxsize=64)
def _redis_counter(client: Any) -> Any:
    # One script object per client (the backend keeps one client per pool): the script is
    # sent by its SHA after the first time (EVALSHA, falling back to EVAL if the server
    # forgot it).
    return client.register_script(_REDIS_COUNT)


def count_address(environ: dict[str, Any], *, now: float) -> None:
    count(
        _address_client(environ, now=now),
        limit=settings.API_RATE_PER_MINUTE,
        now=now,
    )


def _address_client(environ: dict[str, Any], *, now: float) -> str:
    """The counting key of the request's address: the same headers, the same key."""
    period = period_of(datetime.datetime.fromtimestamp(now, datetime.UTC))
    # Exactly what the address rule reads (REMOTE_ADDR alone unless behind our proxy).
    headers = tuple(environ.get(name) for name in settings.AXES_IPWARE_META_PRECEDENCE_ORDER)
    if any(value is not None and len(value) > HEADER_MAX_REMEMBERED for value in headers):
        return _client_of(headers, period)
    return _remembered_client_of(headers, period)


def _client_of(headers: tuple[str | None, ...], period: int) -> str:
    # The address by the same rule as sign-in throttling (the right-most proxy hop when
    # behind our own proxy), hashed as comments hash it: never stored in clear (the LRU
    # keeps recent headers in this process's memory, never in the cache or a database).
    meta = {
        name: value
        for name, value in zip(settings.AXES_IPWARE_META_PRECEDENCE_ORDER, headers, strict=True)
        if value is not None
    }
    address = get_client_ip_address(SimpleNamespace(META=meta))
    start = _EPOCH + datetime.timedelta(days=period * comment_limits.HASH_PERIOD_DAYS)
    return f"a:{client_from_address(address, now=start).client_hash}"


_remembered_client_of = functools.lru_cache(maxsize=CLIENTS_REMEMBERED)(_client_of)


def api_key_check(secret: str) -> ApiKey:
    """The active key with this secret; Refused (401) for a wrong or revoked one."""
    api_key = api_key_for_secret(secret=secret) if len(secret) <= KEY_MAX_CHARS else None
    if api_key is None:
        raise Refused(401, "The API key is not valid.")
    if not api_key.is_active:
        raise Refused(401, "The API key was revoked.")
    return api_key


def gate(environ: dict[str, Any]) -> Answer | bool:
    """For the WSGI front, before it looks a page up: refuse, or say whether it may answer.

    True: counted, the front may answer from the cache. False: a keyed request, for Django.
    """
    if not environ.get("PATH_INFO", "").startswith(PREFIX):
        return True
    try:
        if presented_key(environ) is not None:
            return False
        count_address(environ, now=time.time())
    except Refused as refused:
        return Answer(refused.status, _REASONS[refused.status], refused.headers(), refused.body())
    environ[COUNTED] = True
    return True


_REASONS = {401: "Unauthorized", 429: "Too Many Requests"}


class ApiLimitMiddleware:
    """The same rules for requests that reach Django; outside the page cache, so its hits
    are counted too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX) or request.META.get(COUNTED):
            return self.get_response(request)
        try:
            secret = presented_key(request.META)
            if secret is None:
                count_address(request.META, now=time.time())
            else:
                api_key = api_key_check(secret)
                count(f"k:{api_key.pk}", limit=api_key.per_minute, now=time.time())
        except Refused as refused:
            response = HttpResponse(refused.body(), status=refused.status)
            for name, value in refused.headers():
                response.headers[name] = value
            return response
        for name in _CREDENTIALS:
            request.META.pop(name, None)
        return self.get_response(request)
