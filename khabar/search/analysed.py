"""An article's text as the index holds it, from plain values: no database, no models.

`khabar.search.documents` writes what these functions return; `documents_rebuild` runs them
in worker processes (`--jobs`), which set Django up (the names come from the keyword
suggestions' finder, which imports models) but never open a connection.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from khabar.articles.suggestions import text_names
from khabar.search.models import NAME_MAX_CHARS
from khabar.text.analysis import IndexText, index_text, typed_keys

# Tags that end a block in a sanitised body (khabar.articles.richtext), read as line breaks
# (no word pair spans them); the others (b, em, a, span…) may sit inside a word, as in
# <b>ال</b>حكومة, and are dropped without a space.
_BLOCK_TAGS = re.compile(
    r"</?(?:p|br|h[2-4]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|th|td|hr"
    r"|img)\b[^>]*>",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]*>")


class ArticleText(NamedTuple):
    """What of an article its document and its vocabulary are made of."""

    language: str
    overline: str
    headline: str
    lead: str
    body: str  # sanitised HTML
    keywords: tuple[str, ...]  # names, in the editor's order


class Analysed(NamedTuple):
    """The four text fields of a document (see `SearchDocument`), the article's words for
    suggestions (`SearchTerm`) and the names its text holds (`SearchName`)."""

    head: str
    head_alt: str
    body: str
    body_alt: str
    vocabulary: dict[str, str]
    names: tuple[str, ...]


def body_text(body: str) -> str:
    """The text of a sanitised HTML body, as readers read it."""
    return html.unescape(_TAGS.sub("", _BLOCK_TAGS.sub("\n", body)))


def _joined(*fields: IndexText) -> tuple[str, str]:
    """Fields analysed apart (no word pair spans two of them), then put side by side."""
    return (
        " ".join(field.exact for field in fields if field.exact),
        " ".join(field.variants for field in fields if field.variants),
    )


def vocabulary_of(text: ArticleText) -> dict[str, str]:
    """The words suggestions may offer, by key: the headline side's and the lead's."""
    found: dict[str, str] = {}
    for field in (text.overline, text.headline, text.lead, *text.keywords):
        for key, typed in typed_keys(field, language=text.language):
            if len(typed) <= 200:
                found.setdefault(key, typed)
    return found


def article_analyse(text: ArticleText) -> Analysed:
    language = text.language
    head, head_alt = _joined(
        index_text(text.overline, language=language),
        index_text(text.headline, language=language),
        *(index_text(name, language=language) for name in text.keywords),
    )
    body, body_alt = _joined(
        index_text(text.lead, language=language),
        index_text(body_text(text.body), language=language),
    )
    names = text_names(headline=text.headline, lead=text.lead, body=text.body, language=language)
    return Analysed(
        head,
        head_alt,
        body,
        body_alt,
        vocabulary_of(text),
        tuple(key for key in names if len(key) <= NAME_MAX_CHARS),
    )


def articles_analyse(texts: list[ArticleText]) -> list[Analysed]:
    """`article_analyse` for a batch: one task of a worker process."""
    return [article_analyse(text) for text in texts]
