import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import (
    Digits,
    digits_of_language,
    format_int,
    parse_int,
    to_digits,
    to_latin_digits,
)

LATIN = "0123456789"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
SCRIPTS = {Digits.LATIN: LATIN, Digits.PERSIAN: PERSIAN, Digits.ARABIC_INDIC: ARABIC_INDIC}

any_digit_text = st.text(alphabet=LATIN + PERSIAN + ARABIC_INDIC + "abc :/-ی", max_size=40)


@pytest.mark.parametrize("target", list(Digits))
def test_every_script_converts_to_every_script(target: Digits) -> None:
    for source in SCRIPTS.values():
        assert to_digits(source, target) == SCRIPTS[target]


def test_digits_accepts_the_setting_strings() -> None:
    assert to_digits("12", "persian") == "۱۲"
    assert to_digits("12", "arabic") == "١٢"
    assert to_digits("۱۲", "latin") == "12"


def test_an_unknown_digits_name_is_an_error() -> None:
    with pytest.raises(ValueError):
        to_digits("12", "roman")


def test_characters_other_than_the_three_scripts_digits_are_untouched() -> None:
    text = "ساعت 18:56، ۱۹ دی — १२ １２"
    assert to_latin_digits(text) == "ساعت 18:56، 19 دی — १२ １２"


@given(any_digit_text, st.sampled_from(list(Digits)), st.sampled_from(list(Digits)))
def test_conversions_round_trip_through_any_script(
    text: str, middle: Digits, target: Digits
) -> None:
    assert to_digits(to_digits(text, middle), target) == to_digits(text, target)
    assert to_latin_digits(to_digits(text, middle)) == to_latin_digits(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("140", 140),
        ("۱4٠", 140),
        (" ۰۰۷\n", 7),
        ("٢٠٢٤", 2024),
        ("0", 0),
        ("9" * 18, 10**18 - 1),
    ],
)
def test_parse_int_reads_any_mix_of_the_three_scripts(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-1", "+1", "1_000", "1,000", "1.5", "१२", "１２", "12a", "1 2", "9" * 19, "²"],
)
def test_parse_int_rejects_anything_but_the_three_scripts_digits(text: str) -> None:
    with pytest.raises(ValueError):
        parse_int(text)


def test_parse_int_limit_is_adjustable_and_named_in_the_error() -> None:
    assert parse_int("12345", max_digits=5) == 12345
    with pytest.raises(ValueError, match="at most 4 digits"):
        parse_int("12345", max_digits=4)


@given(st.integers(min_value=0, max_value=10**18 - 1), st.sampled_from(list(Digits)))
def test_format_int_and_parse_int_round_trip(n: int, digits: Digits) -> None:
    assert parse_int(format_int(n, digits)) == n


def test_format_int_writes_the_requested_script() -> None:
    assert format_int(1395, Digits.PERSIAN) == "۱۳۹۵"
    assert format_int(-20, "arabic") == "-٢٠"


@pytest.mark.parametrize(
    ("language", "digits"),
    [
        ("fa", Digits.PERSIAN),
        ("fa-IR", Digits.PERSIAN),
        ("ar", Digits.ARABIC_INDIC),
        ("ar-iq", Digits.ARABIC_INDIC),
        ("en", Digits.LATIN),
        ("", Digits.LATIN),
    ],
)
def test_an_interface_language_writes_its_own_digits(language: str, digits: Digits) -> None:
    assert digits_of_language(language) is digits
