"""Fixtures for the public pages' tests: articles made through the services, as editors would."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section

BASE_TIME = datetime.datetime(2017, 1, 8, 10, 0, tzinfo=datetime.UTC)

MakeArticle = Callable[..., Article]


@pytest.fixture(autouse=True)
def _views_without_page_cache(settings: Any) -> None:
    """These tests are about what the views answer; the page cache has its own tests."""
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def make_article() -> MakeArticle:
    """A published article; each call one minute after the previous one unless told."""
    counter = iter(range(1, 100_000))

    def make(edition: Edition, headline: str | None = None, **fields: Any) -> Article:
        number = next(counter)
        fields.setdefault("published_at", BASE_TIME + datetime.timedelta(minutes=number))
        return services.article_create(
            actor=IMPORTER, edition=edition, headline=headline or f"headline {number}", **fields
        )

    return make


@pytest.fixture
def section_politics(edition_ar: Edition) -> Section:
    return Section.objects.create(edition=edition_ar, slug="politics", name="سياسة", position=1)


@pytest.fixture
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MEDIA_URL = "/media/"
    return tmp_path


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def count_queries(client: Client, path: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response


PHONE = {"width": 360, "height": 740}
