"""Hand-written reads of comments, where building the queryset cost the uncached article page
more than the query did (bench.profiling shows it).

Each maps every column through its field's converters (khabar.core.sql) and is tested against
its ORM twin on SQLite and PostgreSQL (tests/test_sql.py).
"""

from __future__ import annotations

import datetime

from django.db import connection

from khabar.articles.models import Article
from khabar.comments.models import Comment
from khabar.core import sql


def approved_of_article(*, fields: tuple[str, ...], article_id: int) -> list[Comment]:
    """The article's approved comments and replies, oldest first (ties by id)."""
    chosen = sql.fields_of(Comment, (*fields, "id"))
    table = sql.table(Comment)
    query = (
        f"SELECT {sql.columns(chosen)} FROM {table}"  # noqa: S608
        f" WHERE {sql.column(Comment, 'article')} = %s AND {sql.column(Comment, 'status')} = %s"
        f" ORDER BY {sql.column(Comment, 'created_at')}, {sql.column(Comment, 'id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [article_id, Comment.Status.APPROVED.value])
        rows = cursor.fetchall()
    convert = sql.converters(chosen)
    return [sql.instance(Comment, row, convert) for row in rows]


def most_commented(
    *,
    fields: tuple[str, ...],
    edition_id: int,
    since: datetime.datetime,
    now: datetime.datetime,
    limit: int,
) -> list[Article]:
    """The edition's public articles with the most comments approved since `since`, each
    with `comment_count`; ties to the newer article. The home page's list.

    The counts come from the window's approved comments (index on status and time), each
    comment's article asked with EXISTS whether it is the edition's and public: as a join
    filter, SQLite without statistics would start from the edition's articles instead.
    """
    chosen = sql.fields_of(Article, (*fields, "id"))
    quote = connection.ops.quote_name
    article = sql.column(Comment, "article")
    shown = quote("shown")

    def shown_column(name: str) -> str:  # the article table under its alias in EXISTS
        (field,) = sql.fields_of(Article, (name,))
        return f"{shown}.{quote(field.column)}"

    public = (
        f"SELECT 1 FROM {sql.table(Article)} {shown}"  # noqa: S608
        f" WHERE {shown_column('id')} = {article} AND {shown_column('edition')} = %s"
        f" AND {shown_column('status')} = %s AND {shown_column('published_at')} <= %s"
    )
    ranked = (
        f"SELECT {article} AS {quote('article_id')}, COUNT(*) AS {quote('total')}"  # noqa: S608
        f" FROM {sql.table(Comment)}"
        f" WHERE {sql.column(Comment, 'status')} = %s AND {sql.column(Comment, 'created_at')} >= %s"
        f" AND EXISTS ({public}) GROUP BY {article}"
    )
    ranking = quote("ranking")
    query = (
        f"SELECT {sql.columns(chosen)}, {ranking}.{quote('total')}"  # noqa: S608
        f" FROM ({ranked}) {ranking} INNER JOIN {sql.table(Article)}"
        f" ON {sql.column(Article, 'id')} = {ranking}.{quote('article_id')}"
        f" ORDER BY {ranking}.{quote('total')} DESC, {sql.column(Article, 'published_at')} DESC"
        f" LIMIT {int(limit)}"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = [
        Comment.Status.APPROVED.value,
        adapt(since),
        edition_id,
        Article.Status.PUBLISHED.value,
        adapt(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    convert = sql.converters(chosen)
    found = []
    for row in rows:
        instance = sql.instance(Article, row[:-1], convert)
        instance.comment_count = row[-1]  # type: ignore[attr-defined]
        found.append(instance)
    return found
