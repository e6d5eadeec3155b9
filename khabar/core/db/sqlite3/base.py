"""Django's SQLite backend, with each statement's placeholders converted once, not per run.

Django writes `%s` placeholders; Python's sqlite3 wants `?`, so Django's cursor rewrites
every statement on every execution with a regular expression (`(?<!%)%s`) that, for its
look-behind, is tried at each character: the article page's seven statements, two
thousand characters for the longest, cost it a tenth of its instructions (callgrind, 50
uncached pages: 613.7 M → 557.9 M with the conversion remembered). A statement's text is
the same from one page to the next, so its conversion is remembered, by the text, exactly
as Django's own function made it.

Datetimes read are made aware as Django makes them, without the settings proxy (below).
Everything else is Django's backend: settings name this one (`ENGINE`) instead of
`django.db.backends.sqlite3`.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db.backends.sqlite3 import base, operations
from django.utils.dateparse import parse_datetime


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


class DatabaseOperations(operations.DatabaseOperations):
    def convert_datetimefield_value(
        self, value: Any, expression: Any, connection: Any
    ) -> datetime.datetime | None:
        """Django's conversion, with the connection's time zone standing for USE_TZ.

        Django reads USE_TZ through the settings proxy and checks awareness twice (is_aware,
        then make_aware) for every datetime read: with two dozen on an article page, that
        was a fortieth of its CPU. The connection's `timezone` is None exactly when USE_TZ
        is off (and Django forgets it when either setting changes), so the answer is the
        same.
        """
        if value is not None:
            if not isinstance(value, datetime.datetime):
                value = parse_datetime(value)
            zone = self.connection.timezone
            if zone is not None and value.utcoffset() is None:
                value = value.replace(tzinfo=zone)
        return value


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)
