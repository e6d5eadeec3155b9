"""The edition's breaking bar: on every page while the alert lasts, on cached pages too."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import time_machine
from django.test import Client
from django.utils import timezone

from khabar.articles import workflow
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.web.tests.conftest import MakeArticle


def bar(client: Client, path: str) -> bool:
    return 'class="breaking-bar"' in client.get(path).content.decode()


def test_the_bar_shows_the_alert_on_every_page_of_its_edition_only(
    client: Client, edition_ar: Edition, make_article: MakeArticle, section_politics: Section
) -> None:
    article = make_article(edition_ar, "انفجار في الميناء", section=section_politics)
    assert not bar(client, "/ar/")
    workflow.article_breaking_set(actor=IMPORTER, article=article)
    html = client.get("/ar/section/politics/").content.decode()
    assert "انفجار في الميناء" in html and 'class="breaking-bar"' in html
    assert bar(client, "/ar/") and bar(client, "/ar/archive/")
    assert not bar(client, "/fa/")


def test_the_bar_ends_with_the_alert_even_on_cached_pages(
    client: Client,
    edition_ar: Edition,
    make_article: MakeArticle,
    settings: Any,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    settings.PAGECACHE_ENABLED = True
    start = timezone.now()
    article = make_article(edition_ar, "عاجل", published_at=start - datetime.timedelta(hours=1))
    with time_machine.travel(start, tick=False):
        client.get("/ar/")
        assert client.get("/ar/")["X-Cache"] == "HIT"
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_breaking_set(
                actor=IMPORTER, article=article, duration=datetime.timedelta(minutes=10)
            )
        assert bar(client, "/ar/")
        assert client.get("/ar/")["X-Cache"] == "HIT"
    with (
        time_machine.travel(start + datetime.timedelta(minutes=10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert workflow.due_run().breaking_ended == [article.pk]
    with time_machine.travel(start + datetime.timedelta(minutes=10, seconds=1), tick=False):
        response = client.get("/ar/")
        assert response["X-Cache"] == "MISS"
        assert 'class="breaking-bar"' not in response.content.decode()


def test_an_unpublished_article_leaves_the_bar(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar)
    workflow.article_breaking_set(actor=IMPORTER, article=article)
    workflow.article_unpublish(actor=IMPORTER, article=article)
    assert not bar(client, "/ar/")


def test_an_imported_breaking_flag_without_expiry_shows_no_bar(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, is_breaking=True)
    assert not bar(client, "/ar/")
