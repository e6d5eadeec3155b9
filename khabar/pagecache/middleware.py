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
Generations come from one clock, and a page keeps the clock's value read before
its render: a key invalidated during the render has a newer generation, so the
page is stored already stale rather than served as fresh with the old content.

Why no database on a hit: the hit path (`PageCache.lookup` in `cache.py`, one object
built once from settings) reads the page, then its keys' generations, and nothing
else: on Redis one round trip each at most (none while the near copy trusts them), on
the embedded setup none at all. It works on the WSGI environ alone, so the WSGI
front (`front.py`) answers hits before Django builds a request; this middleware answers
them too, for any other way in (the test client, ASGI). A miss found by the front comes
here in the environ, holding the page's render lock when it has it: one request renders
a stale page while the others get the previous version or wait (`cache.py` says how).
Anonymous readers are recognised by the absence of a valid signed staff cookie
(`serve.is_personal`, set at staff sign-in by khabar.accounts), so `request.user` is
never loaded and a forged session cookie buys no render. Counting the view is an
in-process increment (`khabar.pageviews`).

Responses carry a strong ETag and Last-Modified (304s from the cache too),
`Cache-Control: public` with stale-while-revalidate for a CDN or proxy, and the
keys as `Surrogate-Key` / `Cache-Tag` for targeted purges. Requests from signed-in
staff bypass the cache and get `Cache-Control: private, no-store`; newsroom URLs
never go through it.

Why the view's query is cut down: the key keeps only the parameters public pages
read (PAGECACHE_QUERY_PARAMS), so that `?x=1`, `?x=2`… share one entry instead of
each forcing a render; the view is given that same query, so a page can never
depend on a parameter the key ignores.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.middleware.security import SecurityMiddleware
from django.utils.http import http_date, quote_etag

from khabar.core import surrogate
from khabar.pagecache import serve, store
from khabar.pagecache.cache import Miss, PageCache, page_cache

logger = logging.getLogger(__name__)

PRIVATE = "private, no-store"
# Set in the WSGI environ by the front once it has looked the page up and missed.
CHECKED = "khabar.pagecache.checked"


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        cache = page_cache()
        if not (cache.serves(request.method or "") and serve.is_public_path(request.path)):
            return self.get_response(request)
        if serve.is_personal(request.META):
            return self._bypass(request)
        _keep_public_query(request)

        miss = request.META.get(CHECKED)
        if miss is None:
            found = cache.lookup(request.META, store.page_key(request))
            if isinstance(found, serve.Answer):
                return _response(found)
            miss = found
        try:
            return self._render(request, cache, miss)
        finally:
            miss.release()

    def _render(self, request: HttpRequest, cache: PageCache, miss: Miss) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        keys = surrogate.keys_of(response)
        if keys:
            cache.rendered(request.path, time.perf_counter() - started)
        if response.status_code >= 500 and miss.previous is not None:
            logger.error(
                "Render of %s failed with %s: serving the previous version",
                request.path,
                response.status_code,
            )
            return _response(serve.answer(request.META, miss.previous, "STALE"))
        article_id = surrogate.article_shown(response)
        if not (keys and _cacheable(response)):
            # Later requests render at once rather than wait for a page that never comes
            # (cache.py: passes); not after an error, which may pass.
            miss.passing = response.status_code < 500
            response.headers["X-Cache"] = "MISS"
            serve.count_view(request.META, response.status_code, article_id)
            return response

        assert isinstance(response, HttpResponse)  # noqa: S101 - _cacheable checked it
        last_modified = int(time.time())
        _public_headers(response, keys, last_modified, cache.cache_control)
        page = store.CachedPage(
            status=response.status_code,
            reason=response.reason_phrase,
            headers=tuple(response.items()),
            content=response.content,
            keys=tuple(sorted(keys)),
            # Read before rendering: a change during the render leaves a newer generation.
            clock=miss.clock,
            article_id=article_id,
            etag=response.headers["ETag"],
            last_modified=last_modified,
        )
        if request.method == "GET":
            cache.save(miss, page)
        if serve.precondition(request.META, page.etag, page.last_modified) is not None:
            return _response(serve.answer(request.META, page, "MISS"))
        response.headers["X-Cache"] = "MISS"
        serve.count_view(request.META, response.status_code, article_id)
        return response

    def _bypass(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if surrogate.keys_of(response) or "Cache-Control" not in response:
            response.headers["Cache-Control"] = PRIVATE
        response.headers["X-Cache"] = "BYPASS"
        serve.count_view(request.META, response.status_code, surrogate.article_shown(response))
        return response


def _keep_public_query(request: HttpRequest) -> None:
    """Give the view only the query parameters the cache key keeps (store.public_query)."""
    query = request.META.get("QUERY_STRING", "")
    public = store.public_query(query, request.path)
    if public != query:
        request.META["QUERY_STRING"] = public
        request.GET = QueryDict(public, encoding=request.encoding)


def _response(answer: serve.Answer) -> HttpResponse:
    response = HttpResponse(answer.body, status=answer.status, reason=answer.reason)
    for name, value in answer.headers:
        response.headers[name] = value
    return response


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


def _public_headers(
    response: HttpResponse, keys: set[str], last_modified: int, cache_control: str
) -> None:
    response.headers["ETag"] = content_etag(response.content)
    response.headers["Last-Modified"] = http_date(last_modified)
    response.headers["Cache-Control"] = cache_control
    ordered = sorted(keys)
    response.headers["Surrogate-Key"] = " ".join(ordered)
    response.headers["Cache-Tag"] = ",".join(ordered)


def content_etag(content: bytes) -> str:
    """A strong ETag: a digest of the body, as Django's `set_response_etag` makes one, but
    SHA-256 (cut to MD5's 32 hex digits) where Django uses MD5: the processor does SHA-256
    itself, in 15 µs for an article page's 20 KB against MD5's 35."""
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


class StoredSecurityHeadersMiddleware(SecurityMiddleware):
    """SecurityMiddleware's headers added inside the page cache, so they are stored with the
    page and a hit carries them exactly as the miss did (the front answers hits before any
    middleware runs). The SecurityMiddleware outside the cache still redirects to HTTPS and
    covers the responses the cache never sees; its headers are already set by then.
    """

    def process_request(self, request: HttpRequest) -> None:
        return None
