from __future__ import annotations

import contextlib
import datetime
from typing import TYPE_CHECKING, TypedDict, cast

from django.core.cache import cache
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from khabar.articles.models import Article
from khabar.core.redis_cache import UNREACHABLE
from khabar.editions.models import Edition
from khabar.pageviews.models import ArticleViewDay

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Views(TypedDict):
    views: int


# How long a ranking is reused. A day's or a week's reading moves slowly (views reach the
# database every PAGEVIEWS_FLUSH_SECONDS, and a cached home page keeps its lists up to
# PAGECACHE_TIMEOUT anyway), while the home page may render every second in a storm of
# edits: ranking the window on each render cost 9 ms on 100,000 articles without the
# planner's statistics, 4 ms with them; fetching ten articles by key costs well under one.
RANKING_SECONDS = 60
# What a link to the article needs.
_FIELDS = ("code", "slug", "headline", "published_at", "edition")


def most_viewed(
    *, edition: Edition, days: int, limit: int = 10
) -> list[WithAnnotations[Article, Views]]:
    """The edition's published articles most read over the last `days` UTC days, today included.

    One query. Each article carries `views`, its total in the window. The ranking (which
    articles, how many views) is kept RANKING_SECONDS in the cache; the articles themselves
    are read each time, so an edit shows at once and a take-down leaves the list at once.
    """
    since = timezone.now().date() - datetime.timedelta(days=max(days, 1) - 1)
    key = f"pageviews:most-viewed:{edition.pk}:{since.isoformat()}:{limit}"
    try:
        ranking: list[tuple[int, int]] | None = cache.get(key)
    except UNREACHABLE:
        # Redis is down: ranked from the database, as when the ranking expires.
        return _most_viewed_ranked(edition=edition, since=since, limit=limit)
    if ranking is None:
        found = _most_viewed_ranked(edition=edition, since=since, limit=limit)
        with contextlib.suppress(*UNREACHABLE):
            cache.set(key, [(article.pk, article.views) for article in found], RANKING_SECONDS)
        return found
    views = dict(ranking)
    # By key alone, public or not checked here: with the status in SQL, SQLite without
    # statistics would walk the published articles rather than look ten up.
    articles = (
        Article.objects.filter(pk__in=list(views))
        .select_related("edition")
        .only(*_FIELDS, "status")
    )
    shown = [article for article in articles if article.is_public]
    for article in shown:
        article.views = views[article.pk]  # type: ignore[attr-defined]
    shown.sort(key=lambda article: (-views[article.pk], -article.pk))
    return cast("list[WithAnnotations[Article, Views]]", shown)


def _most_viewed_ranked(
    *, edition: Edition, since: datetime.date, limit: int
) -> list[WithAnnotations[Article, Views]]:
    """The inner query ranks the window's view rows (index on day), the outer one fetches
    only the winners."""
    in_window = ArticleViewDay.objects.filter(day__gte=since)
    # Joined to the articles rather than `article__in` the edition's published articles,
    # which listed the whole edition (20 ms on 100,000 articles, every home page render).
    ranked = (
        in_window.filter(
            article__edition=edition,
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=timezone.now(),
        )
        .values("article")
        .annotate(total=Sum("count"))
        .order_by("-total", "-article")
        .values("article")[:limit]
    )
    totals = (
        in_window.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(total=Sum("count"))
        .values("total")
    )
    found = (
        Article.objects.filter(pk__in=Subquery(ranked))
        .annotate(views=Subquery(totals))
        .select_related("edition")
        .only(*_FIELDS)
        .order_by("-views", "-pk")
    )
    # The plugin loses the annotation through ArticleQuerySet: say what annotate() added.
    return cast("list[WithAnnotations[Article, Views]]", list(found))
