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
# How many matches are ranked at most: the newest (by article id, which follows creation).
CANDIDATES = 1000


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
    # More than CANDIDATES documents match: `total` is CANDIDATES, the rest are not ranked.
    more: bool = False


def _table(model: type[SearchDocument] | type[Article] | type[ArticleKeyword]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


class SearchBackend:
    """An engine's matching and scoring inside the shared query."""

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def match_from(self) -> str:
        """The FROM clause: the documents as `d`, and the engine's index if it is a table."""
        raise NotImplementedError

    def match_where(self) -> str:
        """The condition that a document matches the compiled query (its one parameter)."""
        raise NotImplementedError

    def newest_first(self) -> str:
        """An ORDER BY the engine's index can follow: documents by article id, highest first."""
        raise NotImplementedError

    def relevance(self) -> str:
        """A document's text relevance, higher is better (the compiled query as parameters)."""
        raise NotImplementedError

    def relevance_params(self, compiled: str) -> list[object]:
        return []

    def age_days(self, column: str) -> str:
        """Days from the instant in `column` to the one parameter, an instant."""
        raise NotImplementedError

    def search(
        self, query: Query, filters: Filters, *, order: Order, offset: int, limit: int
    ) -> Hits:
        compiled = self.compile(query)
        where, params = self._where(compiled, filters)
        if order == Order.DATE:
            relevance, relevance_params = "0.0", []
            score, score_params = "", []
        else:
            relevance, relevance_params = self.relevance(), self.relevance_params(compiled)
            score = (
                f"c.relevance * (1.0 + {RECENCY_DAYS} / ({RECENCY_DAYS} + "
                f"{self.age_days('c.published_at')})) DESC, "
            )
            score_params = [self._instant(filters.now)]
        candidates = (
            f"SELECT d.article_id AS id, d.published_at AS published_at, "  # noqa: S608
            f"{relevance} AS relevance FROM {self.match_from()} WHERE {where} "
            f"ORDER BY {self.newest_first()} LIMIT {CANDIDATES + 1}"
        )
        sql = (
            f"SELECT c.id, count(*) OVER () FROM ({candidates}) c "  # noqa: S608
            f"ORDER BY {score}c.published_at DESC, c.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*relevance_params, *params, *score_params, limit, offset])
            rows = cursor.fetchall()
        if not rows:
            return Hits([], None)
        return Hits([row[0] for row in rows], min(rows[0][1], CANDIDATES), rows[0][1] > CANDIDATES)

    def exists(self, query: Query, filters: Filters) -> bool:
        """Whether the query finds anything (for suggestions): the first match is enough."""
        where, params = self._where(self.compile(query), filters)
        with connection.cursor() as cursor:
            sql = f"SELECT 1 FROM {self.match_from()} WHERE {where} LIMIT 1"  # noqa: S608
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def _instant(self, value: datetime.datetime) -> object:
        return connection.ops.adapt_datetimefield_value(value)

    def _where(self, compiled: str, filters: Filters) -> tuple[str, list[object]]:
        """The match and the edition, the reader's filters, then what readers may see.

        The subqueries come last: a document the cheaper conditions drop costs no look-up.
        """
        conditions = [self.match_where(), "d.edition_id = %s"]
        params: list[object] = [compiled, filters.edition_id]
        if filters.section_id is not None:
            conditions.append("d.section_id = %s")
            params.append(filters.section_id)
        if filters.start is not None:
            conditions.append("d.published_at >= %s")
            params.append(self._instant(filters.start))
        if filters.end is not None:
            conditions.append("d.published_at < %s")
            params.append(self._instant(filters.end))
        if filters.keyword_id is not None:
            conditions.append(
                f"EXISTS (SELECT 1 FROM {_table(ArticleKeyword)} k "  # noqa: S608
                "WHERE k.article_id = d.article_id AND k.keyword_id = %s)"
            )
            params.append(filters.keyword_id)
        conditions.append(
            f"EXISTS (SELECT 1 FROM {_table(Article)} a WHERE a.id = d.article_id "  # noqa: S608
            "AND a.status = %s AND a.published_at <= %s)"
        )
        params += [Article.Status.PUBLISHED.value, self._instant(filters.now)]
        return " AND ".join(conditions), params
