"""Content-Security-Policy and Permissions-Policy for every page Django answers.

Placed inside the page cache (config/settings.py), so the headers are stored with each
cached page and a hit sends them too. Two fixed policies by path: the public site runs
no JavaScript of its own beyond static files and nothing from other hosts, so it allows
only itself; the newsroom (Django's admin for now) also needs inline styles. A small
middleware rather than django-csp: two constant policies need none of its nonces,
per-view decorators or report-only machinery.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

PUBLIC = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
NEWSROOM = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
NEWSROOM_PREFIX = "/newsroom/"
# No page uses these; saying so keeps an injected script or frame from asking for them.
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()"


def _with_media(policy: str) -> str:
    """Photos may live on another origin (MEDIA_URL on a CDN): allow images from there."""
    media = settings.MEDIA_URL
    if media.startswith(("https://", "http://")):
        origin = "/".join(media.split("/", 3)[:3])
        return policy.replace("img-src 'self'", f"img-src 'self' {origin}", 1)
    return policy


class PolicyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.public = _with_media(PUBLIC)
        self.newsroom = _with_media(NEWSROOM)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = self.newsroom if request.path.startswith(NEWSROOM_PREFIX) else self.public
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        return response
