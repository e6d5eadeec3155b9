import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("إيران: «انتخابات» ۱۴۰۲، آغاز شد؟", "إيران-انتخابات-1402-آغاز-شد"),
        ("السُّورِيَّة‌ها", "السوريةها"),
        ("Breaking NEWS: Tehran", "breaking-news-tehran"),
        ("  -- سلام --  ", "سلام"),
        ("؟!، «»", ""),
        ("", ""),
    ],
)
def test_slug_keeps_arabic_script_words_joined_by_hyphens(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slug_keeps_the_letters_the_editor_typed() -> None:
    """An Arabic headline's slug keeps Arabic ي and ك; a Persian one keeps ی and ک."""
    assert slugify("رئيس الجمهورية علي") == "رئيس-الجمهورية-علي"
    assert slugify("رئیس جمهور کشور") == "رئیس-جمهور-کشور"


def test_slug_is_cut_at_a_word_boundary() -> None:
    assert slugify("aaa bbb ccc", max_length=9) == "aaa-bbb"
    assert slugify("aaa bbb ccc", max_length=7) == "aaa-bbb"
    assert slugify("aaa bbb ccc", max_length=6) == "aaa"


def test_a_single_overlong_word_is_cut_rather_than_lost() -> None:
    assert slugify("a" * 100, max_length=10) == "a" * 10


def test_max_length_must_be_positive() -> None:
    with pytest.raises(ValueError):
        slugify("abc", max_length=0)


@given(st.text(), st.integers(min_value=1, max_value=120))
def test_slug_is_url_safe_and_within_max_length(text: str, max_length: int) -> None:
    slug = slugify(text, max_length=max_length)
    assert len(slug) <= max_length
    assert re.fullmatch(r"([^\W_]+(-[^\W_]+)*)?", slug)
    assert slugify(slug, max_length=max_length) == slug
