"""Article bodies are HTML from editors and importers; only this allow-list reaches readers."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "q", "cite", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "span", "abbr", "bdi",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    # data-photo: a library photo's id, its renditions found afresh when shown (khabar.photos.body).
    "img": {"src", "alt", "width", "height", "data-photo"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"dir", "lang"},
}


def body_sanitize(value: str) -> str:
    """Keep the allowed structure, drop everything else (scripts, styles, event handlers)."""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    ).strip()


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs (as in an imported page) as escaped <p> elements."""
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs if p.strip())
