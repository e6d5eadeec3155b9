"""Section pages: newest first, 20 a page, page numbers in the edition's digits."""

from __future__ import annotations

import pytest
from django.test import Client

from khabar.core import surrogate
from khabar.editions.models import Edition, Section
from khabar.web.tests.conftest import MakeArticle, count_queries


@pytest.fixture
def crowded_section(
    edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> Section:
    for number in range(45):
        make_article(edition_ar, f"خبر رقم {number:02d}", section=section_politics)
    return section_politics


def test_section_page_lists_its_articles_newest_first(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "الأقدم", section=section_politics)
    make_article(edition_ar, "الأحدث", section=section_politics)
    make_article(edition_ar, "من خارج القسم")
    response = client.get("/ar/section/politics/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="page-title">سياسة</h1>' in html
    assert html.index("الأحدث") < html.index("الأقدم")
    assert "من خارج القسم" not in html
    assert 'aria-current="page">سياسة</a>' in html


def test_section_pages_hold_twenty_articles_and_link_each_other(
    client: Client, crowded_section: Section
) -> None:
    first = client.get("/ar/section/politics/").content.decode()
    assert first.count('<li>\n    <a href="/ar/news/') == 20
    assert "خبر رقم 44" in first and "خبر رقم 24" not in first
    assert '<nav class="pagination" aria-label="' in first
    assert '<a href="/ar/section/politics/?page=2" rel="next">' in first
    assert '<span aria-current="page">۱</span>' in first
    assert '<a href="/ar/section/politics/?page=3">۳</a>' in first
    third = client.get("/ar/section/politics/?page=3").content.decode()
    assert third.count('<li>\n    <a href="/ar/news/') == 5
    assert '<a href="/ar/section/politics/?page=2" rel="prev">' in third
    assert 'rel="next"' not in third.split("<body", 1)[1]
    assert '<link rel="canonical" href="http://testserver/ar/section/politics/?page=3">' in third


@pytest.mark.parametrize(
    "query", ["page=-1", "page=۹۹۹۹۹۹", "page=abc", "page=0", "page=4", "page=", "page=99999999999"]
)
def test_bad_page_numbers_are_a_404(client: Client, crowded_section: Section, query: str) -> None:
    assert client.get(f"/ar/section/politics/?{query}").status_code == 404


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("page=1", "/ar/section/politics/"),
        ("page=۲", "/ar/section/politics/?page=2"),
        ("page=02", "/ar/section/politics/?page=2"),
    ],
)
def test_page_numbers_redirect_to_their_plain_spelling(
    client: Client, crowded_section: Section, query: str, location: str
) -> None:
    response = client.get(f"/ar/section/politics/?{query}")
    assert response.status_code == 301
    assert response["Location"] == location


def test_section_page_is_tagged_with_the_section_and_its_articles(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar, section=section_politics)
    keys = surrogate.keys_of(client.get("/ar/section/politics/"))
    assert keys >= {
        surrogate.edition_key("ar"),
        surrogate.section_key(section_politics.pk),
        surrogate.article_key(article.pk),
    }


def test_section_page_links_its_feed(client: Client, section_politics: Section) -> None:
    html = client.get("/ar/section/politics/").content.decode()
    assert 'type="application/rss+xml" title="سياسة" href="/ar/section/politics/rss.xml"' in html


def test_section_page_queries_do_not_grow_with_the_archive(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    make_article(edition_ar, section=section_politics)
    few, _response = count_queries(client, "/ar/section/politics/")
    for _number in range(30):
        make_article(edition_ar, section=section_politics)
    many, _response = count_queries(client, "/ar/section/politics/?page=2")
    assert few == many <= 7  # with the comment counts


@pytest.mark.parametrize("path", ["/ar/section/nothing/", "/en/section/politics/"])
def test_unknown_sections_are_a_404(client: Client, section_politics: Section, path: str) -> None:
    assert client.get(path).status_code == 404
