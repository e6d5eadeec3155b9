"""Each hand-written read returns what its ORM twin returns (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime

from khabar.articles.models import Article
from khabar.comments import sql
from khabar.comments.models import Comment
from khabar.comments.selectors import PUBLIC_FIELDS
from khabar.comments.tests.conftest import Post


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
