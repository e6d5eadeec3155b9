"""The page cache: anonymous pages rendered once, served until what they show changes.

Views name what a page shows with surrogate keys (`khabar.core.surrogate.tag`).
This middleware stores each tagged anonymous 200 response in Django's cache
(in-process on the embedded setup, Redis shared by every app process in
production) together with the *generation* of each of its keys, and serves it
again while those generations are unchanged. Domain events (publish, edit,
correction, keyword change, top stories…) give new generations to exactly the
keys they affect (`receivers.py`), which makes every page showing them stale at
once, in every process, without knowing which pages those are.

Why generations rather than deleting pages: a page does not know in advance
which keys it will carry, and a key does not know its pages. Keeping a key →
pages index in the cache would need atomic set updates the cache API lacks and
would grow without bound; bumping a counter is one write per key, and a stale
page simply fails its check and is replaced (or expires after PAGECACHE_TIMEOUT).
Generations come from one clock, so a page rendered while an invalidation
happens can tell (a generation newer than the clock it read before rendering)
and is not stored with the old content.

Why no database on a hit: the hit path reads the cache twice (the page with the
clock, then its keys' generations with one get_many) and nothing else. It runs
above the session and authentication middleware and recognises anonymous
readers by the absence of a session cookie, so `request.user` is never loaded.
Counting the view is an in-process increment (`khabar.pageviews`).

Responses carry a strong ETag and Last-Modified (304s from the cache too),
`Cache-Control: public` with stale-while-revalidate for a CDN or proxy, and the
keys as `Surrogate-Key` / `Cache-Tag` for targeted purges. Requests with a
session (staff) bypass the cache and get `Cache-Control: private, no-store`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date

from khabar.pagecache import store
from khabar.pageviews.bots import is_bot
from khabar.pageviews.recorder import record

PRIVATE = "private, no-store"
# Set in the WSGI environ by the front once it has looked the page up and missed.
CHECKED = "khabar.pagecache.checked"
# Statuses that count as a view of the page: a reader opening it, or re-opening it (304).
VIEWED = frozenset({200, 304})


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_cacheable_request(request):
            return self.get_response(request)
        if is_personal_request(request):
            return self._bypass(request)

        cache = store.cache()
        key = store.page_key(request)
        if not request.META.get(CHECKED):
            hit = cached_response(request, cache=cache, key=key)
            if hit is not None:
                return hit

        # Read before rendering: a change during the render leaves a newer generation.
        clock = store.clock_start(cache)
        response = self.get_response(request)
        keys: set[str] = getattr(response, "surrogate_keys", set())
        article_id = getattr(response, "view_article_id", None)
        if keys and _cacheable(response):
            last_modified = int(time.time())
            _public_headers(response, keys, last_modified)
            if request.method == "GET":
                generations = store.generations_settle(cache, keys, int(clock))
                if generations is not None:
                    entry = (
                        response.status_code,
                        list(response.headers.items()),
                        response.content,
                        generations,
                        article_id,
                        last_modified,
                    )
                    cache.set(key, entry, getattr(settings, "PAGECACHE_TIMEOUT", 600))
            response = _conditional(request, response, last_modified)
        response.headers["X-Cache"] = "MISS"
        _count(request, response, article_id)
        return response

    def _bypass(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(response, "surrogate_keys", None) or "Cache-Control" not in response:
            response.headers["Cache-Control"] = PRIVATE
        response.headers["X-Cache"] = "BYPASS"
        _count(request, response, getattr(response, "view_article_id", None))
        return response


def is_cacheable_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and getattr(settings, "PAGECACHE_ENABLED", True)


def cached_response(
    request: HttpRequest, *, cache: BaseCache | None = None, key: str | None = None
) -> HttpResponseBase | None:
    """The cached answer to an anonymous GET or HEAD, with the view counted; None on a miss.

    The hit path, shared by the middleware and the WSGI front (`khabar.pagecache.front`):
    two cache reads (the page, then its keys' generations) and no database.
    """
    cache = cache or store.cache()
    entry = cache.get(key or store.page_key(request))
    if entry is None:
        return None
    status, headers, content, generations, article_id, last_modified = entry
    if store.generations_read(cache, generations) != generations:
        return None
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response = _conditional(request, response, last_modified)
    response.headers["X-Cache"] = "HIT"
    _count(request, response, article_id)
    return response


def is_personal_request(request: HttpRequest) -> bool:
    """A request that may be answered differently for this person (staff with a session)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def _cacheable(response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        # A view that says how it may be cached (private, no-store…) has the last word.
        and "Cache-Control" not in response
        # The cache serves one body to every client: never one encoded for some of them.
        and "Content-Encoding" not in response
    )


def _public_headers(response: HttpResponse, keys: set[str], last_modified: int) -> None:
    set_response_etag(response)
    response.headers["Last-Modified"] = http_date(last_modified)
    response.headers["Cache-Control"] = (
        f"public, max-age={getattr(settings, 'PAGECACHE_MAX_AGE', 60)}, "
        f"stale-while-revalidate={getattr(settings, 'PAGECACHE_STALE_WHILE_REVALIDATE', 600)}, "
        f"stale-if-error={getattr(settings, 'PAGECACHE_STALE_IF_ERROR', 86400)}"
    )
    ordered = sorted(keys)
    response.headers["Surrogate-Key"] = " ".join(ordered)
    response.headers["Cache-Tag"] = ",".join(ordered)


def _conditional(
    request: HttpRequest, response: HttpResponse, last_modified: int
) -> HttpResponseBase:
    """304 Not Modified when the client's copy (If-None-Match / If-Modified-Since) is current."""
    conditional = get_conditional_response(
        request, etag=response.headers["ETag"], last_modified=last_modified, response=response
    )
    if conditional is not response:
        for name in ("Surrogate-Key", "Cache-Tag"):
            conditional.headers[name] = response.headers[name]
    return conditional


def _count(request: HttpRequest, response: HttpResponseBase, article_id: int | None) -> None:
    if (
        article_id is not None
        and request.method == "GET"
        and response.status_code in VIEWED
        and not is_bot(request.META.get("HTTP_USER_AGENT", ""))
    ):
        record(article_id)
