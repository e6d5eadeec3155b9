"""Who gets into the newsroom's pages, and in which language they read them.

The pages check only that someone signed in has a newsroom role; what they may do to an
article is the services' to decide (khabar.staff.permissions), and a refusal there comes
back as a 403 page carrying the service's own message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from khabar.staff import permissions
from khabar.staff.selectors import language_of

View = Callable[..., HttpResponseBase]


def newsroom_language(request: HttpRequest) -> str:
    """The staff member's language: their own choice (khabar.staff's preference), else the
    browser's, among Persian, Arabic and English.

    Newsroom URLs carry no edition, so no edition decides; one newsroom serves people
    who work in several editions.
    """
    user = getattr(request, "user", None)
    chosen = language_of(user) if user is not None and user.is_authenticated else ""
    return chosen or translation.get_language_from_request(request)


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """403 with the reason, in the newsroom's frame."""
    return render(request, "newsroom/forbidden.html", {"message": message}, status=403)


def newsroom_view(view: View) -> View:
    """Signed in with a newsroom role (else the sign-in page, or 403 saying why); never
    cached; in the staff member's language; a service's refusal shown as a 403."""

    @never_cache
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(newsroom_language(request)):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("newsroom:login"))
            if permissions.scope_of(user) is None:
                return forbidden(
                    request,
                    translation.gettext("Your account has no newsroom role; ask an admin for one."),
                )
            try:
                response = view(request, *args, **kwargs)
            except PermissionDenied as refusal:
                return forbidden(request, str(refusal))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response

    return wrapper
