"""Sitemaps per edition: articles, section and keyword pages, and Google News.

`/sitemap.xml` is the index; each edition contributes the sections
`articles-{ed}`, `sections-{ed}`, `keywords-{ed}` and `news-{ed}`, served at
`/sitemap-{section}.xml` (pages of more than `limit` URLs as `?p=2`…).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from khabar.articles.models import Article, Keyword
from khabar.core import links, surrogate
from khabar.editions.models import Edition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations
from khabar.syndication import selectors
from khabar.text import xml_text

NEWS_WINDOW = datetime.timedelta(hours=48)
# Google News reads at most 1,000 URLs from a news sitemap.
NEWS_LIMIT = 1000


class EditionSitemap(Sitemap):
    def __init__(self, edition: Edition) -> None:
        self.edition = edition

    # URLs on SITE_URL's origin, whatever host the request named (khabar.core.links).
    def get_protocol(self, protocol: str | None = None) -> str:
        return links.site_origin()[0]

    def get_domain(self, site: Any = None) -> str:
        return links.site_origin()[1]


def _with_images(urls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article's main photo as its image entry (Google's image extension): the widest
    public rendition, once the worker has made them."""
    for url in urls:
        photo = url["item"].photo
        widest = photo.rendition_best("full", photo.width) if photo is not None else None
        url["image"] = links.absolute_url(widest.url) if widest is not None else ""
    return urls


class ArticleSitemap(EditionSitemap):
    """Every published article; 50,000 URLs a file (the protocol's limit), in code order."""

    def get_urls(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return _with_images(super().get_urls(*args, **kwargs))

    def items(self) -> Any:
        return selectors.sitemap_articles(edition=self.edition)

    def location(self, item: Article) -> str:
        return links.article_path(self.edition.code, item.code, item.slug)

    def lastmod(self, item: Article) -> datetime.datetime | None:
        return item.last_changed_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # Django's default reads every item to find the newest; one aggregate does it.
        return selectors.latest_article_change(edition=self.edition)


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    lastmod: datetime.datetime
    surrogate_key: str | None = None


class SectionSitemap(EditionSitemap):
    """The edition's home page and the pages of its sections that show articles."""

    def items(self) -> list[Page]:
        code = self.edition.code
        pages = [
            Page(links.section_path(code, s.slug), s.latest, surrogate.section_key(s.pk))
            for s in selectors.sections_with_articles(edition=self.edition)
        ]
        latest = selectors.latest_article_change(edition=self.edition)
        if latest is not None:
            pages.insert(0, Page(links.home_path(code), latest))
        return pages

    def location(self, item: Page) -> str:
        return item.path

    def lastmod(self, item: Page) -> datetime.datetime:
        return item.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return selectors.latest_article_change(edition=self.edition)


class KeywordSitemap(EditionSitemap):
    """The pages of keywords that carry published articles."""

    def items(self) -> Any:
        return selectors.keywords_with_articles(edition=self.edition)

    def location(self, item: Keyword) -> str:
        return links.keyword_path(self.edition.code, item.slug)

    def lastmod(self, item: WithAnnotations[Keyword, selectors.Latest]) -> datetime.datetime:
        return item.latest

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return selectors.keywords_latest_change(edition=self.edition)


class NewsSitemap(EditionSitemap):
    """Google News: articles of the last 48 hours, at most 1,000, newest first."""

    limit = NEWS_LIMIT

    def items(self) -> Any:
        since = timezone.now() - NEWS_WINDOW
        return selectors.news_articles(edition=self.edition, since=since, limit=NEWS_LIMIT)

    def location(self, item: Article) -> str:
        return links.article_path(self.edition.code, item.code, item.slug)

    def lastmod(self, item: Article) -> datetime.datetime | None:
        return item.last_changed_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return selectors.latest_article_change(edition=self.edition)

    def get_urls(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        urls = _with_images(super().get_urls(*args, **kwargs))
        # ISO 639 language code, as Google News asks (zh-cn and zh-tw aside).
        language = self.edition.language.split("-")[0].lower()
        for url in urls:
            article: Article = url["item"]
            url["news"] = {
                # Text from the database; see khabar.text.xml_text.
                "name": xml_text(self.edition.name),
                "language": language,
                "publication_date": article.published_at,
                "title": xml_text(article.headline),
            }
        return urls


SITEMAP_KINDS: dict[str, type[EditionSitemap]] = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "keywords": KeywordSitemap,
    "news": NewsSitemap,
}


def sitemap_sections(editions: list[Edition]) -> dict[str, type[Sitemap[Any]] | Sitemap[Any]]:
    """The index's sections, `{kind}-{edition}`, edition by edition."""
    return {
        f"{kind}-{edition.code}": sitemap_class(edition)
        for edition in editions
        for kind, sitemap_class in SITEMAP_KINDS.items()
    }
