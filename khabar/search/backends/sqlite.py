"""SQLite FTS5 (the embedded default): a MATCH over the `search_fts` table, ranked by bm25.

The FTS table's rowid is a document's `position` in publication order (migration 0006):
its publication second × 2^30 + its article id mod 2^30. Walking rowids down is walking the
newest first, and a date range is a rowid range, which FTS5 applies inside its doclists.
"""

from __future__ import annotations

import datetime
import math

from khabar.search.backends.base import Filters, SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Query, Term

EXACT = "{head body}"
VARIANTS = "{head_alt body_alt}"
# bm25 weights of head, head_alt, body, body_alt: the headline side counts five times the
# body, and a key counts 2.5 times a variant (a stem, a ZWNJ part, a joined pair).
WEIGHTS = "10.0, 4.0, 2.0, 1.0"
# A document's position: its publication second times this, plus its article id modulo it.
SECOND = 2**30


def position_bound(instant: datetime.datetime, *, after: bool) -> int:
    """A position below every document published at or after `instant` (`after` false), or
    above every document published before it (`after` true).

    A second of slack either side: SQLite's strftime('%s') truncates, Python's floor does
    not, on either side of 1970.
    """
    second = math.floor(instant.timestamp())
    return (second + 2) * SECOND if after else (second - 1) * SECOND


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class SQLiteBackend(SearchBackend):
    def compile(self, query: Query) -> str:
        """The FTS5 MATCH expression: quoted tokens, column filters, AND, OR."""
        if isinstance(query, Term):
            return f"{EXACT if query.exact else VARIANTS} : {_quoted(query.token)}"
        joiner = " OR " if isinstance(query, AnyOf) else " AND "
        assert isinstance(query, AnyOf | AllOf)  # noqa: S101 - the Query union's last two
        return "(" + joiner.join(self.compile(child) for child in query.children) + ")"

    def match_from(self, filters: Filters) -> tuple[str, list[object]]:
        # The FTS table first (CROSS JOIN keeps SQLite from reordering): each match then finds
        # its document by key. The other way round, SQLite runs the MATCH once per document of
        # the edition, which costs a full-text query per article in the archive.
        table = f"search_fts CROSS JOIN {_table(SearchDocument)} d ON d.position = search_fts.rowid"
        return table, []

    def match_where(self) -> str:
        return "search_fts MATCH %s"

    def newest_first(self) -> str:
        # FTS5 walks its doclists in rowid order either way round, and stops at the LIMIT.
        return "search_fts.rowid DESC"

    def window(self, filters: Filters) -> tuple[list[str], list[object]]:
        conditions: list[str] = []
        params: list[object] = []
        if filters.start is not None:
            conditions.append("search_fts.rowid >= %s")
            params.append(position_bound(filters.start, after=False))
        if filters.end is not None:
            conditions.append("search_fts.rowid < %s")
            params.append(position_bound(filters.end, after=True))
        return conditions, params

    def scoring_columns(self) -> str:
        # bm25 only runs in the query that scans the FTS table; it is lower for better matches.
        return f"-bm25(search_fts, {WEIGHTS}) AS relevance"

    def relevance(self) -> str:
        return "c.relevance"

    def age_days(self, column: str) -> str:
        return f"max(0.0, julianday(%s) - julianday({column}))"
