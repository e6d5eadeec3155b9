"""Public pages are read-only: other methods get 405 with Allow, before any CSRF check."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

from khabar.articles.models import Article
from khabar.editions.models import Section
from khabar.web.urls_for import article_url

PUBLIC_PAGES = [
    "/",
    "/healthz",
    "/ar/",
    "/ar/news/14027/print",
    "/ar/news/14027/comment/received",
    "/ar/news/14027/preview",
    "/preview/not-a-token",
    "/ar/news/14027/amp",
    "/ar/news/14027",
    "/ar/news/14027/",
    "ARTICLE",
    "/ar/news/14027/x/amp",
    "/ar/14027",
    "/ar/amp/14027",
    "/ar/amp/14027/x",
    "/ar/amp/news/14027",
    "/ar/amp/news/14027/x",
    "/ar/section/politics/",
    "/ar/tag/السورية/",
    "/ar/corrections/",
    "/ar/search",
    "/ar/archive/",
    "/ar/archive/1395/10/19/",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/ar/rss.xml",
    "/ar/atom.xml",
    "/ar/section/politics/rss.xml",
    "/ar/section/politics/atom.xml",
    "/ar/tag/السورية/rss.xml",
    "/ar/tag/السورية/atom.xml",
]
# Pages that take a reader's form: POST too, and still nothing else.
FORM_PAGES = ["/ar/news/14027/comment", "/ar/submit"]


def public_routes() -> set[str]:
    routes = set()
    for include in get_resolver().url_patterns:
        if isinstance(include, URLResolver) and include.app_name in {"web", "syndication"}:
            routes |= {str(pattern.pattern) for pattern in include.url_patterns}
    return routes


def test_the_list_covers_every_public_url_pattern(sample_article: Article) -> None:
    """A new public page must be added above, so its methods are checked too."""
    covered = {
        resolve(article_url(sample_article) if path == "ARTICLE" else path).route
        for path in [*PUBLIC_PAGES, *FORM_PAGES]
    }
    assert covered == public_routes()


@pytest.mark.parametrize("path", FORM_PAGES)
@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
def test_form_pages_take_post_and_no_other_write(
    sample_article: Article, path: str, method: str
) -> None:
    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == 405
    assert "POST" in response["Allow"]


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_a_public_page_refuses_writes_with_405_and_allow(
    csrf_client: Client,
    sample_article: Article,
    section_politics: Section,
    path: str,
    method: str,
) -> None:
    path = article_url(sample_article) if path == "ARTICLE" else path
    response = csrf_client.generic(method.upper(), path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", ["/ar/", "ARTICLE", "/ar/rss.xml", "/sitemap.xml"])
def test_options_answers_allow_and_no_body(
    csrf_client: Client, sample_article: Article, path: str
) -> None:
    path = article_url(sample_article) if path == "ARTICLE" else path
    response = csrf_client.options(path)
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.content == b""


def test_a_read_only_page_still_answers_get_and_head(
    client: Client, sample_article: Article
) -> None:
    assert client.get(article_url(sample_article)).status_code == 200
    head = client.head(article_url(sample_article))
    assert head.status_code == 200
    assert head.content == b""


@pytest.mark.django_db
def test_the_newsroom_keeps_its_own_methods(csrf_client: Client) -> None:
    """The admin's forms take POST; there the CSRF check has its say."""
    assert csrf_client.post("/newsroom/admin/login/", {}).status_code == 403
