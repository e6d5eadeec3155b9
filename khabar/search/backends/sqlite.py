"""SQLite FTS5 (the embedded default): a MATCH over the `search_fts` table.

The FTS table's rowid is a document's `position` in publication order (migration 0006):
its publication second × 2^30 + its article id mod 2^30. Walking rowids down is walking the
newest first, and a date range is a rowid range, which FTS5 applies inside its doclists.
The edition and section are tokens of the index too (`facets`, migration 0008), so their
filters are part of the match, an intersection of posting lists.

Relevance is where each query word is found among the candidates, not bm25: FTS5's `bm25()`
reads the whole posting list of every phrase of the query, on every query, to count the
documents holding it, so its cost grew with the archive (a common two-word query read four
lists of a few hundred thousand rows on a million articles: 127 ms). Here each word's fields
are looked up among the candidates only — an FTS5 match of the word in those fields within
the candidates' rowid range (`_among_candidates`) — so the cost follows the thousand
candidates whatever the archive. A word counts HEAD as typed in the headline side (overline,
headline, keywords), HEAD_ANY in any of its forms there, and BODY / BODY_ANY likewise in
the lead and text; a word found on both sides counts both. How often a word recurs in a
text, and how rare it is in the archive, do not count: recency (the base's note) orders
what ties.
"""

from __future__ import annotations

import datetime
import math

from khabar.search.backends import base
from khabar.search.backends.base import Filters, SearchBackend, _table
from khabar.search.models import SearchDocument
from khabar.text.analysis import AllOf, AnyOf, Query, Term

EXACT = "{head body}"
VARIANTS = "{head_alt body_alt}"
TEXT = "{head head_alt body body_alt}"
# What a query word is worth where it is found: the headline side five times the body, the
# word as typed 2.5 times any of its forms (a stem, a ZWNJ part, a joined pair).
HEAD, HEAD_ANY, BODY, BODY_ANY = 10, 4, 2, 1
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


def _words(query: Query) -> tuple[Query, ...]:
    """The query's words: the expressions all of which a document matches."""
    return query.children if isinstance(query, AllOf) else (query,)


def _typed(word: Query) -> Term | None:
    """A word's form as typed: the first exact term among its options (query_parse)."""
    options = word.children if isinstance(word, AnyOf) else (word,)
    return next((o for o in options if isinstance(o, Term) and o.exact), None)


# The candidates (the common table `c`) that an FTS5 match finds, looked for only within
# their range of positions. With more than CANDIDATES matches, the candidates are the newest
# and their range holds little else: the match of one word in some fields is walked there
# (first parameter). With fewer, the range may be the whole archive and a common word of a
# query with a rare one would be walked through it: the query itself is ANDed in (second),
# so FTS5 skips along its few matches.
_IN_RANGE = (
    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
    "AND rowid >= (SELECT min(position) FROM c) AND rowid <= (SELECT max(position) FROM c)"
)


def _among_candidates() -> str:
    return (
        f"CASE WHEN (SELECT count(*) FROM c) > {base.CANDIDATES} "  # noqa: S608
        f"THEN c.position IN ({_IN_RANGE}) ELSE c.position IN ({_IN_RANGE}) END"
    )


class SQLiteBackend(SearchBackend):
    def compile(self, query: Query) -> str:
        """The FTS5 MATCH expression: quoted tokens, column filters, AND, OR.

        A token looked for in both the exact and the variant fields is one phrase over all
        four: FTS5 walks a phrase's posting list once per phrase, whatever its columns.
        """
        if isinstance(query, Term):
            return f"{EXACT if query.exact else VARIANTS} : {_quoted(query.token)}"
        if isinstance(query, AllOf):
            return "(" + " AND ".join(self.compile(child) for child in query.children) + ")"
        terms = [child for child in query.children if isinstance(child, Term)]
        everywhere = {t.token for t in terms if t.exact} & {t.token for t in terms if not t.exact}
        options = []
        for child in query.children:
            if isinstance(child, Term) and child.token in everywhere:
                options.append(f"{TEXT} : {_quoted(child.token)}")
            else:
                options.append(self.compile(child))
        return "(" + " OR ".join(dict.fromkeys(options)) + ")"

    def match_from(self, filters: Filters) -> tuple[str, list[object]]:
        # The FTS table first (CROSS JOIN keeps SQLite from reordering): each match then finds
        # its document by key. The other way round, SQLite runs the MATCH once per document of
        # the edition, which costs a full-text query per article in the archive.
        table = f"search_fts CROSS JOIN {_table(SearchDocument)} d ON d.position = search_fts.rowid"
        return table, []

    def match_where(self) -> str:
        return "search_fts MATCH %s"

    def matching(self, compiled: str, filters: Filters) -> str:
        facets = [f"e{filters.edition_id}"]
        if filters.section_id is not None:
            facets.append(f"s{filters.section_id}")
        return f"({compiled})" + "".join(f' AND {{facets}} : "{facet}"' for facet in facets)

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
        return "search_fts.rowid AS position"

    def relevance(self, query: Query, match: str) -> tuple[str, list[object]]:
        sides: list[str] = []
        params: list[object] = []
        among = _among_candidates()
        for word in _words(query):
            forms = self.compile(word)
            typed = _typed(word)
            for exact, any_form, weights in (
                ("{head}", "{head head_alt}", (HEAD, HEAD_ANY)),
                ("{body}", "{body body_alt}", (BODY, BODY_ANY)),
            ):
                fields = [(f"{any_form} : ({forms})", weights[1])]
                if typed is not None:
                    fields.insert(0, (f"{exact} : {_quoted(typed.token)}", weights[0]))
                sides.append(
                    "CASE "
                    + " ".join(f"WHEN {among} THEN {weight}" for _, weight in fields)
                    + " ELSE 0 END"
                )
                for expression, _ in fields:
                    params += [expression, f"({expression}) AND {match}"]
        return " + ".join(sides), params

    def age_days(self, column: str) -> str:
        return f"max(0.0, julianday(%s) - julianday({column}))"
