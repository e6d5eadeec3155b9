"""SQLite FTS5 (the embedded default): a MATCH over the `search_fts` table, ranked by bm25."""

from __future__ import annotations

from khabar.search.backends.base import SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Query, Term

EXACT = "{head body}"
VARIANTS = "{head_alt body_alt}"
# bm25 weights of head, head_alt, body, body_alt: the headline side counts five times the
# body, and a key counts 2.5 times a variant (a stem, a ZWNJ part, a joined pair).
WEIGHTS = "10.0, 4.0, 2.0, 1.0"


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

    def match_from(self) -> str:
        # The FTS table first (CROSS JOIN keeps SQLite from reordering): each match then finds
        # its document by key. The other way round, SQLite runs the MATCH once per document of
        # the edition, which costs a full-text query per article in the archive.
        return (
            f"search_fts CROSS JOIN {_table(SearchDocument)} d ON d.article_id = search_fts.rowid"
        )

    def match_where(self) -> str:
        return "search_fts MATCH %s"

    def newest_first(self) -> str:
        # FTS5 walks its doclists in rowid order either way round, and stops at the LIMIT.
        return "search_fts.rowid DESC"

    def scoring_columns(self) -> str:
        # bm25 only runs in the query that scans the FTS table; it is lower for better matches.
        return f"-bm25(search_fts, {WEIGHTS}) AS relevance"

    def relevance(self) -> str:
        return "c.relevance"

    def age_days(self, column: str) -> str:
        return f"max(0.0, julianday(%s) - julianday({column}))"
