"""khabar.core.links: the paths of a list read the URL context once, and are the same paths."""

from __future__ import annotations

from typing import Any

import pytest
from django.templatetags.static import static
from django.urls import NoReverseMatch, set_script_prefix

from khabar.core import links


def test_a_list_of_article_paths_is_each_article_s_path() -> None:
    articles = [(14027, "خبر-عاجل"), (5, ""), (77, "a-b")]
    assert links.article_paths("ar", articles) == [
        links.article_path("ar", code, slug) for code, slug in articles
    ]


@pytest.mark.parametrize("slug", ["9/11", "100%", "C#", "a?b", "حرب غزة"])
def test_a_list_of_keyword_paths_encodes_each_slug_as_one_path_does(slug: str) -> None:
    assert links.keyword_paths("fa", [slug]) == [links.keyword_path("fa", slug)]


def test_a_list_of_paths_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/news-site/")
        assert links.article_paths("en", [(9, "x")]) == ["/news-site/en/news/9/x"]
    finally:
        set_script_prefix("/")


def test_a_list_with_an_impossible_path_is_refused_like_one_path() -> None:
    with pytest.raises(NoReverseMatch):
        links.reverse_each("web:article", each=[{"edition": "ar", "code": "not-a-number"}])


def test_a_static_file_s_url_is_django_s_and_follows_the_settings(settings: Any) -> None:
    assert links.static_url("khabar/site.css") == static("khabar/site.css")
    settings.STATIC_URL = "https://cdn.example/s/"
    assert links.static_url("khabar/site.css") == "https://cdn.example/s/khabar/site.css"
