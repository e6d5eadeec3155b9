"""Each hand-written read returns what its ORM twin returns (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from khabar.articles import services as article_services
from khabar.articles.models import Article
from khabar.articles.selectors import CARD_FIELDS
from khabar.comments import sql
from khabar.comments.models import Comment
from khabar.comments.selectors import PUBLIC_FIELDS
from khabar.comments.tests.conftest import Post
from khabar.core import sql as core_sql
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition


def test_approved_of_article_is_the_orm_read(post: Post, sample_article: Article) -> None:
    first = post(body="أول تعليق").comment
    reply = post(body="رد على الأول", parent=first, address="203.0.113.6").comment
    pending = post(body="ينتظر المراجعة", address="203.0.113.7").comment
    Comment.objects.filter(pk__in=[first.pk, reply.pk]).update(status=Comment.Status.APPROVED)
    Comment.objects.filter(pk=pending.pk).update(status=Comment.Status.PENDING)
    found = sql.approved_of_article(fields=PUBLIC_FIELDS, article_id=sample_article.pk)
    twin = (
        Comment.objects.approved()
        .filter(article_id=sample_article.pk)
        .only(*PUBLIC_FIELDS)
        .order_by("created_at", "pk")
    )
    names = ["id", "article_id", "parent_id", "name", "body", "is_newsroom", "created_at"]
    assert [[getattr(c, name) for name in names] for c in found] == [
        [getattr(c, name) for name in names] for c in twin
    ]
    assert [c.pk for c in found] == [first.pk, reply.pk]
    assert found[1].parent_id == first.pk
    assert isinstance(found[0].created_at, datetime.datetime)
    assert found[0].get_deferred_fields() == twin[0].get_deferred_fields()


def test_most_commented_is_the_orm_read(edition_ar: Edition, edition_fa: Edition) -> None:
    now = timezone.now()
    since = now - datetime.timedelta(days=7)
    counts = {edition_ar: [3, 2, 2, 1, 1, 1, 0], edition_fa: [5]}
    for edition, numbers in counts.items():
        for hours, number in enumerate(numbers):
            article = article_services.article_create(
                actor=IMPORTER,
                edition=edition,
                headline="خبر",
                published_at=now - datetime.timedelta(hours=hours + 1),
            )
            for _ in range(number):
                Comment.objects.create(
                    article=article,
                    body="تعليق",
                    status=Comment.Status.APPROVED,
                    submission_key=uuid.uuid4().hex,
                    body_key="",
                )
    found = sql.most_commented(
        fields=CARD_FIELDS, edition_id=edition_ar.pk, since=since, now=now, limit=5
    )
    in_window = Comment.objects.filter(status=Comment.Status.APPROVED, created_at__gte=since)
    shown = Article.objects.filter(
        pk=OuterRef("article"), edition=edition_ar, status=Article.Status.PUBLISHED
    ).filter(published_at__lte=now)
    ranked = (
        in_window.filter(Exists(shown))
        .values("article")
        .annotate(total=Count("pk"))
        .order_by("-total", "-article__published_at")
        .values("article")[:5]
    )
    counted = (
        in_window.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    twin = (
        Article.objects.filter(pk__in=Subquery(ranked))
        .only(*CARD_FIELDS)
        .annotate(comment_count=Subquery(counted))
        .order_by("-comment_count", "-published_at")
    )
    names = [field.attname for field in core_sql.fields_of(Article, (*CARD_FIELDS, "id"))]

    def row(article: Any) -> tuple[list[Any], int]:
        return [getattr(article, name) for name in names], article.comment_count

    assert [row(a) for a in found] == [row(a) for a in twin]
    assert [a.comment_count for a in found] == [3, 2, 2, 1, 1]  # type: ignore[attr-defined]
