"""URL slugs that keep Arabic-script letters."""

from __future__ import annotations

from khabar.text.normalize import words

__all__ = ["slugify"]


def slugify(text: str, *, max_length: int = 80) -> str:
    """Join the normalized words of `text` with '-', cut at a word boundary within max_length.

    Built on `normalize`, so ي/ی or ك/ک spellings of a headline give the same slug. A first
    word longer than max_length is cut inside the word rather than giving an empty slug.
    Returns "" when `text` has no letters or digits.
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    slug = ""
    for word in words(text):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            return slug or word[:max_length]
        slug = candidate
    return slug
