"""The old site's AMP pages answer 301 to the article; nothing else of them survives."""

from __future__ import annotations

import pytest
from django.test import Client

from khabar.articles.models import Article
from khabar.web.urls_for import article_url


@pytest.mark.parametrize(
    "path",
    [
        "/ar/amp/14027",
        "/ar/amp/۱۴۰۲۷",
        "/ar/amp/news/14027",
        "/ar/amp/news/١٤٠٢٧",
        "/ar/amp/news/14027/old-slug",
        "/ar/news/14027/amp",
        "/ar/news/۱۴۰۲۷/amp",
        "/ar/news/14027/old-slug/amp",
    ],
)
def test_amp_addresses_redirect_permanently_to_the_article(
    client: Client, sample_article: Article, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == article_url(sample_article)


@pytest.mark.parametrize(
    "path", ["/ar/amp/99999", "/ar/amp/news/99999", "/ar/news/99999/amp", "/ar/amp/news/abc"]
)
def test_amp_addresses_of_unknown_articles_are_a_404(
    client: Client, sample_article: Article, path: str
) -> None:
    assert client.get(path).status_code == 404
