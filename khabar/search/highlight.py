"""Snippets with the reader's words marked, in the text as the editor typed it.

The analysis keeps each word's span in the original text, so a match found through keys,
stems, ZWNJ parts or a joined pair is marked on the words the reader sees (`للحكومة` for
`حكومة`), with their harakat and letters unchanged. Everything is escaped.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from khabar.text import excerpt
from khabar.text.analysis import ParsedQuery, Word, adjacent, adjacent_pairs, analyse, words_of

SNIPPET_CHARS = 240
# Characters of context kept before the first match when a snippet does not start the text.
LEAD_IN_CHARS = 60


def _marks(word: Word, query: ParsedQuery) -> bool:
    keys = query.highlight_keys
    return word.key in keys or word.stem in query.highlight_stems or not keys.isdisjoint(word.parts)


def _matched(text: str, query: ParsedQuery, language: str) -> list[Word]:
    words = analyse(text, language=language)
    keys = query.highlight_keys
    marked = {index for index, word in enumerate(words) if _marks(word, query)}
    positions = {id(word): index for index, word in enumerate(words)}
    for first, second in adjacent_pairs(text, words):
        if first.key + second.key in keys:
            marked.update((positions[id(first)], positions[id(second)]))
    return [words[index] for index in sorted(marked)]


def _marked_html(text: str, words: list[Word]) -> SafeString:
    parts: list[str] = []
    cursor = 0
    for word in words:
        if word.start < cursor:  # a ligature's several words share one span
            continue
        parts.append(escape(text[cursor : word.start]))
        parts.append(f"<mark>{escape(text[word.start : word.end])}</mark>")
        cursor = word.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text escaped above


def highlight(text: str, query: ParsedQuery, *, language: str) -> SafeString:
    """All of `text`, escaped, with the query's words marked."""
    return _marked_html(text, _matched(text, query, language))


def _first_match(text: str, query: ParsedQuery, language: str) -> int | None:
    """Where the first word `highlight` would mark starts, reading no further than it.

    A body is thousands of characters and a snippet a few hundred: this is what keeps a page
    of results from analysing every body in full.
    """
    previous: Word | None = None
    for word in words_of(text, language=language):
        if (
            previous is not None
            and previous.key + word.key in query.highlight_keys
            and adjacent(text, previous, word)
        ):
            return previous.start
        if _marks(word, query):
            return word.start
        previous = word
    return None


def snippet(text: str, query: ParsedQuery, *, language: str) -> SafeString | None:
    """A short passage of `text` around its first match, marked; None if it has no match."""
    text = " ".join(text.split())
    first = _first_match(text, query, language)
    if first is None:
        return None
    start = 0
    if first > LEAD_IN_CHARS:
        # Start at a word boundary a little before the first match.
        space = text.rfind(" ", 0, first - LEAD_IN_CHARS)
        start = space + 1 if space >= 0 else 0
    passage = excerpt(text[start:], max_chars=SNIPPET_CHARS)
    if start:
        passage = "…" + passage
    return highlight(passage, query, language=language)
