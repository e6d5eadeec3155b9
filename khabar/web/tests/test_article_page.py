"""The article page of the sample, its redirects, and what unknown URLs answer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles import services
from khabar.articles.models import Article

CANONICAL = "/ar/news/14027/" + "أكد-امين-المجلس-الاعلی-للامن-القومي-الايراني-علی-شمخاني"


@pytest.fixture
def canonical(sample_article: Article) -> str:
    from khabar.web.views import article_url

    return article_url(sample_article)


def test_sample_article_shows_code_and_date_as_the_edition_does(
    client: Client, canonical: str
) -> None:
    response = client.get(canonical)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "۱۴۰۲۷" in html
    assert "۱۹ دی ۱۳۹۵ - ۱۸:۵۶" in html
    assert '<time datetime="2017-01-08T15:26:00+00:00">' in html
    assert "أكد امين المجلس الاعلى" in html


def test_keywords_link_to_their_keyword_pages(client: Client, canonical: str) -> None:
    html = client.get(canonical).content.decode()
    for name in ("شمخاني", "السورية", "تجهيزهم"):
        assert f">{name}</a>" in html
    assert 'href="/ar/tag/%D8%B4%D9%85%D8%AE%D8%A7%D9%86%D9%8A/"' in html


def test_invitation_to_send_materials_names_the_newsroom_email(
    client: Client, canonical: str, sample_article: Article
) -> None:
    edition = sample_article.edition
    edition.newsroom_email = "news-ar@khabar.example"
    edition.save()
    html = client.get(canonical).content.decode()
    assert 'href="mailto:news-ar@khabar.example"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/ar/14027",
        "/ar/۱۴۰۲۷",
        "/ar/news/14027",
        "/ar/news/14027/",
        "/ar/news/۱۴۰۲۷",
        "/ar/news/١٤٠٢٧/old-slug",
        "/ar/news/14027/old-slug",
    ],
)
def test_short_links_and_any_digits_redirect_permanently_to_the_canonical_url(
    client: Client, canonical: str, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == canonical


@pytest.mark.parametrize(
    "path",
    [
        "/ar/news/99999",
        "/ar/99999",
        "/ar/news/1234567890123",
        "/ar/news/12ab",
        "/ar/news/-1",
        "/xx/news/14027",
        "/ar/tag/لا-يوجد/",
    ],
)
def test_unknown_addresses_are_a_404_page_not_an_error(
    client: Client, sample_article: Article, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404


def test_404_page_speaks_the_language_of_the_edition(
    client: Client, sample_article: Article
) -> None:
    html = client.get("/ar/news/99999").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الصفحة غير موجودة" in html


def test_a_draft_is_a_404_like_an_unknown_code(client: Client, edition_ar) -> None:
    draft = services.article_create(edition=edition_ar, headline="مسودة")
    assert client.get(f"/ar/news/{draft.code}").status_code == 404
    assert client.get(f"/ar/{draft.code}").status_code == 404


def test_an_article_scheduled_for_later_is_not_shown_before_its_time(
    client: Client, edition_ar
) -> None:
    import datetime

    from django.utils import timezone

    article = services.article_create(edition=edition_ar, headline="خبر قادم")
    services.article_publish(article=article, at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(f"/ar/news/{article.code}").status_code == 404


def test_an_article_taken_down_answers_410_gone(
    client: Client, canonical: str, sample_article
) -> None:
    services.article_unpublish(article=sample_article)
    response = client.get(canonical)
    assert response.status_code == 410
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_article_page_runs_a_fixed_small_number_of_queries(client: Client, canonical: str) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(canonical).status_code == 200
    # editions, article, its keywords, corrections, related by keyword, section navigation
    assert len(queries) == 6
