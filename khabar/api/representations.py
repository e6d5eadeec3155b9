"""Models to the API's representations: canonical values plus the edition's display strings."""

from __future__ import annotations

import datetime

from khabar.articles.models import Article, Correction, Keyword
from khabar.core import links
from khabar.core.templatetags.khabar import edition_datetime, edition_digits
from khabar.editions.models import Edition, Section
from khabar.photos.body import body_photos_current


def utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def api_article_url(edition_code: str, code: int) -> str:
    return links.absolute_url(
        links.reverse("api:article", kwargs={"edition": edition_code, "code": code})
    )


def ninjs_url(edition_code: str, code: int) -> str:
    return links.absolute_url(
        links.reverse("api:article_ninjs", kwargs={"edition": edition_code, "code": code})
    )


def article_url(article: Article) -> str:
    return links.absolute_url(links.article_path(article.edition.code, article.code, article.slug))


def edition_out(edition: Edition) -> dict[str, object]:
    return {
        "code": edition.code,
        "name": edition.name,
        "language": edition.language,
        "direction": edition.direction,
        "calendar": edition.calendar,
        "digits": edition.digits,
        "time_zone": edition.time_zone,
        "url": links.absolute_url(links.home_path(edition.code)),
    }


def section_out(section: Section, edition: Edition) -> dict[str, object]:
    return {
        "edition": edition.code,
        "slug": section.slug,
        "name": section.name,
        "url": links.absolute_url(links.section_path(edition.code, section.slug)),
    }


def keyword_ref(keyword: Keyword, edition: Edition) -> dict[str, object]:
    return {
        "name": keyword.name,
        "slug": keyword.slug,
        "url": links.absolute_url(links.keyword_path(edition.code, keyword.slug)),
    }


def keyword_out(keyword: Keyword, edition: Edition) -> dict[str, object]:
    return {"edition": edition.code, **keyword_ref(keyword, edition)}


def photo_out(article: Article) -> dict[str, object] | None:
    """The main photo's public renditions (none until the worker has made them)."""
    photo = article.photo
    if photo is None or not photo.is_ready:
        return None
    sizes = photo.rendition_list("full")
    return {
        "url": links.absolute_url(sizes[-1].url),
        "width": sizes[-1].width,
        "height": sizes[-1].height,
        "alt": photo.alt,
        "caption": photo.caption,
        "credit": photo.credit,
        "renditions": [
            {"url": links.absolute_url(each.url), "width": each.width} for each in sizes
        ],
    }


def _common(article: Article) -> dict[str, object]:
    edition = article.edition
    assert article.published_at is not None  # noqa: S101 - only public articles get here
    return {
        "edition": edition.code,
        "code": article.code,
        "code_display": edition_digits(article.code, edition),
        "url": article_url(article),
        "api_url": api_article_url(edition.code, article.code),
        "content_type": article.content_type,
        "overline": article.overline,
        "headline": article.headline,
        "lead": article.lead,
        "photo": photo_out(article),
        "published_at": utc(article.published_at),
        "published_display": edition_datetime(article.published_at, edition),
        "updated_at": utc(article.updated_at),
        "changed_at": utc(article.changed_at),
    }


def article_withdrawn(article: Article) -> dict[str, object]:
    """A sync's tombstone: the article was withdrawn; nothing of it is shown any more."""
    return {
        "status": "withdrawn",
        "edition": article.edition.code,
        "code": article.code,
        "api_url": api_article_url(article.edition.code, article.code),
        "changed_at": utc(article.changed_at),
    }


def article_summary(article: Article) -> dict[str, object]:
    return {
        "status": "published",
        **_common(article),
        "section": article.section.slug if article.section is not None else None,
        "keywords": [link.keyword.name for link in article.ordered_keywords],
    }


def correction_out(correction: Correction, edition: Edition) -> dict[str, object]:
    return {
        "kind": correction.kind,
        "text": correction.text,
        "created_at": utc(correction.created_at),
        "created_display": edition_datetime(correction.created_at, edition),
    }


def article_out(article: Article) -> dict[str, object]:
    edition = article.edition
    modified = article.updated_after_publication
    return {
        **_common(article),
        "ninjs_url": ninjs_url(edition.code, article.code),
        "section": section_out(article.section, edition) if article.section is not None else None,
        "body": body_photos_current(body=article.body),
        "byline": article.byline,
        "source": article.source,
        "keywords": [keyword_ref(link.keyword, edition) for link in article.ordered_keywords],
        "corrections": [correction_out(c, edition) for c in article.ordered_corrections],
        "translations": [
            {
                "edition": other.edition.code,
                "code": other.code,
                "language": other.edition.language,
                "headline": other.headline,
                "url": article_url(other),
                "api_url": api_article_url(other.edition.code, other.code),
            }
            for other in article.translations
        ],
        "modified_at": utc(modified) if modified is not None else None,
        "modified_display": edition_datetime(modified, edition) if modified is not None else None,
    }
