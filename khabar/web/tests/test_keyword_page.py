from __future__ import annotations

import pytest
from django.test import Client

from khabar.articles.models import Article


def test_keyword_page_lists_its_articles(client: Client, sample_article: Article) -> None:
    response = client.get("/ar/tag/السورية/")
    assert response.status_code == 200
    assert sample_article.headline in response.content.decode()


@pytest.mark.parametrize("spelling", ["السوریة", "السوريه", "السُّورِيَّة"])
def test_another_spelling_of_a_keyword_redirects_to_its_page(
    client: Client, sample_article: Article, spelling: str
) -> None:
    response = client.get(f"/ar/tag/{spelling}/")
    assert response.status_code == 301
    assert response["Location"] == "/ar/tag/%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9/"
