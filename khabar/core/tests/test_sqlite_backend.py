"""SQLite through khabar.core.db.sqlite3: Django's backend, each statement converted once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.core.db.sqlite3 import base

statements = st.lists(st.sampled_from(["%s", "%%", "%", "s", "%%s", "SELECT ", "'x'", "ي"])).map(
    "".join
)


@settings(max_examples=500, deadline=None)
@given(statement=statements)
def test_a_statement_is_converted_as_django_converts_it(statement: str) -> None:
    django = DjangoCursor.convert_query(None, statement)  # type: ignore[attr-defined]
    assert base._qmark_style(statement) == django


@pytest.mark.django_db
def test_the_sqlite_database_runs_through_it_and_remembers_each_conversion() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backend")
    statement = "SELECT %s, '%%s', 7 + %s"
    remembered = base._qmark_style.cache_info().hits
    for _ in range(2):
        with connection.cursor() as cursor:
            assert isinstance(cursor.cursor, base.SQLiteCursorWrapper)
            cursor.execute(statement, [1, 2])
            assert cursor.fetchone() == (1, "%s", 9)
    assert base._qmark_style.cache_info().hits > remembered
    with connection.cursor() as cursor:  # named parameters: Django's own way
        cursor.execute("SELECT %(a)s, %(b)s", {"b": 2, "a": 1})
        assert cursor.fetchone() == (1, 2)
