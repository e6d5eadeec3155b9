"""PostgreSQL full-text search: the documents' generated `vector` (GIN) against a tsquery."""

from __future__ import annotations

from khabar.search.backends.base import SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Phrase, Query, Term

# Weights A–D are head, head_alt, body, body_alt (migration 0002); ts_rank takes them as
# {D, C, B, A}. The same proportions as the SQLite backend's bm25 weights.
WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
EXACT = "AC"
VARIANTS = "BD"


def _quoted(token: str, weights: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "':" + weights


class PostgreSQLBackend(SearchBackend):
    def compile(self, query: Query) -> str:
        """The tsquery text: quoted lexemes with weight labels, &, |, <->."""
        if isinstance(query, Term):
            return _quoted(query.token, EXACT if query.exact else VARIANTS)
        if isinstance(query, Phrase):
            return "(" + " <-> ".join(_quoted(token, EXACT) for token in query.tokens) + ")"
        joiner = " | " if isinstance(query, AnyOf) else " & "
        assert isinstance(query, AnyOf | AllOf)  # noqa: S101 - the Query union's last two
        return "(" + joiner.join(self.compile(child) for child in query.children) + ")"

    def match_from(self) -> str:
        return f"{_table(SearchDocument)} d"

    def match_where(self) -> str:
        return "d.vector @@ to_tsquery('simple', %s)"

    def newest_first(self) -> str:
        return "d.article_id DESC"

    def relevance(self) -> str:
        return f"ts_rank({WEIGHTS}, d.vector, to_tsquery('simple', %s))"

    def relevance_params(self, compiled: str) -> list[object]:
        return [compiled]

    def age_days(self, column: str) -> str:
        return f"greatest(0.0, extract(epoch from (%s - {column})) / 86400.0)"
