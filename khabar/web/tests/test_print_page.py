"""The print view: the article alone, not indexed, canonical to the article."""

from __future__ import annotations

from django.test import Client

from khabar.articles.models import Article
from khabar.core import surrogate
from khabar.web.urls_for import article_url


def test_print_view_is_the_article_alone(client: Client, sample_article: Article) -> None:
    response = client.get("/ar/news/14027/print")
    html = response.content.decode()
    assert response.status_code == 200
    assert sample_article.headline in html
    assert "۱۹ دی ۱۳۹۵ - ۱۸:۵۶" in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="http://testserver{article_url(sample_article)}">' in html
    assert 'media="print"' in html and "khabar/print.css" in html
    assert 'class="section-nav"' not in html and 'class="edition-nav"' not in html
    assert 'class="share"' not in html
    assert surrogate.keys_of(response) >= {
        surrogate.article_key(sample_article.pk),
        surrogate.edition_key("ar"),
    }


def test_print_view_in_other_digits_redirects(client: Client, sample_article: Article) -> None:
    response = client.get("/ar/news/۱۴۰۲۷/print")
    assert response.status_code == 301
    assert response["Location"] == "/ar/news/14027/print"


def test_print_view_of_an_unknown_article_is_a_404(client: Client, sample_article: Article) -> None:
    assert client.get("/ar/news/99999/print").status_code == 404
