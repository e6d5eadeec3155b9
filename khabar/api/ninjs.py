"""An article as IPTC ninjs 3.3 ("News in JSON"), the form news agencies exchange.

ninjs 3.x has no keyword or link properties: keywords and the section are `subjects`
(told apart by `rel`), the photo and the translations are `associations`, corrections
are `descriptions` with their kind as role. A taken-down article is the bare item with
`pubStatus: canceled`, so an agency that took it withdraws it too; its content is gone.
"""

from __future__ import annotations

import datetime
from typing import Any

from khabar.api.representations import article_url, utc
from khabar.articles.models import Article
from khabar.core import links
from khabar.photos.body import body_photos_current

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


def _photo(article: Article) -> dict[str, Any] | None:
    """The main photo's public renditions; the original is private, so the widest stands
    for it as `uri`. None until the worker has made them."""
    photo = article.photo
    if photo is None or not photo.is_ready:
        return None
    kinds = (("full", "w"), ("card", "card"), ("og", "og"))
    widest = photo.rendition_list("full")[-1]
    association: dict[str, Any] = {
        "name": "mainpicture",
        "rel": "mainpicture",
        "uri": links.absolute_url(widest.url),
        "type": "picture",
        "renditions": [
            {
                "name": f"{prefix}{each.width}",
                "href": links.absolute_url(each.url),
                "contentType": "image/webp",
                "width": each.width,
                "height": each.height,
            }
            for kind, prefix in kinds
            for each in photo.rendition_list(kind)
        ],
        "descriptions": [{"role": "alt", "contentType": "text/plain", "value": photo.alt}],
    }
    if photo.caption:
        association["descriptions"].append(
            {"role": "caption", "contentType": "text/plain", "value": photo.caption}
        )
    if photo.credit:
        association["by"] = photo.credit
    return association


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
    photo = _photo(article)
    associations = [photo] if photo is not None else []
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
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": body_photos_current(body=article.body),
            }
        ],
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
