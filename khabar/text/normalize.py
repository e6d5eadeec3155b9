"""The matching key for Arabic-script text, and the one display fix a Persian edition applies.

`normalize` output is for comparing and indexing only (keywords, search, slugs, the
importer); what an editor typed is what a reader sees.
"""

from __future__ import annotations

import re
import unicodedata

from khabar.text.digits import to_latin_digits

__all__ = ["canonical_persian_letters", "normalize", "strip_marks", "words"]

YEH = "ی"  # U+06CC, Farsi yeh: the one form with no dots in every position, like ى
KAF = "ک"  # U+06A9, keheh
ALEF = "ا"
WAW = "و"
HEH = "ه"


def _invisible_format_chars() -> list[int]:
    # Category Cf only exists in the BMP, plane 1 and plane 14; scanning those is ~20 ms
    # at import instead of ~100 ms for all of Unicode.
    planes = [*range(0x20000), *range(0xE0000, 0xE1000)]
    return [cp for cp in planes if unicodedata.category(chr(cp)) == "Cf"]


def _char_range(first: int, last: int) -> range:
    return range(first, last + 1)


_MARKS = [
    *_char_range(0x0610, 0x061A),  # honorific signs written above words (ﷺ decomposes to these)
    *_char_range(0x064B, 0x065F),  # harakat, shadda, sukun, hamza above/below, madda
    0x0670,  # superscript alef
    0x0674,  # high hamza, produced by NFKC of ٵ ٶ ٸ
    *_char_range(0x06D6, 0x06ED),  # Quranic annotation marks
    0x0640,  # tatweel
    0x0621,  # standalone hamza: spelled or omitted inconsistently
]

_LETTERS = {
    YEH: "يىؠؽؾؿۍێېۑئ",
    KAF: "كڪ",
    ALEF: "أإآٱٲٳ",
    WAW: "ؤ",
    HEH: "ةۃۀەہۂھ",
}

# ZWSP separates words in some typing; every other Cf char (ZWNJ, ZWJ, LRM, RLM, ALM,
# bidi embeddings and isolates, BOM, soft hyphen...) is only an invisible hint and goes.
_INVISIBLE = _invisible_format_chars()
_STRIP_TABLE: dict[int, int | str | None] = {
    cp: None for cp in (*_INVISIBLE, *_MARKS) if cp != 0x0621
}
_STRIP_TABLE[0x200B] = " "
_TABLE: dict[int, int | str | None] = {**_STRIP_TABLE, 0x0621: None}
for target, sources in _LETTERS.items():
    _TABLE.update({ord(source): target for source in sources})

_CANONICAL_PERSIAN = str.maketrans({"ي": YEH, "ى": YEH, "ك": KAF})

_WORD = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Return the matching key of `text`: the same for every spelling a reader would call equal.

    NFKC, no harakat, tatweel or invisible characters, one yeh (ی), one kaf (ک), hamza
    carriers reduced to their letter, teh marbuta as heh, Latin digits, casefolded,
    whitespace collapsed. Persian letters گ پ چ ژ are kept, and alef maksura becomes ی,
    never ا (على → علی).
    """
    key = unicodedata.normalize("NFKC", text).translate(_TABLE)
    key = to_latin_digits(key).casefold()
    # Casefolding, and removing a char that sat between a Latin letter and its accent, can
    # leave text that NFKC changes again; a second pass keeps normalize idempotent.
    key = unicodedata.normalize("NFKC", key).translate(_TABLE)
    return " ".join(key.split())


def strip_marks(text: str) -> str:
    """`text` with its letters as typed, minus harakat, tatweel and invisible characters.

    For what readers see but nobody matches on, such as URL slugs: an Arabic headline's
    slug keeps its ي and ك, while two spellings still share one matching key.
    """
    return unicodedata.normalize("NFKC", text).translate(_STRIP_TABLE)


def canonical_persian_letters(text: str) -> str:
    """Write Arabic yeh, alef maksura and kaf as the Persian letters; change nothing else.

    A display fix a Persian edition may apply on save, unlike `normalize`.
    """
    return text.translate(_CANONICAL_PERSIAN)


def words(text: str) -> list[str]:
    """Split the normalized `text` into runs of letters and digits; all else separates."""
    return _WORD.findall(normalize(text))
