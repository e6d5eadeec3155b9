"""An article as IPTC ninjs 3.3 ("News in JSON"), the form news agencies exchange.

ninjs 3.x has no keyword or link properties: keywords and the section are `subjects`
(told apart by `rel`), the photo and the translations are `associations`, corrections
are `descriptions` with their kind as role. A taken-down article is the bare item with
`pubStatus: canceled`, so an agency that took it withdraws it too; its content is gone.
"""

from __future__ import annotations

import datetime
import mimetypes
from typing import Any

from khabar.api.representations import article_url, utc
from khabar.articles.models import Article
from khabar.articles.photos import renditions
from khabar.core import links

VERSION = "3.3"
SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"


def _time(value: datetime.datetime) -> str:
    return utc(value).isoformat().replace("+00:00", "Z")


def _uri(article: Article) -> str:
    """The permalink: the news code alone, which outlives any headline change."""
    return links.absolute_url(links.article_permalink_path(article.edition.code, article.code))


def _base(article: Article, status: str) -> dict[str, Any]:
    return {
        "uri": _uri(article),
        "standard": {"name": "ninjs", "version": VERSION, "schema": SCHEMA},
        "type": "text",
        "pubStatus": status,
        "language": article.edition.language,
        "versionCreated": _time(article.updated_at),
        "altIds": [{"role": "newsCode", "value": str(article.code)}],
    }


def canceled(article: Article) -> dict[str, Any]:
    return {**_base(article, "canceled"), "representationType": "partial"}


def _photo(article: Article) -> dict[str, Any]:
    original = links.absolute_url(article.photo.url)
    content_type = mimetypes.guess_type(article.photo.name)[0] or "application/octet-stream"
    original_rendition: dict[str, Any] = {
        "name": "original",
        "href": original,
        "contentType": content_type,
    }
    if article.photo_width and article.photo_height:
        original_rendition.update(width=article.photo_width, height=article.photo_height)
    photo: dict[str, Any] = {
        "name": "mainpicture",
        "rel": "mainpicture",
        "uri": original,
        "type": "picture",
        "renditions": [
            *(
                {
                    "name": f"w{rendition.width}",
                    "href": links.absolute_url(rendition.url),
                    "contentType": "image/webp",
                    "width": rendition.width,
                }
                for rendition in renditions(article.photo.name, article.photo_width)
            ),
            original_rendition,
        ],
    }
    if article.photo_caption:
        photo["descriptions"] = [
            {"role": "caption", "contentType": "text/plain", "value": article.photo_caption}
        ]
    if article.photo_credit:
        photo["by"] = article.photo_credit
    return photo


def usable(article: Article) -> dict[str, Any]:
    """A public article read by `api_article` (section, keywords, corrections, translations)."""
    edition = article.edition
    assert article.published_at is not None  # noqa: S101 - only public articles get here
    headlines = [{"role": "main", "value": article.headline}]
    if article.overline:
        headlines.append({"role": "overline", "value": article.overline})
    descriptions = []
    if article.lead:
        descriptions.append({"role": "summary", "contentType": "text/plain", "value": article.lead})
    descriptions += [
        {"role": correction.kind, "contentType": "text/plain", "value": correction.text}
        for correction in article.ordered_corrections
    ]
    subjects = []
    if article.section is not None:
        subjects.append(
            {
                "name": article.section.name,
                "rel": "section",
                "literal": article.section.slug,
                "uri": links.absolute_url(links.section_path(edition.code, article.section.slug)),
            }
        )
    subjects += [
        {
            "name": link.keyword.name,
            "rel": "keyword",
            "uri": links.absolute_url(links.keyword_path(edition.code, link.keyword.slug)),
        }
        for link in article.ordered_keywords
    ]
    associations = [_photo(article)] if article.photo else []
    associations += [
        {
            "name": f"translation-{other.edition.code}",
            "rel": "translation",
            "uri": _uri(other),
            "type": "text",
            "language": other.edition.language,
            "headlines": [{"role": "main", "value": other.headline}],
        }
        for other in article.translations
    ]
    item: dict[str, Any] = {
        **_base(article, "usable"),
        "representationType": "full",
        "version": str(article.revision_number),
        "firstCreated": _time(article.published_at),
        "profile": article.content_type,
        "headlines": headlines,
        "bodies": [{"role": "main", "contentType": "text/html", "value": article.body}],
        "renditions": [{"name": "page", "href": article_url(article), "contentType": "text/html"}],
    }
    optional: dict[str, Any] = {
        "descriptions": descriptions,
        "subjects": subjects,
        "associations": associations,
        "by": article.byline,
        "infoSources": [{"name": article.source, "role": "source"}] if article.source else [],
    }
    item.update({name: value for name, value in optional.items() if value})
    return item
