"""CORS for the API: anyone's page may read it from a browser.

The API is read-only and public, and answers the same to everyone (API keys go in a header
browsers never send by themselves), so `*` is right; no credentials are allowed. Placed
inside the page cache, so the header is stored with each response and a hit carries it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

PREFIX = "/api/"
# A preflight's answer: what a cross-origin reader may send, and for how long to trust it.
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
EXPOSED = "ETag, Last-Modified, Retry-After"


class CorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response: HttpResponseBase = HttpResponse(status=204)
            for name, value in PREFLIGHT.items():
                response.headers[name] = value
        else:
            response = self.get_response(request)
            response.headers["Access-Control-Expose-Headers"] = EXPOSED
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
