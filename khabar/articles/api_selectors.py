"""Reads for the content API: public articles and keywords, by cursor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from khabar.articles.models import (
    Article,
    ArticleKeyword,
    Keyword,
)
from khabar.articles.selectors import (
    article_get_for_page,
    article_translations,
    with_ordered_keywords,
)
from khabar.editions.models import Edition, Section


class ApiOrder(StrEnum):
    """The two ways the API lists articles, each with its own cursor.

    NEWEST: newest publication first, for reading; an article published during the walk
    lands before the cursor, so going back in time never repeats or skips one.
    CHANGES: oldest change first (`changed_at`, which every change the API shows moves
    forward), for an incremental sync: an article changed during the walk moves past the
    cursor and is met again, once, in its new version. Withdrawn articles (unpublished,
    taken down) are listed too, for the client to remove (`Article.is_public` is false).
    """

    NEWEST = "newest"
    CHANGES = "changes"


@dataclass(frozen=True, slots=True)
class ApiPosition:
    """Where a page of the API's article list ends: the last article's sort value and id."""

    at: datetime.datetime
    id: int


def api_articles(
    *,
    editions: list[Edition],
    section: Section | None = None,
    keyword: Keyword | None = None,
    order: ApiOrder,
    since: datetime.datetime | None = None,
    changed_before: datetime.datetime | None = None,
    after: ApiPosition | None = None,
    limit: int,
) -> list[Article]:
    """Up to `limit` public articles of these editions after `after`, in `order`; with
    CHANGES, withdrawn ones too.

    `since` and `changed_before` bound `changed_at` (CHANGES). Each article comes with its
    edition, section and `ordered_keywords`: three queries whatever the page holds.
    """
    queryset = Article.objects.published()
    if order is ApiOrder.CHANGES:
        queryset = queryset | Article.objects.filter(status=Article.Status.UNPUBLISHED)
    queryset = queryset.filter(edition__in=editions)
    if section is not None:
        queryset = queryset.filter(section=section)
    if keyword is not None:
        queryset = queryset.filter(
            pk__in=ArticleKeyword.objects.filter(keyword=keyword).values("article_id")
        )
    if order is ApiOrder.NEWEST:
        if after is not None:
            queryset = queryset.filter(
                Q(published_at__lt=after.at) | Q(published_at=after.at, pk__lt=after.id)
            )
        queryset = queryset.order_by("-published_at", "-pk")
    else:
        if since is not None:
            queryset = queryset.filter(changed_at__gte=since)
        if changed_before is not None:
            queryset = queryset.filter(changed_at__lt=changed_before)
        if after is not None:
            queryset = queryset.filter(
                Q(changed_at__gt=after.at) | Q(changed_at=after.at, pk__gt=after.id)
            )
        queryset = queryset.order_by("changed_at", "pk")
    by_id = {edition.pk: edition for edition in editions}
    found = list(with_ordered_keywords(queryset.select_related("section", "photo"))[:limit])
    for article in found:
        article.edition = by_id[article.edition_id]
    return found


def api_articles_by_id(*, edition: Edition, ids: list[int]) -> list[Article]:
    """The public articles among `ids`, in the order given (a search's ranking), each with
    its section and `ordered_keywords` as `api_articles` gives them: three queries."""
    queryset = Article.objects.published().filter(edition=edition, pk__in=ids)
    by_id = {a.pk: a for a in with_ordered_keywords(queryset.select_related("section", "photo"))}
    found = [by_id[pk] for pk in ids if pk in by_id]
    for article in found:
        article.edition = edition
    return found


def api_article(*, edition: Edition, code: int) -> Article | None:
    """The article with this code in any status (the API answers 404, 410 or 200), with its
    section, `ordered_keywords`, corrections and published translations (`translations`)."""
    article = article_get_for_page(edition=edition, code=code)
    if article is not None:
        article.translations = article_translations(article=article)
    return article


def api_keywords(*, edition: Edition, after_id: int | None = None, limit: int) -> list[Keyword]:
    """The edition's keywords that show on at least one public article, in id order.

    Only those: a keyword given to a draft alone may name a story not yet out.
    """
    links = ArticleKeyword.objects.filter(
        keyword=OuterRef("pk"), article_published_at__lte=timezone.now()
    )
    queryset = Keyword.objects.filter(edition=edition).filter(Exists(links))
    if after_id is not None:
        queryset = queryset.filter(pk__gt=after_id)
    found = list(queryset.order_by("pk")[:limit])
    for keyword in found:
        keyword.edition = edition
    return found
