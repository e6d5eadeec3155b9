"""Django's SQLite backend, with each statement's placeholders converted once, not per run.

Django writes `%s` placeholders; Python's sqlite3 wants `?`, so Django's cursor rewrites
every statement on every execution with a regular expression (`(?<!%)%s`) that, for its
look-behind, is tried at each character: the article page's seven statements, two
thousand characters for the longest, cost it a tenth of its instructions (callgrind, 50
uncached pages: 613.7 M → 557.9 M with the conversion remembered). A statement's text is
the same from one page to the next, so its conversion is remembered, by the text, exactly
as Django's own function made it.

Everything else is Django's backend: settings name this one (`ENGINE`) instead of
`django.db.backends.sqlite3`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db.backends.sqlite3 import base


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: Any = None) -> str:
        if param_names is None:
            return _qmark_style(query)
        # django-stubs do not know the method; Django has it.
        return super().convert_query(query, param_names=param_names)  # type: ignore[misc]


# Statements differ by their text only: the site has a few hundred (an IN list of each
# length is one more); a process keeps the latest 512, about half a megabyte.
@functools.lru_cache(maxsize=512)
def _qmark_style(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")  # as Django does


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)
