"""What search engines and social sites read from a page: JSON-LD, Open Graph locales.

Machine outputs: Gregorian ISO 8601 with ASCII digits and absolute URLs, whatever the
edition shows its readers.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from khabar.articles.models import Article, Correction, Keyword
from khabar.core.templatetags.khabar import iso8601
from khabar.editions.models import Edition
from khabar.text import excerpt

OG_LOCALES = {"ar": "ar_AR", "fa": "fa_IR", "en": "en_US"}

# Search engines show about 160 characters of a description and social cards about 200;
# the page repeats it in four places, so a long lead must not be copied whole.
DESCRIPTION_MAX = 200

# Inside <script>, "</script>" or "<!--" in a headline would end or upset the element;
# JSON allows these escapes anywhere in a string, so the data reads the same.
# Escaped as Django's json_script escapes them.
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language)


def description(article: Article) -> str:
    """The page's description for search engines and social cards: the lead's start."""
    return excerpt(article.lead, max_chars=DESCRIPTION_MAX)


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """`data` as the text of a <script type="application/ld+json">, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One `replace` per character, not `str.translate`: on Arabic or Persian text translate
    # looks every character up in a dict, 78 µs for an article's JSON-LD against 4 µs.
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return mark_safe(text)  # noqa: S308 - escaped just above


def news_article(
    *,
    article: Article,
    edition: Edition,
    keywords: list[Keyword],
    url: str,
    image_url: str | None,
    logo_url: str | None,
    corrections: list[Correction] | tuple[()] = (),
) -> dict[str, Any]:
    """The schema.org NewsArticle describing an article page."""
    publisher: dict[str, Any] = {"@type": "Organization", "name": edition.name}
    if logo_url:
        publisher["logo"] = {"@type": "ImageObject", "url": logo_url}
    if article.byline:
        author: dict[str, Any] = {"@type": "Person", "name": article.byline}
    else:
        author = {"@type": "Organization", "name": article.source or edition.name}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": description(article),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "identifier": str(article.code),
        "inLanguage": edition.language,
        "datePublished": iso8601(article.published_at) if article.published_at else None,
        "dateModified": iso8601(article.last_changed_at) if article.published_at else None,
        "author": author,
        "publisher": publisher,
        "keywords": [keyword.name for keyword in keywords],
    }
    if article.section is not None:
        data["articleSection"] = article.section.name
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": iso8601(correction.created_at),
            }
            for correction in corrections
        ]
    if image_url:
        data["image"] = [image_url]
    return {key: value for key, value in data.items() if value not in (None, "", [])}
