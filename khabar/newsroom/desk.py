"""The dashboard's reads: what a staff member's desk holds, in a fixed number of queries.

Each panel is one query whatever it lists, scoped as the article list is
(`newsroom_articles`): a reporter sees their own articles, an editor their editions' (or
sections'), an admin everything. Panels a role has no use for (review, pending updates,
the comment queue, the inbox) are None, and the page leaves them out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from khabar.articles.locks import locked_articles
from khabar.articles.models import Article
from khabar.articles.newsroom_selectors import newsroom_articles
from khabar.calendars import day_bounds, format_date, format_time, to_local
from khabar.comments.permissions import moderator_scope
from khabar.comments.selectors import pending_count
from khabar.editions.models import Edition
from khabar.staff.permissions import Scope
from khabar.submissions.selectors import new_count

Status = Article.Status
DESK_ROWS = 10


@dataclass(frozen=True, slots=True)
class Scheduled:
    article: Article
    time: str  # the local time in the edition's zone and digits


@dataclass(frozen=True, slots=True)
class ScheduledDay:
    """One edition's scheduled articles of one local day (today or tomorrow there)."""

    edition: Edition
    label: str  # the day in the edition's calendar, month names and digits
    is_today: bool
    items: list[Scheduled]


@dataclass(frozen=True, slots=True)
class Desk:
    drafts: list[Article]
    review: list[Article] | None
    scheduled: list[ScheduledDay]
    published: list[Article]
    pending_updates: list[Article] | None
    editing: list[Article]
    breaking: list[Article]
    comments_pending: int | None
    submissions_new: int | None


def _day_label(edition: Edition, day: datetime.date) -> str:
    return format_date(
        day,
        calendar=edition.calendar,
        digits=edition.digits,
        language=edition.language,
        month_names=edition.month_names,
    )


def _local_days(
    edition: Edition, now: datetime.datetime
) -> list[tuple[datetime.date, datetime.datetime, datetime.datetime]]:
    """Today and tomorrow in the edition's time zone, each with its UTC start and end."""
    today = to_local(now, edition.time_zone).date()
    days = []
    for day in (today, today + datetime.timedelta(days=1)):
        bounds = day_bounds(day, edition.time_zone)
        if bounds is not None:
            days.append((day, *bounds))
    return days


def _scheduled(
    articles: QuerySet[Article], editions: Iterable[Edition], now: datetime.datetime
) -> list[ScheduledDay]:
    """Scheduled articles due today or tomorrow in each edition's own calendar day."""
    days = {edition: _local_days(edition, now) for edition in editions}
    window = Q(pk__in=[])
    for edition, spans in days.items():
        if spans:
            window |= Q(
                edition=edition, published_at__gte=spans[0][1], published_at__lt=spans[-1][2]
            )
    scheduled = articles.filter(status=Status.SCHEDULED).filter(window).order_by("published_at")
    # Every one has its time (the window is on it); the condition says so to the types.
    found = [(article, at) for article in scheduled if (at := article.published_at) is not None]
    panels = []
    for edition, spans in days.items():
        for index, (day, start, end) in enumerate(spans):
            items = [
                Scheduled(article, format_time(at, digits=edition.digits, tz=edition.time_zone))
                for article, at in found
                if article.edition_id == edition.pk and start <= at < end
            ]
            if items:
                panels.append(ScheduledDay(edition, _day_label(edition, day), index == 0, items))
    return panels


def _breaking(editions: list[Edition], now: datetime.datetime) -> list[Article]:
    """Each edition's current breaking alert (the one the public bar shows)."""
    alerts = (
        Article.objects.filter(
            edition__in=editions,
            status=Status.PUBLISHED,
            published_at__lte=now,
            is_breaking=True,
            breaking_until__gt=now,
        )
        .select_related("section")
        .order_by("-breaking_until")
    )
    by_id = {edition.pk: edition for edition in editions}
    current: dict[int, Article] = {}
    for article in alerts:
        article.edition = by_id[article.edition_id]
        current.setdefault(article.edition_id, article)
    return [current[edition.pk] for edition in editions if edition.pk in current]


def desk_get(
    *, user: Any, scope: Scope, editions: QuerySet[Edition], now: datetime.datetime
) -> Desk:
    """The dashboard's panels for this staff member, each at most DESK_ROWS long."""
    editions_list = list(editions)
    articles = newsroom_articles(scope=scope, user_id=user.pk)
    reviews = scope.role in {"editor", "admin"}
    live = Q(status=Status.PUBLISHED, published_at__lte=now)
    return Desk(
        drafts=list(
            articles.filter(author_id=user.pk, status=Status.DRAFT).order_by("-updated_at", "-pk")[
                :DESK_ROWS
            ]
        ),
        review=list(
            articles.filter(status=Status.IN_REVIEW).order_by("updated_at", "pk")[:DESK_ROWS]
        )
        if reviews
        else None,
        scheduled=_scheduled(articles, editions_list, now),
        published=list(articles.filter(live).order_by("-published_at", "-pk")[:DESK_ROWS]),
        pending_updates=list(
            articles.filter(live, pending_revision__isnull=False).order_by("-updated_at", "-pk")[
                :DESK_ROWS
            ]
        )
        if reviews
        else None,
        editing=list(locked_articles(articles, now=now)[:DESK_ROWS]),
        breaking=_breaking(editions_list, now),
        comments_pending=pending_count(actor=user) if moderator_scope(user) is not None else None,
        submissions_new=new_count(actor=user),
    )
