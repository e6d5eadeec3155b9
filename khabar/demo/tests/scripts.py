"""Which script a text is written in, for checking generated prose."""

from __future__ import annotations

ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
PERSIAN_ONLY = set("پچژگیک")
ARABIC_ONLY = set("يكة")


def letters(text: str) -> list[str]:
    return [char for char in text if char.isalpha()]


def is_arabic_script(text: str) -> bool:
    return all(any(lo <= ord(char) <= hi for lo, hi in ARABIC_BLOCKS) for char in letters(text))


def is_latin_script(text: str) -> bool:
    return all(ord(char) < 0x250 for char in letters(text))


def looks_like(text: str, edition: str) -> bool:
    """True if `text` reads as the edition's language should: script and telltale letters."""
    if "lorem" in text.casefold() or "ipsum" in text.casefold():
        return False
    chars = set(text)
    if edition == "fa":
        return is_arabic_script(text) and bool(chars & PERSIAN_ONLY) and not chars & {"ي", "ك"}
    if edition == "ar":
        return is_arabic_script(text) and bool(chars & ARABIC_ONLY) and not chars & PERSIAN_ONLY
    return is_latin_script(text) and len(letters(text)) > 0
