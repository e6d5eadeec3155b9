"""The page cache in front of the real article page (khabar.web)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.pageviews import recorder


@pytest.fixture
def canonical(sample_article: Article) -> str:
    # By URL name: the page cache sits below the web app and never imports it.
    kwargs = {"edition": "ar", "code": sample_article.code, "slug": sample_article.slug}
    return reverse("web:article", kwargs=kwargs)


def test_the_article_page_is_served_from_the_cache_without_queries(
    client: Client, canonical: str, sample_article: Article, django_assert_num_queries: Callable
) -> None:
    first = client.get(canonical)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert f"a{sample_article.pk}" in first["Surrogate-Key"].split()
    with django_assert_num_queries(0):
        second = client.get(canonical)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert client.get(canonical, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_correction_shows_on_the_next_request(
    client: Client,
    canonical: str,
    sample_article: Article,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    client.get(canonical)
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(actor=IMPORTER, article=sample_article, text="صُحّح اسم المسؤول")
    response = client.get(canonical)
    assert response["X-Cache"] == "MISS"
    assert "صُحّح اسم المسؤول" in response.content.decode()


def test_every_serve_of_the_article_page_counts_a_view_without_a_write(
    client: Client, canonical: str, sample_article: Article, django_assert_num_queries: Callable
) -> None:
    etag = client.get(canonical)["ETag"]
    with django_assert_num_queries(0):
        client.get(canonical)
        client.get(canonical, HTTP_IF_NONE_MATCH=etag)
        client.head(canonical)
        client.get(canonical, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    today = datetime.datetime.now(datetime.UTC).date()
    assert recorder.pending() == {(sample_article.pk, today): 3}


def test_a_new_headline_shows_on_every_page_that_showed_the_old_one(
    client: Client, sample_article: Article, django_capture_on_commit_callbacks: Callable
) -> None:
    """Article, home, section, keyword and archive pages and the feeds, on the next request."""
    from khabar.editions.models import Section

    section = Section.objects.create(edition=sample_article.edition, slug="politics", name="سياسة")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(actor=IMPORTER, article=sample_article, section=section)
    pages = [
        "/ar/",
        "/ar/section/politics/",
        "/ar/tag/السورية/",
        "/ar/archive/1395/10/19/",
        "/ar/rss.xml",
        "/ar/atom.xml",
        "/ar/section/politics/rss.xml",
        "/ar/tag/السورية/rss.xml",
    ]
    old = sample_article.headline
    for path in pages:
        assert old in client.get(path).content.decode(), path
        assert client.get(path)["X-Cache"] == "HIT", path

    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(
            actor=IMPORTER, article=sample_article, headline="شمخاني يلتقي مملوك في دمشق"
        )
    article_page = reverse(
        "web:article",
        kwargs={"edition": "ar", "code": sample_article.code, "slug": sample_article.slug},
    )
    for path in [*pages, article_page]:
        response = client.get(path)
        assert response["X-Cache"] == "MISS", path
        assert "شمخاني يلتقي مملوك في دمشق" in response.content.decode(), path


def test_a_renamed_keyword_shows_on_its_page_and_the_article_on_the_next_request(
    client: Client,
    canonical: str,
    sample_article: Article,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    from khabar.articles.models import Keyword

    client.get(canonical)
    assert client.get(canonical)["X-Cache"] == "HIT"
    keyword = Keyword.objects.get(edition=sample_article.edition, name="تجهيزهم")
    with django_capture_on_commit_callbacks(execute=True):
        services.keyword_rename(actor=IMPORTER, keyword=keyword, name="تجهيز التنظيمات")
    response = client.get(canonical)
    assert response["X-Cache"] == "MISS"
    assert "تجهيز التنظيمات" in response.content.decode()
    keyword_page = client.get("/ar/tag/تجهيز-التنظيمات/")
    assert keyword_page.status_code == 200
    assert sample_article.headline in keyword_page.content.decode()
