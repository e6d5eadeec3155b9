"""SQLite through khabar.core.db.sqlite3: Django's backend, each statement converted once."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor
from django.db.backends.sqlite3.operations import DatabaseOperations as DjangoOperations
from django.test import override_settings
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


datetimes = (
    st.datetimes(timezones=st.one_of(st.none(), st.just(datetime.UTC), st.timezones()))
    | st.datetimes().map(str)
    | st.datetimes().map(lambda moment: moment.isoformat())
)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.none(), datetimes), use_tz=st.booleans())
def test_a_datetime_read_is_converted_as_django_converts_it(value: object, use_tz: bool) -> None:
    """Naive or aware, a datetime or its text as SQLite keeps it, with time zones on or off:
    the same value as Django's own conversion gives."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backend")
    ops = connection.ops
    assert isinstance(ops, base.DatabaseOperations)
    with override_settings(USE_TZ=use_tz):
        ours = ops.convert_datetimefield_value(value, None, connection)
        django = DjangoOperations.convert_datetimefield_value(ops, value, None, connection)
    assert ours == django
    assert getattr(ours, "tzinfo", None) == getattr(django, "tzinfo", None)
