"""Cache hits answered in front of Django, at the WSGI level.

Under breaking news nearly every request is a hit, and most of a hit's cost in
the middleware is Django around it: the handler and the middleware chain. The
front looks the page up first, with the same code as the middleware
(`cached_response`), and answers hits itself; everything else, misses included,
goes on to Django, marked so the middleware does not look the page up twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from khabar.pagecache.middleware import (
    CHECKED,
    cached_response,
    is_cacheable_request,
    is_personal_request,
)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class PageCacheFront:
    def __init__(self, application: WSGIApp) -> None:
        self.application = application
        self.static_prefix = settings.STATIC_URL or "/static/"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not environ.get("PATH_INFO", "").startswith(self.static_prefix):
            request = WSGIRequest(environ)
            if is_cacheable_request(request) and not is_personal_request(request):
                try:
                    response = cached_response(request)
                except DisallowedHost:
                    response = None  # Django answers it, with its usual 400.
                if response is not None:
                    status = f"{response.status_code} {response.reason_phrase}"
                    start_response(status, list(response.items()))
                    return [] if request.method == "HEAD" else [response.content]
                environ[CHECKED] = True
        return self.application(environ, start_response)
