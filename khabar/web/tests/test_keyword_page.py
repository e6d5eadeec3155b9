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


def test_keyword_page_is_tagged_with_the_keyword_and_its_articles(
    client: Client, sample_article: Article
) -> None:
    from khabar.core import surrogate

    keyword = sample_article.articlekeyword_set.get(position=1).keyword
    keys = surrogate.keys_of(client.get("/ar/tag/السورية/"))
    assert keys >= {
        surrogate.edition_key("ar"),
        surrogate.keyword_key(keyword.pk),
        surrogate.article_key(sample_article.pk),
    }


def test_keyword_page_links_its_feed_and_canonical(client: Client, sample_article: Article) -> None:
    html = client.get("/ar/tag/السورية/").content.decode()
    path = "/ar/tag/%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9/"
    assert f'href="{path}rss.xml"' in html
    assert f'<link rel="canonical" href="http://testserver{path}">' in html


def test_keyword_pages_are_paginated(client: Client, edition_en, make_article) -> None:
    for number in range(21):
        make_article(edition_en, f"Story {number}", keywords=["Tehran"])
    first = client.get("/en/tag/Tehran/").content.decode()
    assert "Story 20" in first and "Story 0<" not in first
    assert '<a href="/en/tag/Tehran/?page=2" rel="next">' in first
    second = client.get("/en/tag/Tehran/?page=2").content.decode()
    assert "Story 0<" in second
    assert client.get("/en/tag/Tehran/?page=3").status_code == 404
    assert client.get("/en/tag/Tehran/?page=-1").status_code == 404
