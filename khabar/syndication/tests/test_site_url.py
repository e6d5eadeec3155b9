"""Absolute URLs come from SITE_URL, never from the Host a client sends."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from khabar.articles.models import Article
from khabar.core import links

SITE = "https://news.example"


def article_url(article: Article) -> str:
    return links.article_path(article.edition.code, article.code, article.slug)


EVIL = "evil.example"


@pytest.fixture
def hostile_client(settings: Any) -> Client:
    settings.SITE_URL = SITE + "/"  # a trailing slash is allowed and ignored
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, EVIL]
    return Client(HTTP_HOST=EVIL)


def absolute_urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.mark.parametrize(
    "path",
    [
        "ARTICLE",
        "/ar/",
        "/ar/tag/السورية/",
        "/ar/archive/",
        "/ar/rss.xml",
        "/ar/atom.xml",
        "/sitemap.xml",
        "/sitemap-articles-ar.xml",
        "/sitemap-keywords-ar.xml",
        "/robots.txt",
    ],
)
def test_absolute_urls_name_the_site_not_the_requested_host(
    hostile_client: Client, sample_article: Article, path: str
) -> None:
    if path == "ARTICLE":
        path = article_url(sample_article)
    response = hostile_client.get(path)
    assert response.status_code == 200, path
    text = response.content.decode()
    assert EVIL not in text
    ours = [url for url in absolute_urls(text) if urlsplit(url).netloc.endswith("example")]
    assert ours, f"{path} prints no absolute URL of the site"
    assert all(url.startswith(SITE + "/") for url in ours), ours


def test_the_article_canonical_and_og_url_are_on_the_site(
    hostile_client: Client, sample_article: Article
) -> None:
    html = hostile_client.get(article_url(sample_article)).content.decode()
    expected = SITE + article_url(sample_article)
    assert f'<link rel="canonical" href="{expected}">' in html
    assert f'<meta property="og:url" content="{expected}">' in html
