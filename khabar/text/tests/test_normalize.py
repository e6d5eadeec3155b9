import importlib
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import canonical_persian_letters, normalize, words

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("السورية", "السوریة"),
        ("كتاب", "کتاب"),
        ("إيران", "ایران"),
        ("أحمد", "احمد"),
        ("آب", "اب"),
        ("ٱلله", "الله"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رییس"),
        ("مدرسة", "مدرسه"),
        ("خانۀ", "خانه"),
        ("سماء", "سما"),
        ("مُحَمَّد", "محمد"),
        ("قُرْآن", "قران"),
        ("الرحمٰن", "الرحمن"),
        ("كـــتـاب", "کتاب"),
        (f"می{ZWNJ}خواهم", "میخواهم"),
        ("\u200fایران\u200e", "ایران"),
        ("\u061cایران\u2067x\u2069", "ایرانx"),
        ("\ufeffایران\u00ad", "ایران"),
        ("۱۴۰۲۷", "14027"),
        ("٢٠٢٤", "2024"),
        ("Tehran  TIMES", "tehran times"),
        ("خبر\u00a0فوری", "خبر فوری"),
        ("خبر\u200bفوری", "خبر فوری"),
        ("  خبر \t\n فوری ", "خبر فوری"),
        ("ﻻ", "لا"),
        ("ＡＢＣ１２", "abc12"),
    ],
)
def test_spellings_readers_consider_equal_have_the_same_key(one: str, other: str) -> None:
    assert normalize(one) == normalize(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("گل", "کل"),
        ("پدر", "بدر"),
        ("چرا", "جرا"),
        ("ژاله", "زاله"),
        ("على", "علا"),
        ("میخواهم", "می خواهم"),
    ],
)
def test_different_words_keep_different_keys(one: str, other: str) -> None:
    assert normalize(one) != normalize(other)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("على", "علی"),
        ("گپچژ", "گپچژ"),
        ("ي ى ی ې ئ", "ی ی ی ی ی"),
        ("ك ک", "ک ک"),
        ("أ إ آ ٱ ؤ", "ا ا ا ا و"),
        ("ة ۀ ە", "ه ه ه"),
    ],
)
def test_normalize_gives_the_documented_letters(text: str, key: str) -> None:
    assert normalize(text) == key


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key


@given(st.text())
def test_normalize_never_leaves_invisible_characters_or_stray_spaces(text: str) -> None:
    key = normalize(text)
    assert not any(unicodedata.category(char) == "Cf" for char in key)
    assert key == key.strip()
    assert "  " not in key


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)))
def test_normalize_is_idempotent_on_arabic_block_text(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي كريمي", "علی کریمی"),
        ("يى ك", "یی ک"),
        ("مدرسة إيران", "مدرسة إیران"),
        (f"مُحَمَّد می{ZWNJ}خواهد ۱۴۰۲", f"مُحَمَّد می{ZWNJ}خواهد ۱۴۰۲"),
    ],
)
def test_canonical_persian_letters_changes_only_yeh_and_kaf(text: str, expected: str) -> None:
    assert canonical_persian_letters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سلام، دنیا؛ چطوری؟", ["سلام", "دنیا", "چطوری"]),
        ("«انتخابات» ۱۴۰۲: آغاز شد!", ["انتخابات", "1402", "اغاز", "شد"]),
        ("al-Quds (القدس)", ["al", "quds", "القدس"]),
        ("snake_case", ["snake", "case"]),
        (f"می{ZWNJ}خواهم", ["میخواهم"]),
        ("  ...  ", []),
    ],
)
def test_words_are_normalized_letter_and_digit_runs(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def _normalize_by_translate(text: str) -> str:
    """`normalize` as first written, with str.translate: the meaning its faster form keeps."""
    module = importlib.import_module("khabar.text.normalize")  # the package exports the function
    key = unicodedata.normalize("NFKC", text).translate(module._TABLE)
    key = module.to_latin_digits(key).casefold()
    key = unicodedata.normalize("NFKC", key).translate(module._TABLE)
    return " ".join(key.split())


@given(st.text())
def test_normalize_gives_what_translating_with_its_table_gives(text: str) -> None:
    assert normalize(text) == _normalize_by_translate(text)


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
            st.characters(categories=["Cf", "Lu", "Mn", "Nd", "Zs"]),
            st.sampled_from("ﻻﺋABCÅẞ\u0301\u200b\u200c\u00a0"),
        )
    )
)
def test_normalize_gives_what_translating_gives_on_mixed_script_text(text: str) -> None:
    assert normalize(text) == _normalize_by_translate(text)


@given(st.text())
def test_canonical_persian_letters_changes_nothing_but_yeh_alef_maksura_and_kaf(
    text: str,
) -> None:
    expected = text.translate({ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک"})
    assert canonical_persian_letters(text) == expected
