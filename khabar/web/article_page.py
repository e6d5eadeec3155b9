"""What the article page shows of an article besides its text: the photo, JSON-LD,
translations, related articles, share links."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from khabar.articles.models import Article, Keyword
from khabar.articles.selectors import article_related, article_translations
from khabar.core import links
from khabar.core.templatetags.khabar import iso8601
from khabar.editions.models import Edition
from khabar.photos.models import BODY_WIDTH
from khabar.web import metadata, urls_for
from khabar.web.escaping import conditional_escape as escape

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
        return links.absolute_url(links.static_url(name))
    except ValueError:  # missing from the collected files' manifest
        return None


def article_context(request: HttpRequest, edition: Edition, article: Article) -> dict[str, Any]:
    """What the article page shows of an article read by `article_get_for_page`."""
    keywords = [link.keyword for link in article.ordered_keywords]
    keyword_urls = links.keyword_paths(edition.code, [keyword.slug for keyword in keywords])
    translations = article_translations(article=article)
    canonical_url = links.absolute_url(urls_for.article_url(article, edition))
    shown = photo(request, article)
    description = metadata.description(article)
    translation_links = [
        {
            "article": translation_,
            "edition": translation_.edition,
            "og_locale": metadata.og_locale(translation_.edition.language),
            "url": links.absolute_url(urls_for.article_url(translation_)),
        }
        for translation_ in translations
    ]
    json_ld = metadata.json_ld_script(
        metadata.news_article(
            article=article,
            edition=edition,
            keywords=keywords,
            url=canonical_url,
            image_url=shown.absolute_url if shown else None,
            logo_url=_logo_url(request),
            corrections=article.ordered_corrections,
        )
    )
    return {
        "article": article,
        "keywords": keywords,
        "keyword_links": list(zip(keywords, keyword_urls, strict=True)),
        "corrections": article.ordered_corrections,
        "related": article_related(article=article),
        "translation_articles": translations,
        "translations": translation_links,
        "photo": shown,
        "modified_at": article.updated_after_publication,
        "canonical_url": canonical_url,
        "print_url": urls_for.article_print_url(article, edition),
        "share_links": urls_for.share_links(url=canonical_url, title=article.headline),
        "submit_url": urls_for.submit_url(edition),
        "meta_html": _meta_html(
            article=article,
            edition=edition,
            description=description,
            canonical_url=canonical_url,
            translations=translation_links,
            shown=shown,
            keywords=keywords,
            json_ld=json_ld,
        ),
    }


def _meta_html(
    *,
    article: Article,
    edition: Edition,
    description: str,
    canonical_url: str,
    translations: list[dict[str, Any]],
    shown: Photo | None,
    keywords: list[Keyword],
    json_ld: SafeString,
) -> SafeString:
    """article.html's `meta` block (links to translations, Open Graph, Twitter, JSON-LD),
    written here: through the template, its few dozen escaped values cost the uncached page
    about a twentieth of its function calls. Escaped as the template escapes them."""
    headline = escape(article.headline)
    name = escape(edition.name)
    url = escape(canonical_url)
    about = escape(description)
    published = escape(iso8601(article.published_at))
    modified = escape(iso8601(article.updated_after_publication)) or published
    parts = [f'\n<link rel="alternate" hreflang="{escape(edition.language)}" href="{url}">\n']
    parts += [
        f'<link rel="alternate" hreflang="{escape(each["edition"].language)}"'
        f' href="{escape(each["url"])}">\n'
        for each in translations
    ]
    parts.append(
        f'<meta name="description" content="{about}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{name}">\n'
        f'<meta property="og:title" content="{headline}">\n'
        f'<meta property="og:description" content="{about}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:locale" content="{escape(metadata.og_locale(edition.language))}">\n'
    )
    parts += [
        f'<meta property="og:locale:alternate" content="{escape(each["og_locale"])}">\n'
        for each in translations
    ]
    if shown:
        parts.append(
            f'<meta property="og:image" content="{escape(shown.absolute_url)}">\n'
            f'<meta property="og:image:width" content="{shown.og_width}">\n'
            f'<meta property="og:image:height" content="{shown.og_height}">\n'
            f'<meta property="og:image:alt" content="{escape(shown.alt)}">\n'
        )
    parts.append(
        f'<meta property="article:published_time" content="{published}">\n'
        f'<meta property="article:modified_time" content="{modified}">\n'
    )
    if article.section:
        parts.append(
            f'<meta property="article:section" content="{escape(article.section.name)}">\n'
        )
    parts += [f'<meta property="article:tag" content="{escape(each.name)}">\n' for each in keywords]
    parts.append(
        f'<meta name="twitter:card" content="{"summary_large_image" if shown else "summary"}">\n'
        f'<meta name="twitter:title" content="{headline}">\n'
        f'<meta name="twitter:description" content="{about}">\n'
    )
    if shown:
        parts.append(f'<meta name="twitter:image" content="{escape(shown.absolute_url)}">\n')
    parts.append(
        f'<script type="application/ld+json">{json_ld}</script>\n'
        f'<link rel="stylesheet" href="{escape(links.static_url("khabar/comments.css"))}">\n'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
