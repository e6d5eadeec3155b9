"""khabar.core.links: the paths of a list read the URL context once, and are the same paths."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given, settings
from hypothesis import strategies as st

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
        links.keyword_paths("ar", ["حرب", ""])
    with pytest.raises(NoReverseMatch):
        links.keyword_path("ar", "two\nlines")


def test_a_static_file_s_url_is_django_s_and_follows_the_settings(settings: Any) -> None:
    assert links.static_url("khabar/site.css") == static("khabar/site.css")
    settings.STATIC_URL = "https://cdn.example/s/"
    assert links.static_url("khabar/site.css") == "https://cdn.example/s/khabar/site.css"


ARTICLE_ROUTES = ["web:article", "web:article_print", "web:article_comment"]
# Any text: letters of every script, what a URL must encode (%, #, ?, space), surrogates
# left out (no UTF-8 for them, as for Django).
any_character = st.characters(exclude_categories=["Cs"])
slugs = st.text(any_character, max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(ARTICLE_ROUTES),
    edition=st.sampled_from(["ar", "fa", "en"]),
    code=st.integers(min_value=0, max_value=10**13),
    slug=slugs,
)
def test_an_article_s_path_is_exactly_what_django_s_reverse_gives(
    name: str, edition: str, code: int, slug: str
) -> None:
    kwargs: dict[str, object] = {"edition": edition, "code": code}
    if slug and name == "web:article":
        kwargs["slug"] = slug
    try:
        expected: str | type[NoReverseMatch] = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        expected = NoReverseMatch
    try:
        built: str | type[NoReverseMatch] = links.article_route_path(
            name, edition, code, str(kwargs.get("slug", ""))
        )
    except NoReverseMatch:
        built = NoReverseMatch
    assert built == expected


@settings(max_examples=300, deadline=None)
@given(edition=st.sampled_from(["ar", "fa", "en"]), slug=slugs)
def test_a_keyword_s_path_is_exactly_what_django_s_reverse_gives(edition: str, slug: str) -> None:
    """Any slug an editor may type: slashes, `%`, `#`, `?`, spaces, line breaks, any script."""
    kwargs = {"edition": edition, "slug": slug}
    try:
        expected: str | type[NoReverseMatch] = reverse("web:keyword", kwargs=kwargs)
    except NoReverseMatch:
        expected = NoReverseMatch
    try:
        built: str | type[NoReverseMatch] = links.keyword_path(edition, slug)
    except NoReverseMatch:
        built = NoReverseMatch
    assert built == expected


def test_a_keyword_s_path_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/news-site/")
        assert links.keyword_paths("fa", ["9/11"]) == ["/news-site/fa/tag/9/11/"]
    finally:
        set_script_prefix("/")
    assert links.keyword_path("fa", "9/11") == "/fa/tag/9/11/"


def test_an_article_s_path_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/news site/")
        assert links.article_path("fa", 7, "خبر ۱") == reverse(
            "web:article", kwargs={"edition": "fa", "code": 7, "slug": "خبر ۱"}
        )
        assert links.article_path("fa", 7, "x").startswith("/news%20site/fa/")
    finally:
        set_script_prefix("/")


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(any_character),
    safe=st.sampled_from(["", "/", "!$&'()*+,;=/~:@", "-^]\\"]),
)
def test_percent_encoding_is_urllib_s_quote(text: str, safe: str) -> None:
    assert links.percent_encode(text, safe) == quote(text, safe=safe)


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(st.sampled_from(["ا", "ب", "ی", "\u200c", " ", "-", "--", "%", "2D", "a"])).map(
        "".join
    ),
    safe=st.sampled_from(["", "/", "!$&'()*+,;=/~:@"]),
)
def test_slugs_encode_as_quote_does_across_their_hyphens(text: str, safe: str) -> None:
    # A slug's words and the hyphens between them are encoded as one run; a hyphen stays.
    assert links.percent_encode(text, safe) == quote(text, safe=safe)


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(st.characters(max_codepoint=127)),
    safe=st.sampled_from(["", "/", "!$&'()*+,;=/~:@", "-^]\\"]),
)
def test_ascii_text_such_as_an_encoded_url_encodes_as_quote_does(text: str, safe: str) -> None:
    # ASCII text takes its own way (one translation, not one call per `%` of an encoded URL).
    assert links.percent_encode(text, safe) == quote(text, safe=safe)
    url = quote(f"https://example.org/ar/news/1/{text}")
    assert links.percent_encode(url, safe) == quote(url, safe=safe)


def test_a_fixed_context_builds_the_same_urls_and_ends_with_its_block() -> None:
    with links.fixed_context():
        assert links.article_path("fa", 7, "خبر ۱") == reverse(
            "web:article", kwargs={"edition": "fa", "code": 7, "slug": "خبر ۱"}
        )
        assert links.keyword_paths("fa", ["9/11"]) == [
            reverse("web:keyword", kwargs={"edition": "fa", "slug": "9/11"})
        ]
    try:
        set_script_prefix("/news site/")  # read again once the block is over
        assert links.article_path("fa", 7, "x").startswith("/news%20site/fa/")
    finally:
        set_script_prefix("/")
