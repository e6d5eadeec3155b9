"""Text as readers see it: short excerpts for meta descriptions and cards."""

from __future__ import annotations

import unicodedata

__all__ = ["ELLIPSIS", "excerpt"]

ELLIPSIS = "…"
# Trailing punctuation an ellipsis should not follow: "شمخاني،…" reads as a typo.
_TRAILING = ".,;:!?،؛؟-–—(\u200c\u200d "


def excerpt(text: str, *, max_chars: int) -> str:
    """`text` with its whitespace collapsed, cut to `max_chars` at a word with an ellipsis.

    Whole when it fits. A cut falls between words; only a first word longer than the
    limit is cut inside, and then never between a letter and its marks (harakat).
    """
    if max_chars < 2:
        raise ValueError("max_chars must leave room for a character and the ellipsis")
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    room = max_chars - len(ELLIPSIS)
    cut = text[:room]
    if text[room] != " ":  # the cut falls inside a word: end at the word before it
        space = cut.rfind(" ")
        if space > 0:
            cut = cut[:space]
        else:  # a first word longer than the limit; keep each letter with its marks
            while cut and unicodedata.combining(text[len(cut)]):
                cut = cut[:-1]
    cut = cut.rstrip(_TRAILING) or text[:room]
    return cut + ELLIPSIS
