"""What every search engine answers, and the SQL they share: filters, visibility, order.

A backend subclass says how its engine matches (`match_from`, `match_where`), how it scores
(`relevance`) and how it writes an analysed query in its own language (`compile`). It never
receives a reader's text: only an expression of tokens made by `khabar.text.analysis`. The
SQL is built from table names, fixed fragments and placeholders (hence the S608 waivers):
the compiled query, ids and instants are always parameters.

Ranking by relevance mixes in recency: score = relevance × (1 + 30 / (30 + age in days)).
An article of today counts twice its text relevance, one a month old one and a half times,
one a year old about 1.08 times: a fresh story wins over an old one as relevant, never over
one several times as relevant.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from django.db import connection

from khabar.articles.models import Article, ArticleKeyword
from khabar.search.models import SearchDocument
from khabar.text.analysis import Query

RECENCY_DAYS = 30.0


class Order(enum.StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Filters:
    edition_id: int
    # Articles dated later than this are not out yet, whatever their status says.
    now: datetime.datetime
    section_id: int | None = None
    keyword_id: int | None = None
    start: datetime.datetime | None = None  # inclusive
    end: datetime.datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class Hits:
    """One page of matching article ids, best first, and how many match in all.

    `total` is None when the page is past the last match (nothing to count it on).
    """

    ids: list[int]
    total: int | None


def _table(model: type[SearchDocument] | type[Article] | type[ArticleKeyword]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


class SearchBackend:
    """An engine's matching and scoring inside the shared query."""

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def match_from(self) -> str:
        """The FROM clause, with the documents as `d`.

        It, or else `match_where`, takes the compiled query as its one parameter.
        """
        raise NotImplementedError

    def match_where(self) -> str | None:
        """The condition that a document matches the compiled query, if not in FROM."""
        return None

    def relevance(self) -> str:
        """A document's text relevance, higher is better (the compiled query as parameters)."""
        raise NotImplementedError

    def relevance_params(self, compiled: str) -> list[object]:
        return []

    def age_days(self) -> str:
        """Days from `d.published_at` to the one parameter, an instant."""
        raise NotImplementedError

    def search(
        self, query: Query, filters: Filters, *, order: Order, offset: int, limit: int
    ) -> Hits:
        compiled = self.compile(query)
        where, params = self._where(compiled, filters)
        if order == Order.DATE:
            order_by, order_params = "d.published_at DESC, d.article_id DESC", []
        else:
            order_by = (
                f"({self.relevance()}) * (1.0 + {RECENCY_DAYS} / ({RECENCY_DAYS} + "
                f"{self.age_days()})) DESC, d.published_at DESC, d.article_id DESC"
            )
            order_params = [*self.relevance_params(compiled), self._instant(filters.now)]
        sql = (
            f"SELECT d.article_id, count(*) OVER () FROM {self.match_from()} WHERE {where} "  # noqa: S608
            f"ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *order_params, limit, offset])
            rows = cursor.fetchall()
        return Hits([row[0] for row in rows], rows[0][1] if rows else None)

    def count(self, query: Query, filters: Filters) -> int:
        where, params = self._where(self.compile(query), filters)
        with connection.cursor() as cursor:
            sql = f"SELECT count(*) FROM {self.match_from()} WHERE {where}"  # noqa: S608
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])

    def _instant(self, value: datetime.datetime) -> object:
        return connection.ops.adapt_datetimefield_value(value)

    def _where(self, compiled: str, filters: Filters) -> tuple[str, list[object]]:
        """The match, the edition and what readers may see, then the reader's filters."""
        article = _table(Article)
        match = self.match_where()
        conditions = [
            *([match] if match else []),
            "d.edition_id = %s",
            f"EXISTS (SELECT 1 FROM {article} a WHERE a.id = d.article_id "  # noqa: S608
            "AND a.status = %s AND a.published_at <= %s)",
        ]
        params: list[object] = [
            compiled,
            filters.edition_id,
            Article.Status.PUBLISHED.value,
            self._instant(filters.now),
        ]
        if filters.section_id is not None:
            conditions.append("d.section_id = %s")
            params.append(filters.section_id)
        if filters.keyword_id is not None:
            conditions.append(
                f"EXISTS (SELECT 1 FROM {_table(ArticleKeyword)} k "  # noqa: S608
                "WHERE k.article_id = d.article_id AND k.keyword_id = %s)"
            )
            params.append(filters.keyword_id)
        if filters.start is not None:
            conditions.append("d.published_at >= %s")
            params.append(self._instant(filters.start))
        if filters.end is not None:
            conditions.append("d.published_at < %s")
            params.append(self._instant(filters.end))
        return " AND ".join(conditions), params
