"""PostgreSQL full-text search: the documents' generated `vector` (GIN) against a tsquery.

What the planner does not know: a document's vector is several kilobytes, compressed out of
line (TOAST), so testing it against a query costs tens of microseconds where the planner
counts a fraction of one. Left alone it scans the table and tests every vector (a quarter
of a second for 10,000 articles), or walks the primary key backwards testing each. So:

- Terms carry no weight labels. Weighted lexemes make the GIN index hand back candidates to
  recheck, which reads every matching vector; unweighted, the index's answer is exact and
  no vector is read to match. The analysis looks for every term in both the exact and the
  variant fields, so a label would only restate that; where a term sits still counts in
  ranking, through ts_rank's weights.
- The match is a subquery of its own, and sequential scans are off for the search query
  (SET LOCAL, in its own transaction): the matching documents come from the GIN index,
  whatever the planner guesses.
- Only the candidates' vectors are read, to rank them.
- The newest matches are looked for in windows of publication time reaching further and
  further back (the last 30 days, then as far as that count says should hold enough, at
  most three windows, then the reader's whole range), each only after a count of its
  matches (up to CANDIDATES + 1, nothing ranked) says it holds enough.
  The vector, the publication day, the edition and the section share one GIN index
  (migration 0009), so a window is one index scan of the reader's edition (and section)
  and only its matches are read from the table: on a million articles "ایران" has 200,000
  matches, and reading and sorting them all cost a tenth of a second. A date range of the
  reader's own goes into the match the same way.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from khabar.search.backends import base
from khabar.search.backends.base import Filters, Hits, Order, SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Query, Term

# Weights A–D are head, head_alt, body, body_alt (migration 0002); ts_rank takes them as
# {D, C, B, A}. The same proportions as the SQLite backend's field weights.
WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
# The windows of publication time the newest matches are first looked for in, back from the
# newest instant one may have (see the module's note); then the reader's whole range.
FIRST_WINDOW = datetime.timedelta(days=30)
# Each next window is as long as the last one's count says would hold CANDIDATES with room to
# spare (ROOM × needed ÷ found, at most MAX_GROWTH times longer), up to WINDOW_COUNTS counts:
# a word in 846 of the last year's documents of a section is looked for in the last 21
# months, not among its 8,384 documents of all time.
ROOM = 1.5
MAX_GROWTH = 12.0
WINDOW_COUNTS = 3


# The publication day as the match index holds it (migration 0009).
DAY = "((published_at AT TIME ZONE 'UTC')::date)"


def _utc_day(instant: datetime.datetime) -> datetime.date:
    return instant.astimezone(datetime.UTC).date()


def _quoted(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgreSQLBackend(SearchBackend):
    def compile(self, query: Query) -> str:
        """The tsquery text: quoted lexemes, & and | (a term's exact and variant forms are one)."""
        if isinstance(query, Term):
            return _quoted(query.token)
        joiner = " | " if isinstance(query, AnyOf) else " & "
        assert isinstance(query, AnyOf | AllOf)  # noqa: S101 - the Query union's last two
        return "(" + joiner.join(dict.fromkeys(self.compile(c) for c in query.children)) + ")"

    def search(
        self, query: Query, filters: Filters, *, order: Order, offset: int, limit: int
    ) -> Hits:
        """The base's search, in the first window that holds more than CANDIDATES matches
        readers may see, else in the reader's whole range."""
        window = self._window(query, filters)
        if window is not None:
            hits = super().search(query, window, order=order, offset=offset, limit=limit)
            if hits.more:  # the newest CANDIDATES + 1 of the whole range are in it
                return hits
        return super().search(query, filters, order=order, offset=offset, limit=limit)

    def _window(self, query: Query, filters: Filters) -> Filters | None:
        """The first window narrower than the reader's range with more than CANDIDATES
        matching documents, counted up to CANDIDATES + 1 and nothing ranked (where to look,
        not the answer: a document of an article no longer public would count)."""
        newest = filters.now if filters.end is None else min(filters.end, filters.now)
        compiled = self.compile(query)
        span = FIRST_WINDOW
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            for _ in range(WINDOW_COUNTS):
                start = newest - span
                if filters.start is not None and filters.start >= start:
                    return None
                window = dataclasses.replace(filters, start=start)
                source, params = self._source(compiled, window)
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 {source} LIMIT {base.CANDIDATES + 1}) x",  # noqa: S608
                    params,
                )
                found = cursor.fetchone()[0]
                if found > base.CANDIDATES:
                    return window
                span *= min(MAX_GROWTH, ROOM * (base.CANDIDATES + 1) / max(found, 1))
        return None

    def match_from(self, filters: Filters) -> tuple[str, list[object]]:
        # The match in a subquery the planner cannot merge (OFFSET 0), so it comes from the
        # GIN index with the edition, the section and the publication day (migration 0009).
        # The day is bounded on one side only, the start's if there is one: GIN scans each
        # comparison on its own, and a scan of the days before the end reads the archive's
        # whole past. The exact instants are checked on the rows it hands over.
        # The ids as bigint, the columns' type: btree_gin's operator classes have no
        # cross-type comparisons, and `= 2` (an integer) would leave them out of the index.
        conditions = ["vector @@ to_tsquery('simple', %s)", "edition_id = %s::bigint"]
        params: list[object] = [filters.edition_id]
        if filters.section_id is not None:
            conditions.append("section_id = %s::bigint")
            params.append(filters.section_id)
        if filters.start is not None:
            conditions.append(f"{DAY} >= %s")
            params.append(_utc_day(filters.start))
        elif filters.end is not None:
            conditions.append(f"{DAY} <= %s")
            params.append(_utc_day(filters.end))
        dates, date_params = self._dates(filters, "published_at")
        conditions += dates
        params += date_params
        table = (
            "(SELECT article_id, edition_id, section_id, published_at, vector "  # noqa: S608
            f"FROM {_table(SearchDocument)} WHERE {' AND '.join(conditions)} OFFSET 0) d"
        )
        return table, params

    def newest_first(self) -> str:
        return "d.published_at DESC, d.article_id DESC"

    def fence(self) -> str:
        # OFFSET 0 keeps the sorted matches a subquery of their own, so the visibility
        # look-up and ranking above it run on the first candidates only.
        return " OFFSET 0"

    def scoring_columns(self) -> str:
        return "d.vector AS vector"

    def relevance(self, query: Query, match: str) -> tuple[str, list[object]]:
        return f"ts_rank({WEIGHTS}, c.vector, to_tsquery('simple', %s))", [match]

    def age_days(self, column: str) -> str:
        return f"greatest(0.0, extract(epoch from (%s - {column})) / 86400.0)"

    def execute(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        # No savepoint inside a caller's transaction: SET LOCAL then lasts until it ends.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return cursor.fetchall()
