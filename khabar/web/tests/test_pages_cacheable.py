"""Every public page can be kept by the page cache: tagged, no cookie, no per-reader content."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles.models import Article
from khabar.editions.models import Section
from khabar.web.urls_for import article_url


@pytest.mark.parametrize(
    "path",
    [
        "/ar/",
        "/ar/section/politics/",
        "/ar/tag/السورية/",
        "/ar/archive/",
        "/ar/archive/1395/10/19/",
        "/ar/news/14027/print",
        "article",
    ],
)
def test_a_second_reader_gets_the_page_from_the_cache_without_queries(
    client: Client,
    settings,
    sample_article: Article,
    section_politics: Section,
    path: str,
) -> None:
    settings.PAGECACHE_ENABLED = True
    path = article_url(sample_article) if path == "article" else path
    first = client.get(path)
    assert first.status_code == 200
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    assert second["X-Cache"] == "HIT"
    assert len(queries) == 0
