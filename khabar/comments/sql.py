"""Hand-written reads of comments, where building the queryset cost the uncached article page
more than the query did (bench.profiling shows it).

Each maps every column through its field's converters (khabar.core.sql) and is tested against
its ORM twin on SQLite and PostgreSQL (tests/test_sql.py).
"""

from __future__ import annotations

from django.db import connection

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
    return [sql.instance(Comment, chosen, row, convert) for row in rows]
