"""Snippets with the reader's words marked, in the text as the editor typed it.

The analysis keeps each word's span in the original text, so a match found through keys,
stems, ZWNJ parts or a joined pair is marked on the words the reader sees (`للحكومة` for
`حكومة`), with their harakat and letters unchanged. Everything is escaped.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from khabar.text import excerpt
from khabar.text.analysis import ParsedQuery, Word, adjacent_pairs, analyse

SNIPPET_CHARS = 240
# Characters of context kept before the first match when a snippet does not start the text.
LEAD_IN_CHARS = 60


def _matched(text: str, query: ParsedQuery, language: str) -> list[Word]:
    words = analyse(text, language=language)
    keys, stems = query.highlight_keys, query.highlight_stems
    marked = {
        index
        for index, word in enumerate(words)
        if word.key in keys or word.stem in stems or keys.intersection(word.parts)
    }
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


def snippet(text: str, query: ParsedQuery, *, language: str) -> SafeString | None:
    """A short passage of `text` around its first match, marked; None if it has no match."""
    text = " ".join(text.split())
    words = _matched(text, query, language)
    if not words:
        return None
    start = 0
    if words[0].start > LEAD_IN_CHARS:
        # Start at a word boundary a little before the first match.
        space = text.rfind(" ", 0, words[0].start - LEAD_IN_CHARS)
        start = space + 1 if space >= 0 else 0
    passage = excerpt(text[start:], max_chars=SNIPPET_CHARS)
    if start:
        passage = "…" + passage
    return highlight(passage, query, language=language)
