"""What feeds and sitemaps read, each in a fixed number of queries whatever the archive size."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from khabar.articles.models import Article, Keyword
from khabar.articles.selectors import with_ordered_keywords
from khabar.editions.models import Edition, Section

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def feed_articles(
    *,
    edition: Edition,
    section: Section | None = None,
    keyword: Keyword | None = None,
    limit: int = 50,
) -> list[Article]:
    """The latest published articles of a feed with their photos, keywords prefetched: two
    queries."""
    queryset = Article.objects.published().filter(edition=edition)
    if section is not None:
        queryset = queryset.filter(section=section)
    if keyword is not None:
        queryset = queryset.filter(articlekeyword__keyword=keyword)
    queryset = with_ordered_keywords(queryset.defer("body").select_related("photo").latest_first())[
        :limit
    ]
    articles = list(queryset)
    for article in articles:
        article.edition = edition
    return articles


# What a sitemap's image entry needs of the main photo.
SITEMAP_PHOTO = ("photo", "photo__renditions", "photo__width")


def sitemap_articles(*, edition: Edition) -> QuerySet[Article]:
    """Every published article of the edition, by code, so sitemap pages never shift; with
    its main photo's renditions (the sitemap's image entries)."""
    return (
        Article.objects.published()
        .filter(edition=edition)
        .select_related("photo")
        .only("code", "slug", "published_at", "created_at", "updated_at", *SITEMAP_PHOTO)
        .order_by("code")
    )


def news_articles(*, edition: Edition, since: datetime.datetime, limit: int) -> QuerySet[Article]:
    """Articles published since `since`, newest first, at most `limit` of them, with their
    main photos' renditions."""
    return (
        Article.objects.published()
        .filter(edition=edition, published_at__gte=since)
        .select_related("photo")
        .only(
            "code", "slug", "headline", "published_at", "created_at", "updated_at", *SITEMAP_PHOTO
        )
        .latest_first()[:limit]
    )


def latest_article_change(*, edition: Edition) -> datetime.datetime | None:
    """When the edition's published articles last changed: one aggregate query."""
    return (
        Article.objects.published()
        .filter(edition=edition)
        .aggregate(latest=Max("updated_at"))["latest"]
    )


def _published_filter(prefix: str) -> Q:
    return Q(
        **{
            f"{prefix}__status": Article.Status.PUBLISHED,
            f"{prefix}__published_at__lte": timezone.now(),
        }
    )


class Latest(TypedDict):
    latest: datetime.datetime


def sections_with_articles(*, edition: Edition) -> list[WithAnnotations[Section, Latest]]:
    """The edition's sections that show at least one article, with `latest` (newest one's time)."""
    return list(
        Section.objects.filter(edition=edition)
        .annotate(latest=Max("articles__published_at", filter=_published_filter("articles")))
        .filter(latest__isnull=False)
        .order_by("position", "name")
    )


def keywords_with_articles(*, edition: Edition) -> QuerySet[WithAnnotations[Keyword, Latest]]:
    """The edition's keywords that carry a published article, with `latest`, by id (stable)."""
    return (
        Keyword.objects.filter(edition=edition)
        .annotate(latest=Max("articles__published_at", filter=_published_filter("articles")))
        .filter(latest__isnull=False)
        .order_by("pk")
    )


def keywords_latest_change(*, edition: Edition) -> datetime.datetime | None:
    return (
        Article.objects.published()
        .filter(edition=edition, articlekeyword__isnull=False)
        .aggregate(latest=Max("published_at"))["latest"]
    )
