"""HTTP around the API's endpoints: CORS for every answer, and HEAD answered as GET.

CORS: the API is read-only and public, and answers the same to everyone (API keys would
go in a header browsers never send by themselves), so `*` is right; no credentials are
allowed. HEAD: django-ninja routes GET only, so a HEAD the page cache could not answer
would be a 405; it runs as the GET it asks about, and the server drops the body, as for
Django's own views. Placed inside the page cache, so the headers are stored with each
response and a hit carries them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

PREFIX = "/api/"
# A preflight's answer: what a cross-origin reader may send, and for how long to trust it.
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-Api-Key, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
EXPOSED = "ETag, Last-Modified, Retry-After"


class ApiHttpMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response: HttpResponseBase = HttpResponse(status=204)
            for name, value in PREFLIGHT.items():
                response.headers[name] = value
        elif request.method == "HEAD":
            request.method = "GET"
            try:
                response = self.get_response(request)
            finally:
                # The page cache, outside, stores only what a GET asked for.
                request.method = "HEAD"
        else:
            response = self.get_response(request)
        if response.status_code != 204:
            response.headers["Access-Control-Expose-Headers"] = EXPOSED
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
