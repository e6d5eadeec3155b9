"""Tiny tagged pages for the page cache's tests, independent of the real site's templates."""

from __future__ import annotations

import threading
import time

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from khabar.articles.models import Article
from khabar.core.surrogate import article_key, show_article, tag
from khabar.pagecache.cache import keys_invalidate


def tagged(request: HttpRequest, keys: str) -> HttpResponse:
    """A page showing the content named by `keys` (comma-separated); it reads the database."""
    count = Article.objects.count()
    return tag(HttpResponse(f"<p>{keys}: {count} articles</p>"), keys.split(","))


def article(request: HttpRequest, pk: int) -> HttpResponse:
    headline = Article.objects.values_list("headline", flat=True).get(pk=pk)
    response = tag(HttpResponse(f"<h1>{headline}</h1>"), [article_key(pk)])
    show_article(response, pk)
    return response


def gone(request: HttpRequest, pk: int) -> HttpResponse:
    """A taken-down article's notice: it names the article but is not a read of it."""
    response = tag(HttpResponse("<p>removed</p>", status=410), [article_key(pk)])
    show_article(response, pk)
    return response


def with_cookie(request: HttpRequest) -> HttpResponse:
    response = tag(HttpResponse("<p>hello</p>"), ["cookie"])
    response.set_cookie("seen", "1")
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    return tag(HttpResponse("<p>no</p>", status=404), ["missing"])


def private(request: HttpRequest) -> HttpResponse:
    response = tag(HttpResponse("<p>yours</p>"), ["private"])
    response["Cache-Control"] = "private"
    return response


def untagged(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>plain</p>")


def changed_while_rendering(request: HttpRequest) -> HttpResponse:
    """A page whose content an editor changes while it renders (the event lands mid-render)."""
    keys_invalidate(["racing"])
    return tag(HttpResponse("<p>maybe old</p>"), ["racing"])


def echo(request: HttpRequest) -> HttpResponse:
    """A page showing the query it was given, and how often it has been rendered."""
    global renders
    renders += 1
    return tag(JsonResponse({k: request.GET.getlist(k) for k in request.GET}), ["echo"])


renders = 0


class Slow:
    """A page that takes `seconds` to render, counts its renders, and fails when told to.

    With a `gate`, a render also waits (up to ten seconds) until the test opens it, so a test
    can hold a render open until every other request has been answered, however slow the machine.
    """

    seconds = 0.0
    failing = False
    renders = 0
    gate: threading.Event | None = None
    lock = threading.Lock()

    @classmethod
    def view(cls, request: HttpRequest, keys: str) -> HttpResponse:
        with cls.lock:
            cls.renders += 1
            version = cls.renders
        time.sleep(cls.seconds)
        if cls.gate is not None:
            cls.gate.wait(timeout=10)
        if cls.failing:
            raise RuntimeError("the database went away")
        return tag(HttpResponse(f"<p>version {version}</p>"), keys.split(","))


class Meeting:
    """A page answered as a 404 (not stored) until `found` is set, then as a page that can
    be stored. With a `barrier`, each render waits there for the others: renders that run
    one at a time break it (and answer 500)."""

    found = False
    renders = 0
    barrier: threading.Barrier | None = None
    lock = threading.Lock()

    @classmethod
    def view(cls, request: HttpRequest) -> HttpResponse:
        with cls.lock:
            cls.renders += 1
        if cls.barrier is not None:
            cls.barrier.wait()
        if cls.found:
            return tag(HttpResponse("<p>found</p>"), ["meeting"])
        return tag(HttpResponse("<p>not yet</p>", status=404), ["meeting"])


urlpatterns = [
    path("newsroom/admin/", admin.site.urls),
    path("echo", echo),
    path("ar/search", echo),
    path("t/<str:keys>", tagged),
    path("article/<int:pk>", article),
    path("gone/<int:pk>", gone),
    path("cookie", with_cookie),
    path("missing", not_found),
    path("private", private),
    path("untagged", untagged),
    path("racing", changed_while_rendering),
    path("slow/<str:keys>", Slow.view),
    path("meeting", Meeting.view),
]
