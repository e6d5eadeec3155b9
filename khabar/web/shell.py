"""The article page: `web/article.html` rendered once per process for each state of what
surrounds the article (edition, header, footer, breaking bar), the article's own parts put
in their places on each page.

Every article page of an edition prints the same HTML around its own parts; through the
template engine (base.html's blocks, tags and variables) it cost an uncached page about a
tenth of its CPU. As `fragments.render_once` does, the shell is rendered from the values of
its key alone, in a context that holds nothing else, so it cannot depend on anything the
key lacks; each of the article's parts is a marker there, and the rendered HTML is cut at
the markers. A page is then the pieces with each part, escaped as the template escapes it,
between them: the same bytes as a render of the template (tested page for page).
"""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from khabar.core import links
from khabar.web.chrome import FOOTER_URLS, HeaderEdition, HeaderSection
from khabar.web.escaping import conditional_escape

TEMPLATE = "web/article.html"
# The article's own parts in the template, each printed as the template prints it.
PARTS = ("meta_html", "body_html", "after_body_html", "comments_html", "related_html")
# A process's own marker: no text an editor or a reader typed can hold it.
_MARKER = f"\x00{uuid.uuid4().hex}:"
_MARKED = re.compile(f"{re.escape(_MARKER)}([a-z_]+)\x00")


@dataclass(frozen=True, slots=True)
class BreakingArticle:
    """What the breaking bar shows of its article (`breaking|article_url` and the headline)."""

    code: int
    slug: str
    headline: str


def article_page_html(context: dict[str, Any]) -> str:
    """`web/article.html` rendered with an article page's whole context (page_context's)."""
    pieces, parts = _shell(_key(context))
    values = {
        "title": conditional_escape(context["article"].headline),
        "canonical_url": conditional_escape(context["canonical_url"]),
        **{name: conditional_escape(context[name]) for name in PARTS},
    }
    html = [pieces[0]]
    for name, piece in zip(parts, pieces[1:], strict=True):
        html += (values[name], piece)
    return "".join(html)


def _key(context: dict[str, Any]) -> tuple[Any, ...]:
    """Everything the template prints besides the article's parts, as plain values."""
    edition = context["edition"]
    breaking = context.get("breaking")
    return (
        links.language(),
        get_script_prefix(),
        (edition.code, edition.name, edition.language, edition.direction),
        tuple(
            (each.code, each.name, each.language, each.direction) for each in context["editions"]
        ),
        tuple((each.pk, each.slug, each.name) for each in context["sections"]),
        getattr(context.get("section"), "pk", None),
        context.get("og_locale"),
        context.get("prev_url"),
        context.get("next_url"),
        tuple(context.get(name) for name in FOOTER_URLS),
        (breaking.code, breaking.slug, breaking.headline) if breaking is not None else None,
    )


def _marker(name: str) -> SafeString:
    return SafeString(f"{_MARKER}{name}\x00")


@functools.lru_cache(maxsize=256)
def _shell(key: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The template's HTML cut at the article's parts: (pieces, the part after each piece)."""
    (_language, _prefix, edition, editions, sections, section, og_locale, prev_url, next_url,
     footer, breaking) = key  # fmt: skip
    header_sections = [HeaderSection(*each) for each in sections]
    context = {
        "edition": HeaderEdition(*edition),
        "editions": [HeaderEdition(*each) for each in editions],
        "sections": header_sections,
        "section": next((each for each in header_sections if each.pk == section), None),
        "og_locale": og_locale,
        "prev_url": prev_url,
        "next_url": next_url,
        **dict(zip(FOOTER_URLS, footer, strict=True)),
        "breaking": BreakingArticle(*breaking) if breaking is not None else None,
        "article": {"headline": _marker("title")},
        "canonical_url": _marker("canonical_url"),
        **{name: _marker(name) for name in PARTS},
    }
    cut = _MARKED.split(render_to_string(TEMPLATE, context))
    return tuple(cut[0::2]), tuple(cut[1::2])
