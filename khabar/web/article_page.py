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
from khabar.articles.selectors import article_related, article_translations
from khabar.core import links
from khabar.editions.models import Edition
from khabar.photos.models import BODY_WIDTH
from khabar.web import metadata, urls_for

LOGO_CANDIDATES = ("khabar/logo.png", "khabar/logo.svg")


@dataclass(frozen=True, slots=True)
class Photo:
    src: str
    srcset: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    absolute_url: str  # the Open Graph crop, for social sites and JSON-LD
    og_width: int
    og_height: int


def photo(request: HttpRequest, article: Article) -> Photo | None:
    """The main photo as the page shows it; none until the worker has made its renditions."""
    main = article.photo
    if main is None or not main.is_ready:
        return None
    sizes = main.rendition_list("full")
    medium = main.rendition_best("full", BODY_WIDTH)
    og = main.rendition_best("og", 1200)
    assert medium is not None and og is not None  # noqa: S101 - is_ready: every kind made
    return Photo(
        src=medium.url,
        srcset=", ".join(f"{each.url} {each.width}w" for each in sizes),
        width=sizes[-1].width,
        height=sizes[-1].height,
        alt=main.alt,
        caption=main.caption,
        credit=main.credit,
        absolute_url=links.absolute_url(og.url),
        og_width=og.width,
        og_height=og.height,
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
