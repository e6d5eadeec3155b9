"""Reads of comments: what readers see (approved only, never an email) and the queue."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, QuerySet
from django.utils import timezone

from khabar.articles.models import Article
from khabar.articles.selectors import CARD_FIELDS
from khabar.comments import limits, sql
from khabar.comments.models import BlockedEmail, BlockedNetwork, BlockedWord, Comment
from khabar.comments.permissions import moderator_scope
from khabar.core.actors import Actor
from khabar.editions.models import Edition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CommentCount(TypedDict):
    comment_count: int


# What a public page reads of a comment besides its id: never the email or the sender's hashes.
PUBLIC_FIELDS = ("article", "parent", "name", "body", "is_newsroom", "created_at")


# What the comment form's POST and its answers read of the article, in one query: whether it
# is public and open (`rules.comments_open`), and what links back to it.
ARTICLE_FIELDS = (
    "edition_id",
    "code",
    "slug",
    "headline",
    "status",
    "published_at",
    "comments_open",
)


def article_for_comment(*, edition: Edition, code: int) -> Article | None:
    """The article a comment is sent to, if readers can see it; one query."""
    article = Article.objects.filter(edition=edition, code=code).only(*ARTICLE_FIELDS).first()
    if article is None or not article.is_public:
        return None
    article.edition = edition
    return article


@dataclass(slots=True)
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleComments:
    threads: list[Thread]
    count: int


def article_comments(*, article: Article) -> ArticleComments:
    """The approved comments under the article, oldest first, each with its approved
    replies; one query. A reply whose comment is not shown is not shown either."""
    # Hand-written (khabar.comments.sql): every uncached article page asks.
    rows = sql.approved_of_article(fields=PUBLIC_FIELDS, article_id=article.pk)
    threads = {row.pk: Thread(row) for row in rows if row.parent_id is None}
    for row in rows:
        if row.parent_id is not None and row.parent_id in threads:
            threads[row.parent_id].replies.append(row)
    shown = len(threads) + sum(len(thread.replies) for thread in threads.values())
    return ArticleComments(threads=list(threads.values()), count=shown)


def comment_counts(*, article_ids: Iterable[int]) -> dict[int, int]:
    """Approved comments per article, for lists; one query. Articles without any are absent."""
    ids = set(article_ids)
    if not ids:
        return {}
    rows = (
        Comment.objects.approved()
        .filter(article_id__in=ids)
        .values("article_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["article_id"]: row["count"] for row in rows}


def most_commented(
    *,
    edition: Edition,
    days: int = limits.MOST_COMMENTED_DAYS,
    limit: int = limits.MOST_COMMENTED_SIZE,
) -> list[WithAnnotations[Article, CommentCount]]:
    """The edition's published articles with the most comments approved over the last
    days, each with `comment_count`; one query (sql.most_commented says how it is ranked).

    Ranked from the window's approved comments rather than from the edition's articles:
    counting every article's comments read the whole edition (0.1 s on 100,000 articles,
    on every render of the home page). Hand-written: the ORM's subqueries cost the home
    page ten times what the query does.
    """
    now = timezone.now()
    articles = sql.most_commented(
        fields=CARD_FIELDS,
        edition_id=edition.pk,
        since=now - datetime.timedelta(days=days),
        now=now,
        limit=limit,
    )
    for article in articles:
        article.edition = edition
    return cast("list[WithAnnotations[Article, CommentCount]]", articles)


# --- The newsroom --------------------------------------------------------------------------


def moderation_queryset(*, actor: Actor) -> QuerySet[Comment]:
    """Every comment the actor moderates: their editions (their sections for a section
    editor); none for someone who does not moderate."""
    scope = moderator_scope(actor)
    queryset = Comment.objects.select_related("article", "article__edition", "parent")
    if scope is None:
        return queryset.none()
    if scope.is_admin:
        return queryset
    queryset = queryset.filter(article__edition_id__in=scope.edition_ids)
    if scope.section_ids:
        queryset = queryset.filter(article__section_id__in=scope.section_ids)
    return queryset


def moderation_queue(
    *,
    actor: Actor,
    status: str = Comment.Status.PENDING,
    edition: Edition | None = None,
    article_code: int | None = None,
    older_than_hours: int | None = None,
) -> QuerySet[Comment]:
    """The queue, oldest first: what waits longest comes first."""
    queryset = moderation_queryset(actor=actor).filter(status=status)
    if edition is not None:
        queryset = queryset.filter(article__edition=edition)
    if article_code is not None:
        queryset = queryset.filter(article__code=article_code)
    if older_than_hours is not None:
        before = timezone.now() - datetime.timedelta(hours=older_than_hours)
        queryset = queryset.filter(created_at__lte=before)
    return queryset.order_by("created_at", "pk")


def pending_count(*, actor: Actor) -> int:
    return moderation_queryset(actor=actor).filter(status=Comment.Status.PENDING).count()


def comments_by_ids(*, ids: Iterable[int]) -> list[Comment]:
    """The comments a moderator chose, with their articles; whether they may act on each is
    the services' to decide."""
    return list(
        Comment.objects.select_related("article", "article__edition", "parent")
        .filter(pk__in=list(ids))
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class Blocklists:
    words: list[BlockedWord]
    emails: list[BlockedEmail]
    networks: list[BlockedNetwork]  # typed ranges first, then senders' networks, newest first


def blocklists() -> Blocklists:
    """Everything blocked, for the staff who manage it; three queries."""
    return Blocklists(
        words=list(BlockedWord.objects.all()),
        emails=list(BlockedEmail.objects.all()),
        networks=list(BlockedNetwork.objects.order_by("-cidr", "-created_at", "-pk")),
    )
