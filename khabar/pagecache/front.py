"""Cache hits answered in front of Django, at the WSGI level.

Under breaking news nearly every request is a hit, and most of a hit's cost
inside Django is Django itself: building the request, the handler, the
middleware chain, the response object. The front looks the page up from the
WSGI environ with the same page cache object as the middleware (`cache.py`) and answers
hits (and stale pages during a render) itself; everything else, misses included, goes on
to Django, marked so the middleware does not look the page up a second time.

A gate, when given, sees each request the front could answer before the cache is asked:
it may answer instead (the API's rate limits: a 429 must not wait for Django), or send
the request on to Django without a look-up. The pages know nothing of who sets it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

from khabar.pagecache import serve
from khabar.pagecache.cache import page_cache
from khabar.pagecache.middleware import CHECKED

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# An answer to send, True to go on to the cache, or False to go straight to Django.
Gate = Callable[[dict[str, Any]], "serve.Answer | bool"]


def host_missing(environ: dict[str, Any]) -> bool:
    """HTTP/1.1 requires Host (RFC 9112 §3.2); without it Django would fall back to the
    server's own name and answer, so the cache and every absolute URL would trust a guess."""
    return environ.get("SERVER_PROTOCOL") == "HTTP/1.1" and not environ.get("HTTP_HOST")


class PageCacheFront:
    def __init__(self, application: WSGIApp, *, gate: Gate | None = None) -> None:
        self.application = application
        self.gate = gate
        self.static_prefix = settings.STATIC_URL or "/static/"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if host_missing(environ):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Bad Request: an HTTP/1.1 request must name its Host.\n"]
        method = environ.get("REQUEST_METHOD", "")
        path = environ.get("PATH_INFO", "")
        cache = page_cache()
        if not (
            cache.serves(method)
            and not path.startswith(self.static_prefix)
            and serve.is_public_path(path)
            and not serve.is_personal(environ)
        ):
            return self.application(environ, start_response)
        verdict = True if self.gate is None else self.gate(environ)
        if verdict is False:
            return self.application(environ, start_response)
        found = (
            verdict
            if isinstance(verdict, serve.Answer)
            else cache.lookup(environ, cache.page_key(environ))
        )
        if isinstance(found, serve.Answer):
            start_response(f"{found.status} {found.reason}", found.headers)
            return [] if method == "HEAD" else [found.body]
        # A miss: the middleware renders it without looking again. The render lock is
        # released here too, should something before the middleware answer instead.
        environ[CHECKED] = found
        try:
            return self.application(environ, start_response)
        finally:
            found.release()
