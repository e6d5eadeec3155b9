"""The newsroom's front page; each job's pages live in a module of their own."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from khabar.newsroom.access import View, newsroom_language, newsroom_view
from khabar.newsroom.articles import editions_of
from khabar.newsroom.desk import desk_get
from khabar.staff import permissions


def language_of_request(view: View) -> View:
    """For pages outside `newsroom_view` (sign-in): the staff member's language too."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(newsroom_language(request)):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            return response

    return wrapper


@newsroom_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = permissions.scope_of(request.user)
    assert scope is not None  # noqa: S101 - newsroom_view let only staff in
    desk = desk_get(user=request.user, scope=scope, editions=editions_of(scope), now=timezone.now())
    return render(request, "newsroom/dashboard.html", {"desk": desk})
