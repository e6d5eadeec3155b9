"""Text as readers see it: without invisible spoofing characters, and short excerpts.

`display_text` is the one filter for everything people write that others read (headlines,
leads, bodies, keywords, captions, corrections; comments and submissions too). It removes
what a reader cannot see but that changes what they read or what a machine matches:

- direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
  reverse a run of text so that it displays unlike its characters ("Trojan Source");
- every other invisible format character (Unicode category Cf): zero-width space, word
  joiner, BOM, soft hyphen, invisible operators, the deprecated format controls, and tags,
  which can hide a whole ASCII text (a subdivision flag such as England's keeps its own);
- control characters other than tab, newline and carriage return;
- the Hangul fillers, letters that print as nothing and pose as blanks.

Kept, because the languages need them:

- ZWNJ (U+200C), how Persian is spelled (می‌خواهم), and ZWJ (U+200D), which joins emoji
  (👨‍👩‍👧) and forces Arabic letter forms; each only between two characters, one at a time
  (elsewhere they join nothing, and runs of them only hide a difference);
- LRM, RLM and ALM (U+200E, U+200F, U+061C): marks, not embeddings. They act like an
  invisible letter of one direction, placing the neutral characters next to them (the
  full stop after an English word in Persian text), and cannot reverse any text; Persian
  keyboards type them. Runs collapse to one;
- the Arabic signs that span the digits after them (U+0600–U+0605, U+06DD…): visible.

Text with nothing visible left becomes empty, so that an invisible-only keyword or
headline counts as missing.
"""

from __future__ import annotations

import re
import unicodedata

from khabar.text.normalize import INVISIBLE_FORMAT_CHARS

__all__ = ["ELLIPSIS", "display_text", "excerpt", "xml_text"]

ZWNJ, ZWJ = "\u200c", "\u200d"
_MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM
# Format characters that print something: the Arabic, Syriac and Kaithi signs spanning
# the digits after them (Unicode's Prepended_Concatenation_Mark).
_VISIBLE_FORMAT = frozenset(
    [*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD]
)
_HANGUL_FILLERS = (0x115F, 0x1160, 0x3164, 0xFFA0)
_CONTROLS = [cp for cp in (*range(0x20), *range(0x7F, 0xA0)) if chr(cp) not in "\t\n\r"]
_KEPT = {ord(ZWNJ), ord(ZWJ), *map(ord, _MARKS), *_VISIBLE_FORMAT}
_REMOVED = sorted({*INVISIBLE_FORMAT_CHARS, *_HANGUL_FILLERS, *_CONTROLS} - _KEPT)


def _char_class(code_points: list[int]) -> str:
    """A regex character class of sorted code points, as ranges."""
    parts: list[str] = []
    start = previous = code_points[0]
    for cp in [*code_points[1:], -1]:
        if cp == previous + 1:
            previous = cp
            continue
        parts.append(
            re.escape(chr(start)) + ("" if start == previous else "-" + re.escape(chr(previous)))
        )
        start = previous = cp
    return "[" + "".join(parts) + "]"


# A subdivision flag: black flag, two to six lowercase or digit tags, cancel tag.
_FLAG = "\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,6}\U000e007f"
_INVISIBLE = re.compile(f"({_FLAG})|{_char_class(_REMOVED)}+")
_JOINERS = re.compile(f"[{ZWNJ}{ZWJ}]+")
_MARK_RUNS = re.compile(f"[{_MARKS}]{{2,}}")
_VISIBLE = re.compile(f"[^\\s{ZWNJ}{ZWJ}{_MARKS}]")


def _keep_flag(match: re.Match[str]) -> str:
    return match.group(1) or ""


def _joiner(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    between = 0 < start and end < len(text) and not text[start - 1].isspace()
    return match.group()[0] if between and not text[end].isspace() else ""


def display_text(text: str) -> str:
    """`text` without invisible spoofing characters (see the module's note); pure."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(_keep_flag, text)
    if ZWNJ in text or ZWJ in text:
        text = _JOINERS.sub(_joiner, text)
    text = _MARK_RUNS.sub(lambda match: match.group()[0], text)
    return text if _VISIBLE.search(text) else ""


# What XML 1.0 cannot hold at all, escaped or not (its `Char` production): C0 controls but
# tab, newline and return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 refuses, for feeds and sitemaps.

    New text is cleaned by `display_text` when stored; this guards machine outputs against
    rows stored before that, which would otherwise make a whole feed fail to serialise.
    """
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


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
