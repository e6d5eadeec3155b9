"""A page served from the cache carries the same headers as when it was rendered."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from khabar.articles.models import Article
from khabar.editions.models import Section
from khabar.pagecache.tests.test_front import call
from khabar.web.urls_for import article_url

# Headers that differ between two answers by nature.
PER_ANSWER = {"date", "x-cache", "age"}
PAGES = [
    "/ar/",
    "/ar/section/politics/",
    "/ar/tag/السورية/",
    "/ar/archive/",
    "/ar/archive/1395/10/19/",
    "/ar/news/14027/print",
    "ARTICLE",
    "/ar/rss.xml",
    "/ar/atom.xml",
    "/ar/tag/السورية/rss.xml",
    "/sitemap.xml",
]


def comparable(headers: dict[str, str]) -> dict[str, str]:
    return {
        name.lower(): value for name, value in headers.items() if name.lower() not in PER_ANSWER
    }


@pytest.mark.parametrize("path", PAGES)
def test_a_hit_has_the_headers_of_the_miss(
    settings, sample_article: Article, section_politics: Section, path: str
) -> None:
    settings.PAGECACHE_ENABLED = True
    path = unquote(article_url(sample_article)) if path == "ARTICLE" else path
    miss, body = call(path)
    assert miss.status == "200 OK"
    assert miss.headers["X-Cache"] == "MISS"
    hit, again = call(path)
    assert hit.headers["X-Cache"] == "HIT"
    assert comparable(hit.headers) == comparable(miss.headers)
    assert again == body
    for security in (
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Security-Policy",
        "Permissions-Policy",
    ):
        assert security in hit.headers, security
