"""What every search engine answers, and the SQL they share: filters, visibility, order.

A backend subclass says how its engine matches (`match_from`, `match_where`), in which order
it hands matches over cheaply (`newest_first`), how it scores (`scoring_columns`,
`relevance`) and how it writes an analysed query in its own language (`compile`). It never
receives a reader's text: only an expression of tokens made by `khabar.text.analysis`. The
SQL is built from table names, fixed fragments and placeholders (hence the S608 waivers):
the compiled query, ids and instants are always parameters.

Ranking by relevance mixes in recency: score = relevance × (1 + 30 / (30 + age in days)).
An article of today counts twice its text relevance, one a month old one and a half times,
one a year old about 1.08 times: a fresh story wins over an old one as relevant, never over
one several times as relevant.

Only the newest CANDIDATES (1,000) matches a reader may see are ranked and counted: the
engine hands matches over newest first (by publication, to the second), the visibility
look-up and the scoring stop there, and the page says "more than 1,000" beyond. So a word
found in half the archive costs about what a word found in a thousand articles costs, and
ten times the archive does not cost ten times the time; nobody reads past page 50, and an
older article that would have outranked the newest thousand is one typed word away (a rarer
word, a section, a date range).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from khabar.articles.models import Article, ArticleKeyword
from khabar.search.models import SearchDocument
from khabar.text.analysis import Query

RECENCY_DAYS = 30.0
# How many matches are ranked at most: the most recently published.
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

    def match_from(self, filters: Filters) -> tuple[str, list[object]]:
        """The FROM clause, with the documents (or the matching ones) as `d`, and its
        parameters after the compiled query.

        It, or else `match_where`, takes the compiled query as its first parameter. It may
        apply the filters too (they are applied to `d` in any case).
        """
        raise NotImplementedError

    def match_where(self) -> str | None:
        """The condition that a document matches the compiled query, if not in FROM."""
        return None

    def newest_first(self) -> str:
        """An ORDER BY the engine can follow cheaply: the newest documents first.

        Newest by publication, to the second at least; ties by article id, highest first.
        """
        raise NotImplementedError

    def scoring_columns(self) -> str:
        """What a candidate carries, beside `id` and `published_at`, for `relevance`."""
        raise NotImplementedError

    def relevance(self, query: Query, match: str) -> tuple[str, list[object]]:
        """A candidate `c`'s text relevance, higher is better, and its parameters.

        `match` is what the engine matched (`matching`). The candidates are also the common
        table `c` the expression may read as a whole (their range, say).
        """
        raise NotImplementedError

    def matching(self, compiled: str, filters: Filters) -> str:
        """The match parameter for `compiled` under `filters`: the compiled query itself,
        unless the engine's index holds some filters too."""
        return compiled

    def age_days(self, column: str) -> str:
        """Days from the instant in `column` to the one parameter, an instant."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(
        self, query: Query, filters: Filters, *, order: Order, offset: int, limit: int
    ) -> Hits:
        """One page of the best CANDIDATES of the newest matches (see the module's note).

        One candidate more than are shown is fetched, to tell "more" from "exactly".
        """
        if offset >= CANDIDATES:
            return Hits([], None)
        limit = min(limit, CANDIDATES - offset)
        compiled = self.compile(query)
        source, params = self._source(compiled, filters)
        if order == Order.DATE:
            columns, score, score_params = "", "", []
        else:
            columns = f", {self.scoring_columns()}"
            relevance, relevance_params = self.relevance(query, self.matching(compiled, filters))
            score = (
                f"({relevance}) * (1.0 + {RECENCY_DAYS} / ({RECENCY_DAYS} + "
                f"{self.age_days('c.published_at')})) DESC, "
            )
            score_params = [*relevance_params, self._instant(filters.now)]
        # The matching documents newest first, then the first CANDIDATES + 1 readers may see:
        # the visibility look-up runs on these only, as the engine hands them over in order.
        documents = (
            f"SELECT d.article_id AS id, d.published_at AS published_at{columns} "
            f"{source} ORDER BY {self.newest_first()}{self.fence()}"
        )
        candidates = (
            f"SELECT * FROM ({documents}) d WHERE {self._visible()} "  # noqa: S608
            f"LIMIT {CANDIDATES + 1}"
        )
        sql = (
            f"WITH c AS ({candidates}) SELECT c.id, count(*) OVER () FROM c "  # noqa: S608
            f"ORDER BY {score}c.published_at DESC, c.id DESC LIMIT %s OFFSET %s"
        )
        params += [Article.Status.PUBLISHED.value, self._instant(filters.now)]
        rows = self.execute(sql, [*params, *score_params, limit, offset])
        if not rows:
            return Hits([], None)
        return Hits([row[0] for row in rows], min(rows[0][1], CANDIDATES), rows[0][1] > CANDIDATES)

    def exists(self, query: Query, filters: Filters) -> bool:
        """Whether the query finds anything (for suggestions): the first match is enough."""
        source, params = self._source(self.compile(query), filters)
        documents = f"SELECT d.article_id AS id {source}"
        sql = f"SELECT 1 FROM ({documents}) d WHERE {self._visible()} LIMIT 1"  # noqa: S608
        params += [Article.Status.PUBLISHED.value, self._instant(filters.now)]
        return bool(self.execute(sql, params))

    def window(self, filters: Filters) -> tuple[list[str], list[object]]:
        """Conditions the engine can apply inside its match for the date range, if any.

        A superset of the range is enough: the exact date conditions are always there too.
        """
        return [], []

    def fence(self) -> str:
        """What keeps the engine from planning the ordered documents into the outer query."""
        return ""

    def _visible(self) -> str:
        """That the article of candidate `d` is published, and out (two parameters)."""
        # A scalar subquery, not EXISTS: PostgreSQL would make EXISTS a join and read every
        # article to build it; this runs for each candidate, and only until there are enough.
        return (
            f"(SELECT a.status = %s AND a.published_at <= %s FROM {_table(Article)} a "  # noqa: S608
            "WHERE a.id = d.id)"
        )

    def _instant(self, value: datetime.datetime) -> object:
        return connection.ops.adapt_datetimefield_value(value)

    def _dates(self, filters: Filters, column: str) -> tuple[list[str], list[object]]:
        """The reader's date range on `column`: start inclusive, end exclusive."""
        conditions: list[str] = []
        params: list[object] = []
        if filters.start is not None:
            conditions.append(f"{column} >= %s")
            params.append(self._instant(filters.start))
        if filters.end is not None:
            conditions.append(f"{column} < %s")
            params.append(self._instant(filters.end))
        return conditions, params

    def _source(self, compiled: str, filters: Filters) -> tuple[str, list[Any]]:
        """FROM and WHERE of the matching documents `d`: the match, the edition and the
        reader's filters (what documents say), and their parameters."""
        table, params = self.match_from(filters)
        match = self.match_where()
        conditions = [*([match] if match else []), "d.edition_id = %s"]
        params = [self.matching(compiled, filters), *params, filters.edition_id]
        if filters.section_id is not None:
            conditions.append("d.section_id = %s")
            params.append(filters.section_id)
        dates, date_params = self._dates(filters, "d.published_at")
        conditions += dates
        params += date_params
        window, window_params = self.window(filters)
        conditions += window
        params += window_params
        if filters.keyword_id is not None:
            conditions.append(
                f"EXISTS (SELECT 1 FROM {_table(ArticleKeyword)} k "  # noqa: S608
                "WHERE k.article_id = d.article_id AND k.keyword_id = %s)"
            )
            params.append(filters.keyword_id)
        return f"FROM {table} WHERE {' AND '.join(conditions)}", params
