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
INVISIBLE_FORMAT_CHARS = _invisible_format_chars()
_INVISIBLE = INVISIBLE_FORMAT_CHARS
_STRIP_TABLE: dict[int, int | str | None] = {
    cp: None for cp in (*_INVISIBLE, *_MARKS) if cp != 0x0621
}
_STRIP_TABLE[0x200B] = " "
_TABLE: dict[int, int | str | None] = {**_STRIP_TABLE, 0x0621: None}
for target, sources in _LETTERS.items():
    _TABLE.update({ord(source): target for source in sources})


def _as_replacements(table: dict[int, int | str | None]) -> dict[str, str]:
    return {
        chr(source): "" if target is None else chr(target) if isinstance(target, int) else target
        for source, target in table.items()
    }


# `normalize` replaces, per char of its table found in the text, with str.replace instead of
# str.translate: translate looks up every char of the text in the table (~55 ns a char, so
# ~160 µs for a 3 KB article), replace scans in C. Exact because no replacement holds a char
# the table replaces. The first pass writes digits in Latin as well.
_KEY_CHARS = _as_replacements(_TABLE) | {
    char: to_latin_digits(char)
    for char in map(chr, range(0x0600, 0x0700))
    if to_latin_digits(char) != char
}
_KEY_CHARS_AGAIN = _as_replacements(_TABLE)

_WORD = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Return the matching key of `text`: the same for every spelling a reader would call equal.

    NFKC, no harakat, tatweel or invisible characters, one yeh (ی), one kaf (ک), hamza
    carriers reduced to their letter, teh marbuta as heh, Latin digits, casefolded,
    whitespace collapsed. Persian letters گ پ چ ژ are kept, and alef maksura becomes ی,
    never ا (على → علی).
    """
    key = _replace_each(unicodedata.normalize("NFKC", text), _KEY_CHARS)
    # Casefolding, and removing a char that sat between a Latin letter and its accent, can
    # leave text that NFKC changes again; a second pass keeps normalize idempotent. Text
    # neither changes holds no char of the table any more.
    again = unicodedata.normalize("NFKC", key.casefold())
    if again != key:
        key = _replace_each(again, _KEY_CHARS_AGAIN)
    return " ".join(key.split())


def _replace_each(text: str, replacements: dict[str, str]) -> str:
    """`text` with each char of `replacements` replaced (see `_KEY_CHARS`)."""
    for char in replacements.keys() & set(text):
        text = text.replace(char, replacements[char])
    return text


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
    return text.replace("ي", YEH).replace("ى", YEH).replace("ك", KAF)


def words(text: str) -> list[str]:
    """Split the normalized `text` into runs of letters and digits; all else separates."""
    return _WORD.findall(normalize(text))
