import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import excerpt

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
