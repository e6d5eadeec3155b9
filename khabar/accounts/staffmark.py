"""The signed cookie that tells the page cache a reader is signed-in staff.

The cache decides before any database read whom it may answer (`pagecache.serve.is_personal`),
so it cannot check a session; it checks this cookie's signature instead. The auth signals
fire inside the login and logout views, before there is a response to set a cookie on, so
the receivers leave a note on the request and the middleware writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

from khabar.pagecache.serve import STAFF_COOKIE, staff_cookie_value

_NOTE = "_khabar_staff_cookie"  # the value to set, or "" to clear


@receiver(user_logged_in)
def _staff_signed_in(*, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    if request is not None:
        setattr(request, _NOTE, staff_cookie_value(user.pk) if user.is_staff else "")


@receiver(user_logged_out)
def _staff_signed_out(*, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None:
        setattr(request, _NOTE, "")


class StaffCookieMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        value = getattr(request, _NOTE, None)
        if value:
            response.set_cookie(
                STAFF_COOKIE,
                value,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif value is not None and STAFF_COOKIE in request.COOKIES:
            response.delete_cookie(STAFF_COOKIE, samesite="Lax")
        return response
