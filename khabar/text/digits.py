"""Decimal digits in the three scripts Khabar's editions print: Latin, Persian, Arabic-Indic."""

from __future__ import annotations

import enum

__all__ = [
    "Digits",
    "NumberTooLong",
    "digits_of_language",
    "format_int",
    "parse_int",
    "to_digits",
    "to_latin_digits",
]


class NumberTooLong(ValueError):
    """A number of more digits than asked for: too large, rather than not a number."""


class Digits(enum.StrEnum):
    LATIN = "latin"
    PERSIAN = "persian"
    ARABIC_INDIC = "arabic"


_ZEROS = {Digits.LATIN: ord("0"), Digits.PERSIAN: 0x06F0, Digits.ARABIC_INDIC: 0x0660}

_ALL_DIGITS = frozenset(chr(zero + i) for zero in _ZEROS.values() for i in range(10))

_TABLES: dict[Digits, dict[int, int]] = {
    target: {source_zero + i: target_zero + i for source_zero in _ZEROS.values() for i in range(10)}
    for target, target_zero in _ZEROS.items()
}


# The digits a language's own text is written with, as Khabar's translations write them:
# the Persian interface ۰-۹, the Arabic one ٠-٩ (an edition chooses its own: the Arabic
# edition of an Iranian agency prints Persian digits), every other language 0-9.
_LANGUAGE_DIGITS = {"fa": Digits.PERSIAN, "ar": Digits.ARABIC_INDIC}


def digits_of_language(language: str) -> Digits:
    """The digits of an interface language ("fa", "ar-iq", "en"…)."""
    return _LANGUAGE_DIGITS.get(language.lower().split("-")[0], Digits.LATIN)


def to_digits(text: str, digits: Digits | str) -> str:
    """Write every Latin, Persian or Arabic-Indic digit in `text` in the `digits` script."""
    return text.translate(_TABLES[Digits(digits)])


def to_latin_digits(text: str) -> str:
    return text.translate(_TABLES[Digits.LATIN])


def parse_int(text: str, *, max_digits: int = 18) -> int:
    """Read a non-negative integer written in Latin, Persian or Arabic-Indic digits (or a mix).

    Stricter than int(), which also takes signs, '_' separators and the digits of every
    other Unicode script: a form field or an imported value should hold none of those.
    More than `max_digits` digits raise NumberTooLong, a ValueError.
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("expected a number, got an empty text")
    if any(char not in _ALL_DIGITS for char in stripped):
        raise ValueError(f"expected only Latin, Persian or Arabic-Indic digits, got {text!r}")
    if len(stripped) > max_digits:
        raise NumberTooLong(
            f"expected at most {max_digits} digits, got {len(stripped)} in {text!r}"
        )
    return int(to_latin_digits(stripped))


def format_int(n: int, digits: Digits | str) -> str:
    return to_digits(str(n), digits)
