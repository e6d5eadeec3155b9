"""Cached pages and the generations of surrogate keys, in Django's cache.

Every surrogate key has a generation: a value taken from one shared clock (a
counter in the cache). Invalidating keys draws a new value from the clock and
gives it to each of them. A cached page remembers the generations its keys had
when it was rendered; it is served only while all of them are unchanged.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.request import split_domain_port

from khabar.pagecache.journal import Journal
from khabar.pagecache.near import NearCache

CLOCK = "pcg:clock"
_GENERATION = "pcg:"
_ENTRY = "pce2:"


def cache() -> BaseCache:
    return caches[getattr(settings, "PAGECACHE_CACHE_ALIAS", "default")]


def generation_key(surrogate_key: str) -> str:
    return _GENERATION + surrogate_key


@dataclass(frozen=True, slots=True)
class CachedPage:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    generations: dict[str, int]
    article_id: int | None
    etag: str
    last_modified: int


def page_key(request: HttpRequest) -> str:
    """The entry of a request's URL (GET and HEAD share it); see `location_key`."""
    return location_key(
        request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")
    )


def environ_page_key(environ: dict[str, Any]) -> str:
    """`page_key` computed from the WSGI environ alone, as Django would see the request.

    Scheme, host and path follow HttpRequest.scheme, get_host() (unvalidated: a page is
    only ever stored under a host Django accepted) and path.
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        forwarded = environ.get(proxy_header[0])
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == proxy_header[1] else "http"
    host = (settings.USE_X_FORWARDED_HOST and environ.get("HTTP_X_FORWARDED_HOST")) or environ.get(
        "HTTP_HOST"
    )
    if not host:
        host = environ.get("SERVER_NAME", "")
        port = str(environ.get("SERVER_PORT", ""))
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    path_info = get_path_info(environ) or "/"
    path = "{}/{}".format(get_script_name(environ).rstrip("/"), path_info.replace("/", "", 1))
    return location_key(scheme, host, path, environ.get("QUERY_STRING", ""))


def location_key(scheme: str, host: str, path: str, query: str) -> str:
    """The entry of a URL: scheme, host, path and its `public_query`.

    The host's port is left out: ALLOWED_HOSTS accepts any port, and pages take their
    absolute URLs from SITE_URL, so `:1`, `:2`… would only split the cache.
    """
    host = split_domain_port(host)[0] or host
    location = f"{scheme}://{host}{path}?{public_query(query, path)}"
    return _ENTRY + hashlib.md5(location.encode(), usedforsecurity=False).hexdigest()


def public_query(query: str, path: str) -> str:
    """The query string a public page is rendered and cached for.

    Only the parameters the page at `path` reads (PAGECACHE_QUERY_PARAMS), in that order, the
    last value of each: any other parameter (`?x=1`, `?x=2`…, tracking tags) would otherwise
    make a new entry and a new render per value, a cheap way to empty the cache. The
    middleware gives the view this same query, so what is rendered is what the key says.
    """
    if not query:
        return ""
    wanted = query_params(path)
    found: dict[str, str] = {}
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name in wanted:
            found[name] = value
    return "&".join(f"{name}={found[name]}" for name in wanted if name in found)


def query_params(path: str) -> tuple[str, ...]:
    """The query parameters the page at `path` reads."""
    for pattern, names in settings.PAGECACHE_QUERY_PARAMS:
        if re.search(pattern, path):
            return names
    return ()


def page_get(store: BaseCache, key: str) -> CachedPage | None:
    """The stored page, if every key it shows still has the generation it was rendered with."""
    if isinstance(store, LocMemCache):
        _journal_apply(store)
    near = near_cache(store)
    page: CachedPage | None = near.page(key) if near else None
    if page is None:
        page = store.get(key)
        if page is not None and near:
            near.remember_page(key, page)
    if page is None:
        return None
    if generations_read(store, page.generations, near=near) != page.generations:
        if near:
            near.forget_page(key)
        return None
    return page


def page_put(store: BaseCache, key: str, page: CachedPage) -> None:
    store.set(key, page, getattr(settings, "PAGECACHE_TIMEOUT", 600))
    if near := near_cache(store):
        near.remember_page(key, page)


# One per process (Django's cache objects are per thread); reset when settings change.
_near: dict[str, NearCache | None] = {}


@receiver(setting_changed)
def _near_reset(*, setting: str, **kwargs: object) -> None:
    if setting == "CACHES" or setting.startswith("PAGECACHE_"):
        _near.clear()
        _journals.clear()


def near_cache(store: BaseCache) -> NearCache | None:
    """This process's near copy of pages and generations; None when turned off.

    In front of an in-process cache it keeps pages only (as objects, sparing an
    unpickling per hit); generations are read every time, the cache being local.
    """
    alias = getattr(settings, "PAGECACHE_CACHE_ALIAS", "default")
    found = _near.get(alias, False)
    if found is False:
        seconds = float(getattr(settings, "PAGECACHE_NEAR_SECONDS", 1.0))
        pages = getattr(settings, "PAGECACHE_NEAR_PAGES", 500)
        timeout = getattr(settings, "PAGECACHE_TIMEOUT", 600)
        if isinstance(store, LocMemCache):
            found = NearCache(seconds=0, max_pages=pages, page_seconds=timeout)
        elif seconds > 0:
            found = NearCache(seconds=seconds, max_pages=pages, page_seconds=timeout)
        else:
            found = None
        _near[alias] = found
    return found  # type: ignore[return-value]


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
    _generations_bump(store, keys)
    if isinstance(store, LocMemCache):
        journal().append(keys)


def _generations_bump(store: BaseCache, keys: set[str]) -> None:
    try:
        generation = store.incr(CLOCK)
    except ValueError:
        clock_start(store)
        generation = store.incr(CLOCK)
    store.set_many({generation_key(key): generation for key in keys}, timeout=None)
    if near := near_cache(store):
        near.remember_generations(dict.fromkeys(keys, generation))


_journals: dict[str, Journal] = {}


def journal() -> Journal:
    """This process's view of the journal shared with the setup's other processes."""
    path = settings.PAGECACHE_JOURNAL
    if path not in _journals:
        _journals[path] = Journal(Path(path), interval=settings.PAGECACHE_NEAR_SECONDS)
    return _journals[path]


def _journal_apply(store: BaseCache) -> None:
    """Apply what other processes invalidated (see journal.py)."""
    news = journal().news()
    if news is None:
        store.clear()
        _near.clear()
    elif news:
        _generations_bump(store, news)


def generations_read(
    store: BaseCache, keys: Iterable[str], *, near: NearCache | None = None
) -> dict[str, int | None]:
    """The current generation of each key (None when the cache has none).

    With `near`, readings younger than its time limit are taken from it.
    """
    current, unknown = near.generations(list(keys)) if near else ({}, list(keys))
    if unknown:
        names = {generation_key(key): key for key in unknown}
        found = store.get_many(list(names))
        fetched = {key: found.get(name) for name, key in names.items()}
        if near:
            near.remember_generations(fetched)
        current.update(fetched)
    return current


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
