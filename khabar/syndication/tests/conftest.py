"""Fixtures for the feed and sitemap tests: sections, photos, articles at given times."""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.utils import timezone
from PIL import Image

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
}
# W3C datetime (https://www.w3.org/TR/NOTE-datetime), ASCII digits only: `\d` would
# also match Persian and Arabic-Indic digits, the very leak these tests look for.
W3C_DATETIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?"
)


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own response, not untrusted input


def jpeg_bytes(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    """Each test starts with no cached page: the in-process cache outlives a test's database."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def section_ar(edition_ar: Edition) -> Section:
    return Section.objects.create(edition=edition_ar, slug="سياسة", name="سياسة", position=1)


@pytest.fixture
def publish() -> Callable[..., Article]:
    """An article published `ago` before now (or at `at`), with any other article fields."""

    def make(
        edition: Edition,
        headline: str,
        *,
        ago: datetime.timedelta = datetime.timedelta(hours=1),
        at: datetime.datetime | None = None,
        **fields: Any,
    ) -> Article:
        when = at or timezone.now() - ago
        return services.article_create(
            actor=IMPORTER, edition=edition, headline=headline, published_at=when, **fields
        )

    return make
