from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.pageviews.models import ArticleViewDay

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Views(TypedDict):
    views: int


def most_viewed(
    *, edition: Edition, days: int, limit: int = 10
) -> list[WithAnnotations[Article, Views]]:
    """The edition's published articles most read over the last `days` UTC days, today included.

    One query: the inner one ranks the window's view rows (index on day), the outer
    one fetches only the winners. Each article carries `views`, its total in the window.
    """
    since = timezone.now().date() - datetime.timedelta(days=max(days, 1) - 1)
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
        .only("code", "slug", "headline", "published_at", "edition")
        .order_by("-views", "-pk")
    )
    # The plugin loses the annotation through ArticleQuerySet: say what annotate() added.
    return cast("list[WithAnnotations[Article, Views]]", list(found))
