"""The newsroom's front page; each job's pages live in a module of their own."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from khabar.articles.models import Article
from khabar.newsroom.access import View, newsroom_language, newsroom_view

DASHBOARD_ROWS = 20


def language_of_request(view: View) -> View:
    """For pages outside `newsroom_view` (sign-in): the staff member's language too."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(newsroom_language(request)):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            return response

    return wrapper


@newsroom_view
def dashboard(request: HttpRequest) -> HttpResponse:
    mine = (
        Article.objects.filter(author=request.user)
        .select_related("edition")
        .order_by("-updated_at")[:DASHBOARD_ROWS]
    )
    return render(request, "newsroom/dashboard.html", {"mine": mine})
