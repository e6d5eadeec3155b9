"""The search analysis on its own: words, spans, variants and the query expression."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.analysis import (
    MAX_QUERY_WORDS,
    MAX_WORD_CHARS,
    AllOf,
    AnyOf,
    Term,
    adjacent_pairs,
    analyse,
    arabic_stem,
    index_text,
    query_parse,
    query_tokens,
    typed_keys,
)

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("العراقیه", "عراقیه"),
        ("للحکومه", "حکومه"),
        ("والبرلمان", "برلمان"),
        ("بالبرلمان", "برلمان"),
        ("فالبرلمان", "برلمان"),
        ("وکالحکومه", "حکومه"),
        ("وللحکومه", "حکومه"),
        ("برلمان", "برلمان"),
        ("وزیر", "وزیر"),
        ("الله", "الله"),
        ("المال", "مال"),
        ("الدم", "الدم"),
        ("والدین", "والدین"),
        ("iran", "iran"),
        ("14027", "14027"),
    ],
)
def test_the_arabic_stem_drops_the_article_and_its_clitics_only(word: str, stem: str) -> None:
    assert arabic_stem(word) == stem


def test_a_word_keeps_its_span_in_the_text_as_typed() -> None:
    text = "قال: كَتَبَ الرئيسُ"
    words = analyse(text, language="ar")
    assert [text[word.start : word.end] for word in words] == ["قال", "كَتَبَ", "الرئيسُ"]
    assert [word.key for word in words] == ["قال", "کتب", "الرییس"]


def test_a_zero_width_space_separates_words() -> None:
    assert [word.key for word in analyse("سو\u200bریه", language="fa")] == ["سو", "ریه"]


def test_a_ligature_spells_out_its_words() -> None:
    assert [word.key for word in analyse("ﷺ", language="ar")] == ["صلی", "الله", "علیه", "وسلم"]


def test_over_long_words_are_not_indexed() -> None:
    assert index_text("x" * (MAX_WORD_CHARS + 1) + " iran", language="en").exact == "iran"


def test_the_variants_of_a_persian_text() -> None:
    indexed = index_text(f"خانه{ZWNJ}ها و می{ZWNJ}روند کتاب خانه", language="fa")
    assert indexed.exact == "خانهها و میروند کتاب خانه"
    assert indexed.variants.split() == ["خانه", "میروندکتاب", "کتابخانه"]


def test_the_variants_of_an_arabic_text_hold_every_stem() -> None:
    indexed = index_text("البرلمان العراقي\nقرر", language="ar")
    assert indexed.variants.split() == ["برلمان", "عراقی", "قرر", "البرلمانالعراقی"]


def test_a_spaced_persian_verb_is_looked_for_as_one_word() -> None:
    parsed = query_parse("می روند", language="fa")
    assert isinstance(parsed.expression, AllOf)
    bound = parsed.expression.children[0]
    assert bound == AnyOf((Term("میروند", exact=True), Term("میروند", exact=False)))


def test_query_syntax_is_read_as_words() -> None:
    parsed = query_parse('"iran" OR -iraq* NEAR(x', language="en")
    assert parsed.expression is not None
    assert query_tokens(parsed.expression) == {"iran", "or", "iraq", "near", "x"}


def test_a_query_of_nothing_searchable_has_no_expression() -> None:
    for text in ("", "   ", "؟!،", "\x00", "\u202e\u202c", ZWNJ * 3, "ـــ"):
        assert query_parse(text, language="fa").expression is None


def test_a_query_is_bounded_in_words() -> None:
    parsed = query_parse(" ".join(f"w{n}" for n in range(100)), language="en")
    assert len(parsed.words) == MAX_QUERY_WORDS


@given(st.text(alphabet="ابپتثجچحخدکگیيكةۀءأإآؤئ َُِّـ\u200c\u200d ۱۲٣4،.", max_size=60))
def test_every_word_is_found_by_its_own_text(text: str) -> None:
    """Each word of a text, typed alone as a query, names a token its text indexes."""
    for language in ("fa", "ar"):
        indexed = index_text(text, language=language)
        tokens = set(indexed.exact.split()) | set(indexed.variants.split())
        for word in analyse(text, language=language):
            parsed = query_parse(text[word.start : word.end], language=language)
            assert parsed.expression is not None
            assert query_tokens(parsed.expression) & tokens


@given(
    st.text(alphabet="ابپتثجچحخدکگیيكةۀءأإآؤئلو َُِّـ\u200c\u200d\u200b ۱۲٣4،.\nﷺﻻxZ_", max_size=80),
    st.sampled_from(["ar", "fa", "en"]),
)
def test_the_indexed_text_is_the_words_their_variants_and_joined_pairs(
    text: str, language: str
) -> None:
    """`index_text`'s single pass says what `analyse` and `adjacent_pairs` say."""
    words = analyse(text, language=language)
    variants: list[str] = []
    for word in words:
        variants += word.parts
        if language == "ar" and all("\u0620" <= char < "\u06d4" for char in word.key):
            variants.append(word.stem)  # every Arabic word's stem (a key holds letters only)
    variants += [first.key + second.key for first, second in adjacent_pairs(text, words)]
    indexed = index_text(text, language=language)
    assert indexed.exact == " ".join(word.key for word in words)
    assert indexed.variants == " ".join(variants)


@given(st.text(alphabet="ابپتثجچحخدکگیيكةۀءأإآؤئلو َُِّـ\u200c ۱۲٣4،.\nﷺxZ_", max_size=80))
def test_typed_keys_are_the_keys_of_the_words_with_the_words_as_typed(text: str) -> None:
    for language in ("ar", "fa"):
        words = analyse(text, language=language)
        expected = [(word.key, text[word.start : word.end]) for word in words]
        assert list(typed_keys(text, language=language)) == expected


@given(st.text(max_size=300))
def test_any_text_is_a_query_without_error(text: str) -> None:
    parsed = query_parse(text, language="fa")
    assert len(parsed.words) <= MAX_QUERY_WORDS
