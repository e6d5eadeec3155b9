"""URL slugs that keep Arabic-script letters."""

from __future__ import annotations

import re

from khabar.text.digits import to_latin_digits
from khabar.text.normalize import strip_marks

__all__ = ["slugify"]

_WORD = re.compile(r"[^\W_]+")


def slugify(text: str, *, max_length: int = 80) -> str:
    """Join the words of `text` with '-', cut at a word boundary within max_length.

    Letters stay as the editor typed them (an Arabic slug keeps ي and ك); harakat, tatweel,
    invisible characters and punctuation go, digits become Latin, Latin is lowercased.
    Slugs are decoration: the news code finds the article whatever the slug says. A first
    word longer than max_length is cut inside the word rather than giving an empty slug.
    Returns "" when `text` has no letters or digits.
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    slug = ""
    for word in _WORD.findall(to_latin_digits(strip_marks(text)).casefold()):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            return slug or word[:max_length]
        slug = candidate
    return slug
