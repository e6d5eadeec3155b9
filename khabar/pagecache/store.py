"""Cached pages and the generations of surrogate keys, in Django's cache.

Every surrogate key has a generation: a value taken from one shared clock (a
counter in the cache). Invalidating keys draws a new value from the clock and
gives it to each of them. A cached page remembers the generations its keys had
when it was rendered; it is served only while all of them are unchanged.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest

CLOCK = "pcg:clock"
_GENERATION = "pcg:"
_ENTRY = "pce1:"
# Query parameters that only say where a reader came from; they never change a page.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "msclkid", "yclid", "igshid", "_ga"})


def cache() -> BaseCache:
    return caches[getattr(settings, "PAGECACHE_CACHE_ALIAS", "default")]


def generation_key(surrogate_key: str) -> str:
    return _GENERATION + surrogate_key


def page_key(request: HttpRequest) -> str:
    """The entry of a URL: scheme, host, path and query without tracking parameters.

    GET and HEAD share it.
    """
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = "&".join(
            part
            for part in query.split("&")
            if part and not _is_tracking(part.split("=", 1)[0].lower())
        )
    location = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return _ENTRY + hashlib.md5(location.encode(), usedforsecurity=False).hexdigest()


def _is_tracking(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def clock_start(store: BaseCache) -> int:
    """The clock's value, setting it first if the cache lost it.

    A restarted clock begins at the current time in nanoseconds, far above any
    value handed out before (one per invalidation), so a generation that
    disappeared and comes back never repeats an old one.
    """
    store.add(CLOCK, time.time_ns(), timeout=None)
    value = store.get(CLOCK)
    return int(value) if value is not None else time.time_ns()


def keys_invalidate(keys: Iterable[str]) -> None:
    """Give the keys a new generation: every cached page showing them is stale from now on."""
    keys = set(keys)
    if not keys:
        return
    store = cache()
    try:
        generation = store.incr(CLOCK)
    except ValueError:
        clock_start(store)
        generation = store.incr(CLOCK)
    store.set_many({generation_key(key): generation for key in keys}, timeout=None)


def generations_read(store: BaseCache, keys: Iterable[str]) -> dict[str, int | None]:
    """The current generation of each key (None when the cache has none)."""
    names = {generation_key(key): key for key in keys}
    found = store.get_many(list(names))
    return {key: found.get(name) for name, key in names.items()}


def generations_settle(store: BaseCache, keys: Iterable[str], clock: int) -> dict[str, int] | None:
    """The generations to store with a page whose rendering began when the clock read `clock`.

    Keys never seen before start at `clock`. None when a key was invalidated after
    `clock`: the page may show what was there before the change, so it must not
    be stored.
    """
    current = generations_read(store, keys)
    missing = [key for key, value in current.items() if value is None]
    if missing:
        for key in missing:
            store.add(generation_key(key), clock, timeout=None)
        current.update(generations_read(store, missing))
    if any(value is None or value > clock for value in current.values()):
        return None
    return current  # type: ignore[return-value]
