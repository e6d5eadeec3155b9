import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import display_text, excerpt

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("", 10, ""),
        ("خبر فوری", 10, "خبر فوری"),
        ("خبر فوری", 8, "خبر فوری"),  # exactly the limit: kept whole
        ("خبر فوری امروز", 10, "خبر فوری…"),
        ("خبر فوری امروز", 9, "خبر فوری…"),
        ("خبر فوری امروز", 8, "خبر…"),  # never inside a word
        ("  خبر \n\t فوری  ", 20, "خبر فوری"),  # whitespace as one space
        ("أكد شمخاني، أنه لا ينبغي", 13, "أكد شمخاني…"),  # no comma before the ellipsis
        ("اخبار بسیار فوری", 13, "اخبار بسیار…"),
        (f"می{ZWNJ}خواهم بروم", 9, f"می{ZWNJ}خواهم…"),
        ("بببببببببببب", 5, "بببب…"),  # one long word: cut inside it, as it must be
        ("مُحَمَّدمُحَمَّد", 5, "مُحَ…"),  # a cut inside a word keeps a letter with its marks
        ("Tehran times today", 14, "Tehran times…"),
    ],
)
def test_excerpts_end_at_a_word_with_an_ellipsis(text: str, max_chars: int, expected: str) -> None:
    assert excerpt(text, max_chars=max_chars) == expected


@given(st.text(), st.integers(min_value=2, max_value=300))
def test_an_excerpt_fits_and_is_the_start_of_the_text(text: str, max_chars: int) -> None:
    result = excerpt(text, max_chars=max_chars)
    assert len(result) <= max_chars
    collapsed = " ".join(text.split())
    if result.endswith("…") and result != collapsed:
        assert collapsed.startswith(result[:-1].rstrip())
    else:
        assert result == collapsed


LRM, RLM, ALM, ZWJ = "\u200e", "\u200f", "\u061c", "\u200d"
FLAG_ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ایران", "ایران"),
        # Direction embeddings, overrides and isolates: the Trojan Source characters.
        ("\u202eایران\u202c", "ایران"),
        ("\u202aabc\u202b\u202d", "abc"),
        ("\u2066a\u2067b\u2068c\u2069", "abc"),
        ("خبر\u202e txt.exe", "خبر txt.exe"),
        # Zero-width space, word joiner, BOM, soft hyphen, invisible operators, fillers.
        ("خبر\u200bفوری", "خبرفوری"),
        ("\ufeffخبر\u2060\u00ad", "خبر"),
        ("a\u2061b\u2062c\u2063d\u2064e", "abcde"),
        ("x\u180ey\u206az\ufff9", "xyz"),
        ("a\u3164b\u115fc\u1160d\uffa0", "abcd"),
        # Controls other than tab, newline and carriage return.
        ("a\x00b\x07c\x1bd\x7fe\x85f\x9bg", "abcdefg"),
        ("a\tb\nc\rd", "a\tb\nc\rd"),
        # Tags hide ASCII text; only a flag's tag sequence keeps them.
        ("خبر\U000e0068\U000e0069", "خبر"),
        (f"{FLAG_ENGLAND} England", f"{FLAG_ENGLAND} England"),
        # ZWNJ is how Persian is spelled; ZWJ joins emoji and letter forms.
        ("می\u200cخواهم", "می\u200cخواهم"),
        (f"{FAMILY} خانواده", f"{FAMILY} خانواده"),
        ("ه\u200d", "ه"),  # at the end of the text, it joins nothing
        # ...but only between two characters, and one at a time.
        ("\u200cمی\u200c\u200c\u200cخواهم\u200c", "می\u200cخواهم"),
        ("کتاب \u200cها", "کتاب ها"),
        ("می\u200c\u200dخواهم", "می\u200cخواهم"),
        # Marks fix where neutral characters go in mixed text; they reverse nothing.
        (f"iPhone {RLM}جدید", f"iPhone {RLM}جدید"),
        (f"{ALM}٢٠٢٤", f"{ALM}٢٠٢٤"),
        (f"a{RLM}{RLM}{LRM}b", f"a{RLM}b"),
        # Arabic signs spanning digits are visible: kept.
        ("\u0600١٢٣ \u06dd٥", "\u0600١٢٣ \u06dd٥"),
        # Nothing visible left: nothing at all.
        (f"{RLM}", ""),
        (f" {LRM} \u200c \u202e ", ""),
        ("\ufeff\u200b", ""),
    ],
)
def test_display_text_keeps_what_readers_see_and_drops_invisible_spoofing(
    text: str, expected: str
) -> None:
    assert display_text(text) == expected


REMOVED = [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2060",
    "\U000e0041",
]


@given(st.text())
def test_display_text_is_idempotent_and_only_ever_removes(text: str) -> None:
    once = display_text(text)
    assert display_text(once) == once
    remaining = iter(text)
    assert all(char in remaining for char in once)  # a subsequence of the input


@given(st.text())
def test_display_text_leaves_no_direction_control_or_hidden_character(text: str) -> None:
    assert not set(display_text(text)) & set(REMOVED)


@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"])))
def test_text_without_invisible_characters_is_unchanged(text: str) -> None:
    if not any(char in text for char in "\u3164\u115f\u1160\uffa0") and text.strip():
        assert display_text(text) == text
