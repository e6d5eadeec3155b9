"""Writing many articles at once: seeding a site, importing an old archive.

`articles_bulk_create` keeps the rules of `article_create` (cleaned text, the edition's letters,
a sanitised body, slugs, keywords merged through the normaliser, news codes never reused) but
writes a whole batch in a handful of queries: one transaction and one news-code update per
batch instead of a dozen statements per article.

It sends no events. Published articles appear without `article_published`, so nothing that
listens (the page cache, search indexing, feeds) hears of them: it is for filling an empty
site or importing an archive before the site is opened, and a caller that uses it on a live
site must invalidate the caches and rebuild the search index itself afterwards.
"""

from __future__ import annotations

import datetime
import itertools
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles.models import (
    Article,
    ArticleKeyword,
    Keyword,
    article_slug,
    keyword_link_published_at,
)
from khabar.articles.services import article_fields_clean, code_clean, keyword_names_clean
from khabar.core.fields import concrete_field
from khabar.editions.models import Edition, Section

__all__ = ["BulkArticle", "articles_bulk_create"]


@dataclass(frozen=True, slots=True)
class BulkArticle:
    """One article to write; the same fields `article_create` takes.

    `code` is for archives that keep their legacy codes; `published_at` makes it published.
    """

    headline: str
    code: int | None = None
    published_at: datetime.datetime | None = None
    keywords: Sequence[str] = ()
    overline: str = ""
    lead: str = ""
    body: str = ""
    byline: str = ""
    source: str = ""
    section: Section | None = None
    content_type: str = Article.ContentType.NEWS
    is_breaking: bool = False
    headline_needs_review: bool = False
    comments_open: bool = True
    translation_group: uuid.UUID | None = None


def articles_bulk_create(
    *, edition: Edition, items: Iterable[BulkArticle], batch_size: int = 1000
) -> int:
    """Write `items` to `edition`, `batch_size` per transaction; the number written.

    Items without a code get new ones in the order given (give the oldest first, so codes
    grow with time); legacy codes are kept and new codes continue after the highest. A bad
    item (a taken code, an empty headline…) raises ValidationError and its whole batch is
    rolled back; batches before it stay written. No events are sent (see the module's note).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    keyword_ids: dict[str, int] = {}
    written = 0
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        written += _batch_create(edition=edition, items=batch, keyword_ids=keyword_ids)
    return written


def _batch_create(
    *, edition: Edition, items: list[BulkArticle], keyword_ids: dict[str, int]
) -> int:
    now = timezone.now()
    articles: list[Article] = []
    article_keys: list[list[str]] = []
    names_by_key: dict[str, str] = {}
    for item in items:
        article = _article(edition=edition, item=item, now=now)
        articles.append(article)
        article_keys.append(_keyword_keys(edition=edition, names=item.keywords, into=names_by_key))

    legacy = [article.code for article in articles if article.code is not None]
    if len(set(legacy)) != len(legacy):
        repeated = sorted({code for code in legacy if legacy.count(code) > 1})
        raise ValidationError(
            _("News codes given more than once: %(codes)s."),
            params={"codes": ", ".join(map(str, repeated))},
        )

    with transaction.atomic():
        # Locks the edition row on PostgreSQL (SQLite's IMMEDIATE transaction already holds
        # the write lock), so concurrent writers cannot hand out the same codes.
        next_code = (
            Edition.objects.select_for_update()
            .values_list("next_code", flat=True)
            .get(pk=edition.pk)
        )
        if legacy:
            taken = sorted(
                Article.objects.filter(edition=edition, code__in=legacy).values_list(
                    "code", flat=True
                )
            )
            if taken:
                raise ValidationError(
                    _("News codes already taken in this edition: %(codes)s."),
                    params={"codes": ", ".join(map(str, taken[:20]))},
                )
            next_code = max(next_code, max(legacy) + 1)
        for article in articles:
            if article.code is None:
                article.code = next_code
                next_code += 1
        Edition.objects.filter(pk=edition.pk).update(next_code=Greatest(F("next_code"), next_code))

        batch_ids = _keyword_ids(edition=edition, names_by_key=names_by_key, known=keyword_ids)
        Article.objects.bulk_create(articles)
        links: list[tuple[Any, ...]] = []
        for article, keys in zip(articles, article_keys, strict=True):
            # A raw insert: the time goes in as the database stores it (naive UTC on SQLite).
            published_at = connection.ops.adapt_datetimefield_value(
                keyword_link_published_at(article)
            )
            links.extend(
                (article.pk, batch_ids[key], position, published_at, article.code)
                for position, key in enumerate(keys)
            )
        _links_insert(links)
        _uses_add(links)
    # Only now: ids of keywords created by a batch that rolled back would point nowhere.
    keyword_ids.update(batch_ids)
    edition.next_code = next_code
    return len(articles)


LINK_FIELDS = ("article", "keyword", "position", "article_published_at", "article_code")


def _links_insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert rows of `LINK_FIELDS` values into the article-keyword table.

    A plain executemany: bulk_create would build and compile a model per link (five per
    article), a third of the time of a whole batch.
    """
    meta = ArticleKeyword._meta
    quote = connection.ops.quote_name
    fields = [concrete_field(ArticleKeyword, name) for name in LINK_FIELDS]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _uses_add(links: list[tuple[Any, ...]]) -> None:
    """Count the new links in their keywords' `uses`, one update per distinct increment."""
    by_increment: dict[int, list[object]] = defaultdict(list)
    for keyword_id, count in Counter(link[1] for link in links).items():
        by_increment[count].append(keyword_id)
    for increment, ids in by_increment.items():
        for start in range(0, len(ids), 500):  # SQLite's limit on query parameters
            Keyword.objects.filter(pk__in=ids[start : start + 500]).update(
                uses=F("uses") + increment
            )


def _article(*, edition: Edition, item: BulkArticle, now: datetime.datetime) -> Article:
    """The unsaved article for `item`, cleaned and validated as `article_create` does."""
    cleaned = article_fields_clean(
        edition=edition,
        fields={
            "headline": item.headline,
            "overline": item.overline,
            "lead": item.lead,
            "body": item.body,
            "byline": item.byline,
            "source": item.source,
            "section": item.section,
            "content_type": item.content_type,
            "is_breaking": item.is_breaking,
            "headline_needs_review": item.headline_needs_review,
            "comments_open": item.comments_open,
        },
    )
    article = Article(
        edition=edition,
        slug=article_slug(cleaned["headline"]),
        created_at=now,
        updated_at=now,
        changed_at=now,
        translation_group=item.translation_group,
        **cleaned,
    )
    if item.code is not None:  # else the batch assigns the next free code
        article.code = code_clean(code=item.code)
    if item.published_at is not None:
        article.status = Article.Status.PUBLISHED
        article.published_at = item.published_at
        article.updated_at = article.changed_at = max(now, item.published_at)
    article.full_clean(
        exclude=["section", "edition", "code"], validate_unique=False, validate_constraints=False
    )
    return article


def _keyword_keys(*, edition: Edition, names: Iterable[str], into: dict[str, str]) -> list[str]:
    """The distinct keys of an article's keywords, in order; `into` learns each key's name.

    The first spelling met names a new keyword, as with `keyword_get_or_create`.
    """
    keywords = keyword_names_clean(edition=edition, names=names)
    for key, name in keywords.items():
        into.setdefault(key, name)
    return list(keywords)


def _keyword_ids(
    *, edition: Edition, names_by_key: dict[str, str], known: dict[str, int]
) -> dict[str, int]:
    """Ids for every key of the batch, creating the keywords the edition lacks."""
    ids = {key: known[key] for key in names_by_key if key in known}
    missing = [key for key in names_by_key if key not in ids]
    if not missing:
        return ids
    # Another writer may create some of them meanwhile: ignore the conflicts, then re-read.
    Keyword.objects.bulk_create(
        (Keyword(edition=edition, name=names_by_key[key], key=key) for key in missing),
        ignore_conflicts=True,
    )
    for start in range(0, len(missing), 500):  # SQLite's limit on query parameters
        chunk = missing[start : start + 500]
        ids.update(Keyword.objects.filter(edition=edition, key__in=chunk).values_list("key", "id"))
    return ids
