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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from khabar.search.backends.base import SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Query, Term

# Weights A–D are head, head_alt, body, body_alt (migration 0002); ts_rank takes them as
# {D, C, B, A}. The same proportions as the SQLite backend's bm25 weights.
WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"


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

    def match_from(self) -> str:
        # The match alone in a subquery the planner cannot merge (OFFSET 0), so it comes from
        # the GIN index: with the edition beside it, the planner prefers the edition's index
        # and tests the vector of every article of the edition.
        return (
            "(SELECT article_id, edition_id, section_id, published_at, vector "  # noqa: S608
            f"FROM {_table(SearchDocument)} WHERE vector @@ to_tsquery('simple', %s) OFFSET 0) d"
        )

    def newest_first(self) -> str:
        return "d.published_at DESC, d.article_id DESC"

    def fence(self) -> str:
        # OFFSET 0 keeps the sorted matches a subquery of their own, so the visibility
        # look-up and ranking above it run on the first candidates only.
        return " OFFSET 0"

    def scoring_columns(self) -> str:
        return "d.vector AS vector"

    def relevance(self) -> str:
        return f"ts_rank({WEIGHTS}, c.vector, to_tsquery('simple', %s))"

    def relevance_params(self, compiled: str) -> list[object]:
        return [compiled]

    def age_days(self, column: str) -> str:
        return f"greatest(0.0, extract(epoch from (%s - {column})) / 86400.0)"

    def execute(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        # No savepoint inside a caller's transaction: SET LOCAL then lasts until it ends.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return cursor.fetchall()
