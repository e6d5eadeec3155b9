"""Words for search: what the index holds and what a query looks for. Pure Python, no Django.

Both search engines (SQLite FTS5, PostgreSQL) receive text this module has already analysed,
as words separated by spaces, and split it only at those spaces; so one set of rules, tested
once, decides what matches on both. The rules, each with the reason it exists:

- Every word is `normalize`d (letter variants, hamza forms, teh marbuta, alef maksura,
  harakat, tatweel, presentation forms, invisible characters, digits in any script): its
  *key*. `سوريا` and `سوریا`, `۱۴۰۲۷` and `14027` have one key.
- A word written with ZWNJ is one word: `می‌روند` has the key `میروند`, as typed joined.
  Its parts are also *variants* (see below), so `خانه` finds `خانه‌ها`, unless the word
  opens with a verbal or negating prefix (`می‌`, `نمی‌`, `بی‌`): `روند` (a trend) must not
  find `می‌روند` (they go), nor `کار` find `بی‌کار`.
- Two Arabic-script words of two letters or more with only spaces (no line break) between
  them also stand
  joined, as a variant: `می روند` is found by `میروند`, `حجت الاسلام` by `حجت‌الاسلام`.
  Digits and Latin words are never joined (`1402 7` is not `14027`), nor a one-letter word
  (Persian `و زیر`, "and under", is not `وزیر`, a minister).
- Arabic (`ar`): the article and the clitics glued before it come off, as a variant, the
  *stem*: `العراقية`, `للعراقية`, `والعراقية`, `بالعراقية` all stem to `عراقیه`. Only
  these combinations (ال, لل, and و/ف/ب/ک before ال or لل), never a single letter alone
  (`برلمان` is not ب + رلمان, `وزير` is not و + زير), and only when at least three letters
  are left (`الله` keeps its `ال`, so `له` never finds it). A light rule rather than a
  Snowball stemmer: Snowball's Arabic stemmer also strips suffixes and changes patterns,
  which makes unrelated words of one root meet; a reader asked for this word, not its root.
- Persian (`fa`): a query word that cannot stand alone (`می`, `نمی`, `بی` before a word;
  `ها`, `های`, `ترین`… after one) is looked for only joined to its neighbour: `می روند`
  finds `می‌روند`, `می روند` and `میروند`, not any text with `می` somewhere and `روند`
  elsewhere. No phrase search is needed for it: a text with the two words apart holds them
  joined among its variants (above), and only where nothing but spaces stands between.
- Nothing matches by prefix: `سیر` never finds `سیرجان`.

Keys go to the *exact* fields of the index, variants (parts, joined pairs, stems) to the
*variant* fields, which rank lower: a text with the form the reader typed comes first.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from khabar.text.normalize import normalize

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "MAX_WORD_CHARS",
    "AllOf",
    "AnyOf",
    "IndexText",
    "Query",
    "Term",
    "Word",
    "adjacent",
    "analyse",
    "index_text",
    "query_parse",
    "typed_keys",
    "words_of",
]

ZWNJ = "\u200c"
# Longer "words" are no words anyone types (base64, URLs run together): not indexed.
MAX_WORD_CHARS = 64
# What a query may hold at most; the rest is ignored, so a query's cost is bounded.
MAX_QUERY_CHARS = 256
MAX_QUERY_WORDS = 8

# What a word is made of in the text as typed: letters and digits, and what `normalize`
# removes from inside a word (harakat, tatweel, ZWNJ and the other joiners and marks), so
# that `كَتَبَ` and `می‌روند` are each one word. ZWSP is a space in disguise: it separates.
_RAW_WORD = re.compile(
    "(?:[^\\W_]|[\u0300-\u036f\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff\u00ad])+"
)
# The same, capturing: split, a text alternates gaps and words, from a gap to a gap.
_RAW_WORD_SPLIT = re.compile(f"({_RAW_WORD.pattern})")
_ZWNJ_RUN = re.compile(ZWNJ + "+")
_WORD = re.compile(r"[^\W_]+")

# The letters a joined pair or a stem is made of, after `normalize`: Arabic script only.
_ARABIC_LETTERS = frozenset(chr(cp) for cp in range(0x0620, 0x06D4) if chr(cp).isalpha())

PERSIAN_PREFIXES = frozenset({"می", "نمی", "بی"})
PERSIAN_SUFFIXES = frozenset(
    {
        "ها",
        "های",
        "هایی",
        "هایم",
        "هایت",
        "هایش",
        "هایمان",
        "هایتان",
        "هایشان",
        "ای",
        "ام",
        "ات",
        "اش",
        "ایم",
        "اید",
        "اند",
        "مان",
        "تان",
        "شان",
        "تر",
        "ترین",
    }
)
# Article and clitics in normalised spelling (ك is ک), longest first.
ARABIC_PROCLITICS = (
    "وبال",
    "فبال",
    "وکال",
    "فکال",
    "ولل",
    "فلل",
    "وال",
    "فال",
    "بال",
    "کال",
    "لل",
    "ال",
)
MIN_STEM_CHARS = 3
# Words that open like و + ال but are words of their own, common enough to matter:
# والد/والدة/والدين (parent, parents) would otherwise meet الدين (religion).
ARABIC_NOT_CLITIC = frozenset({"والد", "والده", "والدین", "والدان", "والدی", "والدیه"})


class Word(NamedTuple):
    """One word of a text: where it was typed, and what it is matched by.

    A named tuple rather than a frozen dataclass: a snippet or a document makes one per word
    of a body, and a tuple is made in a third of the time.
    """

    start: int
    end: int
    key: str
    # The ZWNJ parts that may be matched alone (none for a word of one part).
    parts: tuple[str, ...]
    stem: str


@functools.lru_cache(maxsize=65_536)
def _is_arabic(key: str) -> bool:
    # Cached, like the keys: asked of every word at every analysis, of a few thousand words.
    return all(char in _ARABIC_LETTERS for char in key)


def _pairable(key: str) -> bool:
    return len(key) >= 2 and _is_arabic(key)


@functools.lru_cache(maxsize=65_536)
def arabic_stem(key: str) -> str:
    """`key` without the Arabic article and the clitics before it (see the module's note)."""
    if key in ARABIC_NOT_CLITIC or not _is_arabic(key):
        return key
    for proclitic in ARABIC_PROCLITICS:
        if key.startswith(proclitic) and len(key) - len(proclitic) >= MIN_STEM_CHARS:
            return key[len(proclitic) :]
    return key


@functools.lru_cache(maxsize=65_536)
def _word_keys(raw: str) -> tuple[tuple[str, ...], ...]:
    """The keys of one word as typed: one tuple of ZWNJ parts per word it makes.

    Usually one word; a ligature such as ﷺ spells out several. Cached: a newsroom's words
    repeat, and analysing a text is then mostly dictionary look-ups.
    """
    pieces = _ZWNJ_RUN.split(raw)
    if len(pieces) > 1:
        parts = tuple(part for piece in pieces for part in _WORD.findall(normalize(piece)))
        return (parts,) if parts else ()
    return tuple((part,) for part in _WORD.findall(normalize(raw)))


def analyse(text: str, *, language: str) -> list[Word]:
    """The words of `text` with their spans in it, keys, searchable parts and stems."""
    return list(words_of(text, language=language))


def words_of(text: str, *, language: str) -> Iterator[Word]:
    """`analyse`, a word at a time: for a reader that may stop at the first it wants."""
    for match in _RAW_WORD.finditer(text):
        start, end = match.span()
        for key, alone, stem in _word_analysis(match.group(), language):
            yield Word(start, end, key, alone, stem)


def typed_keys(text: str, *, language: str) -> Iterator[tuple[str, str]]:
    """The key of each word of `text`, with the word as typed: `analyse` without the rest."""
    for raw in _RAW_WORD.findall(text):
        for key, _, _ in _word_analysis(raw, language):
            yield key, raw


@functools.lru_cache(maxsize=65_536)
def _word_analysis(raw: str, language: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Key, parts that may be matched alone, and stem of each word `raw` makes (cached)."""
    found = []
    for parts in _word_keys(raw):
        key = "".join(parts)
        if len(key) > MAX_WORD_CHARS:
            continue
        alone: tuple[str, ...] = ()
        if len(parts) > 1 and not (language == "fa" and parts[0] in PERSIAN_PREFIXES):
            alone = tuple(
                part
                for part in parts
                if len(part) >= 2 and part not in PERSIAN_PREFIXES | PERSIAN_SUFFIXES
            )
        found.append((key, alone, arabic_stem(key) if language == "ar" else key))
    return tuple(found)


def adjacent_pairs(text: str, words: list[Word]) -> Iterator[tuple[Word, Word]]:
    """Neighbouring Arabic-script words with only spaces between them, which may be one word.

    Not across a line break: the end of a paragraph or a heading is no space inside a word.
    """
    for first, second in itertools.pairwise(words):
        if adjacent(text, first, second):
            yield first, second


def adjacent(text: str, first: Word, second: Word) -> bool:
    """Whether `second`, the word after `first` in `text`, may make one word with it."""
    gap = text[first.end : second.start]
    return gap.isspace() and "\n" not in gap and _pairable(first.key) and _pairable(second.key)


@dataclass(frozen=True, slots=True)
class IndexText:
    """A field's text as the engines index it: keys, and variants, each joined by spaces."""

    exact: str
    variants: str


def index_text(text: str, *, language: str) -> IndexText:
    """`text` as the engines index it: what `analyse` and `adjacent_pairs` say, in one pass.

    The hot loop of a rebuild (every word of every body), so it makes no `Word`: the text is
    split into the gaps and the words as typed, each word analysed once (`_index_words`,
    cached), and a gap read only between two words that may join.
    """
    keys: list[str] = []
    variants: list[str] = []
    pairs: list[str] = []
    previous = ""  # the last key before the gap, if it may join the next word
    pieces = _RAW_WORD_SPLIT.split(text)
    for gap, raw in zip(pieces[0::2], pieces[1::2], strict=False):  # gaps: one more
        word_keys, word_variants, first, last = _index_words(raw, language)
        keys.extend(word_keys)
        variants.extend(word_variants)
        if previous and first and (gap == " " or (gap.isspace() and "\n" not in gap)):
            pairs.append(previous + first)
        # A word without a key (too long) stands between its neighbours: they never join.
        previous = last
    variants.extend(pairs)
    return IndexText(" ".join(keys), " ".join(variants))


class _IndexWords(NamedTuple):
    keys: tuple[str, ...]
    variants: tuple[str, ...]  # ZWNJ parts, and each Arabic word's stem
    # The first and last keys if they may join a neighbour, else "": a ligature's words
    # share one span, so only its first and last have neighbours.
    first: str
    last: str


@functools.lru_cache(maxsize=65_536)
def _index_words(raw: str, language: str) -> _IndexWords:
    """What `index_text` writes of one word as typed (cached: a newsroom's words repeat)."""
    words = _word_analysis(raw, language)
    variants: list[str] = []
    for key, alone, stem in words:
        variants.extend(alone)
        if language == "ar" and _is_arabic(key):
            variants.append(stem)
    keys = tuple(key for key, _, _ in words)
    first = keys[0] if keys and _pairable(keys[0]) else ""
    last = keys[-1] if keys and _pairable(keys[-1]) else ""
    return _IndexWords(keys, tuple(variants), first, last)


# --- Queries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A token in the exact fields (`exact`) or in the variant fields."""

    token: str
    exact: bool


@dataclass(frozen=True, slots=True)
class AnyOf:
    children: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    children: tuple[Query, ...]


Query = Term | AnyOf | AllOf


def _either(token: str) -> tuple[Term, Term]:
    return Term(token, exact=True), Term(token, exact=False)


def _leaf(word: Word) -> list[Query]:
    """What matches one query word alone: its key or its stem, anywhere.

    The stem is mostly found among the variants (every Arabic word's stem is there); in the
    exact fields only when it is a word of the text itself, which it then should find:
    `للالتزام` finds `التزام`, whose own stem is `تزام`.
    """
    options: list[Query] = [*_either(word.key)]
    if word.stem != word.key:
        options.extend(_either(word.stem))
    return options


def _dedupe(options: Iterable[Query]) -> tuple[Query, ...]:
    return tuple(dict.fromkeys(options))


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A reader's query: the words understood, the expression to match, what to highlight."""

    # The query as read (cut to MAX_QUERY_CHARS): the words' spans are in it.
    text: str
    words: tuple[Word, ...]
    expression: Query | None
    # A text's word is shown highlighted when its key is among `highlight_keys` or its
    # stem among `highlight_stems`.
    highlight_keys: frozenset[str]
    highlight_stems: frozenset[str]


def query_parse(text: str, *, language: str) -> ParsedQuery:
    """What a reader's query looks for; `expression` is None when it holds no word.

    Whatever the reader typed is words and nothing else: quotes, `-`, `*`, `OR`, `NEAR(`
    and the like are no syntax here, so no text reaches an engine's query language except
    as a quoted token this module made. Words are all required (AND); see the module's
    note for joined pairs and Persian bound words.
    """
    text = text[:MAX_QUERY_CHARS]
    words = analyse(text, language=language)
    unique: dict[str, Word] = {}
    for word in words:
        unique.setdefault(word.key, word)
    words = [word for word in words if unique[word.key] is word][:MAX_QUERY_WORDS]
    if not words:
        return ParsedQuery(text, (), None, frozenset(), frozenset())

    joined: dict[int, list[Query]] = {}
    for first, second in adjacent_pairs(text, words):
        both = first.key + second.key
        for word in (first, second):
            joined.setdefault(id(word), []).extend(_either(both))

    required: list[Query] = []
    bound_keys: set[str] = set()
    for index, word in enumerate(words):
        neighbour = _bound_to(words, index, language)
        if neighbour is not None:
            first, second = (word, neighbour) if neighbour.start > word.start else (neighbour, word)
            required.append(AnyOf(_either(first.key + second.key)))
            bound_keys.add(first.key + second.key)
            continue
        options = _dedupe([*_leaf(word), *joined.get(id(word), [])])
        required.append(options[0] if len(options) == 1 else AnyOf(options))
    expression = required[0] if len(required) == 1 else AllOf(_dedupe(required))
    keys = {word.key for word in words} | bound_keys
    keys |= {first.key + second.key for first, second in adjacent_pairs(text, words)}
    return ParsedQuery(
        text, tuple(words), expression, frozenset(keys), frozenset(word.stem for word in words)
    )


def _bound_to(words: list[Word], index: int, language: str) -> Word | None:
    """The neighbour a Persian bound word belongs with, if it is one and has that neighbour."""
    if language != "fa":
        return None
    key = words[index].key
    if key in PERSIAN_PREFIXES and index + 1 < len(words):
        return words[index + 1]
    if key in PERSIAN_SUFFIXES and index > 0:
        return words[index - 1]
    return None


def query_tokens(query: Query) -> set[str]:
    """Every token an expression names (for tests and vocabulary look-ups)."""
    if isinstance(query, Term):
        return {query.token}
    return set().union(*(query_tokens(child) for child in query.children))
