"""What the article page shows of an article besides its text: the photo, JSON-LD,
translations, related articles, share links."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.templatetags.static import static

from khabar.articles.models import Article
from khabar.articles.photos import renditions
from khabar.articles.selectors import article_related, article_translations
from khabar.core import links
from khabar.editions.models import Edition
from khabar.web import metadata, urls_for

LOGO_CANDIDATES = ("khabar/logo.png", "khabar/logo.svg")


@dataclass(frozen=True, slots=True)
class Photo:
    src: str
    srcset: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str
    absolute_url: str


def photo(request: HttpRequest, article: Article) -> Photo | None:
    if not article.photo:
        return None
    original = article.photo.url
    sizes = renditions(article.photo.name, article.photo_width)
    candidates = [f"{rendition.url} {rendition.width}w" for rendition in sizes]
    if article.photo_width:
        candidates.append(f"{original} {article.photo_width}w")
    medium = [rendition for rendition in sizes if rendition.width <= 960]
    return Photo(
        src=medium[-1].url if medium else original,
        srcset=", ".join(candidates),
        width=article.photo_width,
        height=article.photo_height,
        alt=article.photo_caption or article.headline,
        caption=article.photo_caption,
        credit=article.photo_credit,
        absolute_url=links.absolute_url(original),
    )


@functools.cache
def _logo_path() -> str | None:
    """The publisher logo among the static files; looked for once per process (a disk walk)."""
    return next((name for name in LOGO_CANDIDATES if finders.find(name)), None)


def _logo_url(request: HttpRequest) -> str | None:
    name = _logo_path()
    if name is None:
        return None
    try:
        return links.absolute_url(static(name))
    except ValueError:  # missing from the collected files' manifest
        return None


def article_context(request: HttpRequest, edition: Edition, article: Article) -> dict[str, Any]:
    """What the article page shows of an article read by `article_get_for_page`."""
    keywords = [link.keyword for link in article.ordered_keywords]
    translations = article_translations(article=article)
    canonical_url = links.absolute_url(urls_for.article_url(article, edition))
    shown = photo(request, article)
    return {
        "article": article,
        "description": metadata.description(article),
        "keywords": keywords,
        "corrections": article.ordered_corrections,
        "related": article_related(article=article),
        "translation_articles": translations,
        "translations": [
            {
                "article": translation_,
                "edition": translation_.edition,
                "og_locale": metadata.og_locale(translation_.edition.language),
                "url": links.absolute_url(urls_for.article_url(translation_)),
            }
            for translation_ in translations
        ],
        "photo": shown,
        "modified_at": article.updated_after_publication,
        "canonical_url": canonical_url,
        "print_url": urls_for.article_print_url(article, edition),
        "share_links": urls_for.share_links(url=canonical_url, title=article.headline),
        "submit_url": urls_for.submit_url(edition),
        "json_ld": metadata.json_ld_script(
            metadata.news_article(
                article=article,
                edition=edition,
                keywords=keywords,
                url=canonical_url,
                image_url=shown.absolute_url if shown else None,
                logo_url=_logo_url(request),
                corrections=article.ordered_corrections,
            )
        ),
    }
