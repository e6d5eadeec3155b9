"""The CSRF failure page: the article editor keeps what was typed, every other form says why.

Wiring between two interfaces that do not import each other (web, newsroom), so it lives
here rather than in either.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from khabar.newsroom.articles import article_editor_expired
from khabar.web.errors import csrf_failure as refused


def _same_origin(request: HttpRequest) -> bool:
    # Browsers send Origin with every POST; a page of another site cannot forge ours.
    origin = request.headers.get("Origin", "")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseBase:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return refused(request, reason)
    if (
        match.view_name == "newsroom:article_editor"
        and request.method == "POST"
        and request.user.is_authenticated
        and _same_origin(request)
    ):
        return article_editor_expired(request, **match.kwargs)
    return refused(request, reason)
