"""What a locked-out sign-in sees, and which address a sign-in comes from.

django-axes counts the failures (per account and per client address, in the database so
every app process shares them) and calls `locked_out_response` instead of its own page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


def locked_out_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    """429 with Retry-After, in the browser's language (newsroom URLs carry no language)."""
    language = translation.get_language_from_request(request)
    retry_after = int(settings.AXES_COOLOFF_TIME.total_seconds())
    with translation.override(language):
        response = render(
            request,
            "accounts/locked_out.html",
            {
                **admin.site.each_context(request),
                "title": translation.gettext("Too many sign-in attempts"),
                "retry_minutes": max(1, retry_after // 60),
            },
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response
