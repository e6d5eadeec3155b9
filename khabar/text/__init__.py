"""Arabic-script text: digits, the matching normaliser and slugs. Pure Python, no Django."""

from khabar.text.digits import (
    Digits,
    NumberTooLong,
    digits_of_language,
    format_int,
    parse_int,
    to_digits,
    to_latin_digits,
)
from khabar.text.display import display_text, excerpt, xml_text
from khabar.text.normalize import canonical_persian_letters, normalize, words
from khabar.text.slugs import slugify

__all__ = [
    "Digits",
    "NumberTooLong",
    "canonical_persian_letters",
    "digits_of_language",
    "display_text",
    "excerpt",
    "format_int",
    "normalize",
    "parse_int",
    "slugify",
    "to_digits",
    "to_latin_digits",
    "words",
    "xml_text",
]
