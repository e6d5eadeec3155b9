"""Reads for the newsroom: the articles staff work on, revisions, preview links, keywords."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from khabar.articles import limits
from khabar.articles.models import (
    Article,
    ArticleRevision,
    Keyword,
    PreviewLink,
    keyword_key,
)
from khabar.editions.models import Edition
from khabar.staff.permissions import Scope


def keyword_search(*, edition: Edition, text: str = "") -> QuerySet[Keyword]:
    """The edition's keywords, by name, narrowed to those whose name holds `text` however
    either is spelt (ي/ی, ك/ک, harakat): both are compared by their matching key."""
    keywords = Keyword.objects.filter(edition=edition)
    key = keyword_key(text)
    if key:
        keywords = keywords.filter(key__contains=key)
    return keywords.order_by("name", "pk")


# Above every Unicode character: `key < prefix + KEY_END` holds for every key that starts
# with `prefix`, in SQLite's byte order (UTF-8 keeps code point order).
KEY_END = "\U0010ffff"
# More keywords than this starting with a prefix: found by walking the most used first.
COMMON_PREFIX = 500


def keyword_autocomplete(*, edition: Edition, prefix: str, limit: int = 10) -> list[Keyword]:
    """The edition's keywords whose matching key starts with `prefix`'s, however either is
    spelt: the exact match first, then the most used, then by key.

    One indexed range of the (edition, key) index for each of the two queries; on SQLite, a
    prefix that many keywords share is counted up to COMMON_PREFIX first (PostgreSQL's
    planner knows from its statistics which index to walk).
    """
    key = keyword_key(prefix)
    if not key or len(key) >= limits.KEYWORD_NAME_MAX:
        return []
    if prefix[-1].isspace():
        key += " "  # `علي ` is the first word typed whole: `علي مملوك`, not `عليرضا`
    keywords = Keyword.objects.filter(edition=edition)
    if connection.vendor == "postgresql":
        # Served by the pattern index of migration articles 0011, whatever the collation.
        matching = keywords.filter(key__startswith=key)
    else:
        matching = keywords.filter(key__gte=key, key__lt=key + KEY_END)
        if matching.order_by()[: COMMON_PREFIX + 1].count() > COMMON_PREFIX:
            # SQLite would read every one of them by key and sort them all by use (ا, the
            # first letter of most Arabic keywords: 120 ms on 50,000). Compared by a
            # function its key index cannot serve, it walks the (edition, uses) index
            # instead and stops at the tenth match: a common prefix matches early.
            matching = keywords.annotate(head=Substr("key", 1, len(key))).filter(head=key)
    exact = list(keywords.filter(key=key))
    rest = matching.exclude(key=key).order_by("-uses", "key")[: limit - len(exact)]
    return [*exact, *rest]


def keyword_get(*, keyword_id: int) -> Keyword | None:
    return Keyword.objects.select_related("edition").filter(pk=keyword_id).first()


def newsroom_articles(
    *,
    scope: Scope,
    user_id: int,
    edition_id: int | None = None,
    section_id: int | None = None,
    author_id: int | None = None,
    status: str | None = None,
    published_from: datetime.datetime | None = None,
    published_to: datetime.datetime | None = None,
    order: str = "updated_at",
    descending: bool = True,
) -> QuerySet[Article]:
    """The articles a staff member works on, sorted by `order` (then id), for a paginator.

    An admin sees every article; an editor their editions' (only their sections' when the
    role lists sections); a reporter the articles they wrote. Each row comes with its
    edition, section and author: a page of the list is one query, whatever its length.
    Articles without a publication time sort last by it, either way.
    """
    queryset = Article.objects.select_related("edition", "section", "author")
    if scope.role == "reporter":
        queryset = queryset.filter(author_id=user_id)
    elif not scope.is_admin:
        # An edition or section asked for is checked against the role here rather than
        # beside it in SQL: an IN list next to `edition_id = 1` made SQLite sort the whole
        # section instead of walking its index in order.
        if (edition_id and edition_id not in scope.edition_ids) or (
            section_id and scope.section_ids and section_id not in scope.section_ids
        ):
            return Article.objects.none()
        if not edition_id:
            queryset = queryset.filter(edition__in=scope.edition_ids)
        if scope.section_ids and not section_id:
            queryset = queryset.filter(section__in=scope.section_ids)
    filters = {
        "edition_id": edition_id,
        "section_id": section_id,
        "author_id": author_id,
        "status": status,
        "published_at__gte": published_from,
        "published_at__lt": published_to,
    }
    queryset = queryset.filter(**{name: value for name, value in filters.items() if value})
    # NULLS LAST only where there can be nulls: PostgreSQL cannot walk an index in
    # `updated_at DESC NULLS LAST` order (its backward scan puts nulls first), even on a
    # column without any, so it read and sorted every article for each page (0.3 s).
    nullable = getattr(Article._meta.get_field(order), "null", False)
    nulls = {"nulls_last": True} if nullable else {}
    field = F(order).desc(**nulls) if descending else F(order).asc(**nulls)
    return queryset.order_by(field, "-pk" if descending else "pk")


def newsroom_article(*, pk: int) -> Article | None:
    """An article with what its editor page shows beside the text: edition, section,
    author, main photo."""
    related = ("edition", "section", "author", "photo")
    return Article.objects.select_related(*related).filter(pk=pk).first()


def article_revisions(*, article: Article) -> list[ArticleRevision]:
    """The article's revisions, newest first (their content is what a diff reads)."""
    return list(ArticleRevision.objects.filter(article=article).order_by("-number"))


def article_revision_pair(
    *, article: Article, numbers: tuple[int, int]
) -> dict[int, ArticleRevision]:
    """The article's revisions with these numbers, by number (missing ones left out)."""
    return {
        revision.number: revision
        for revision in ArticleRevision.objects.filter(article=article, number__in=numbers)
    }


def preview_links_open(*, article: Article) -> list[PreviewLink]:
    """The article's preview links that still open it: not revoked, not expired."""
    return list(
        PreviewLink.objects.filter(
            article=article, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("created_by")
        .order_by("-created_at")
    )
