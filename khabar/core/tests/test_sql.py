"""Rows made into model instances (khabar.core.sql) are what the ORM makes of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model, signals

from khabar.core import sql


def _read(names: tuple[str, ...], pk: int) -> User:
    fields = sql.fields_of(User, names)
    table = connection.ops.quote_name(User._meta.db_table)
    query = f"SELECT {sql.columns(fields)} FROM {table} WHERE {sql.column(User, 'id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query, [pk])
        row = cursor.fetchone()
    return sql.instance(User, row, sql.converters(fields))


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create_user("reader", email="reader@example.com")


def test_an_instance_is_the_orm_instance_of_the_same_fields(user: User) -> None:
    names = ("id", "username", "is_staff", "date_joined")
    found = _read(names, user.pk)
    twin = User.objects.only(*names).get(pk=user.pk)
    assert vars(found).keys() == vars(twin).keys()
    assert {name: getattr(found, name) for name in names} == {n: getattr(twin, n) for n in names}
    assert found.get_deferred_fields() == twin.get_deferred_fields()
    assert (found._state.adding, found._state.db) == (False, "default")
    assert found.email == user.email  # a deferred field still loads on use


def test_an_instance_is_made_with_the_init_signals_when_someone_listens(
    user: User,
) -> None:
    heard: list[Model] = []

    def listen(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        heard.append(instance)

    signals.post_init.connect(listen, sender=User)
    try:
        found = _read(("id", "username"), user.pk)
    finally:
        signals.post_init.disconnect(listen, sender=User)
    assert heard == [found]
    assert (found.username, found._state.adding) == (user.username, False)


def test_a_list_of_fields_is_the_same_key_whether_fields_of_made_it_or_not() -> None:
    """`fields_of`'s tuples are known by identity; a copy is keyed by its fields: both the
    same columns and conversion."""
    made = sql.fields_of(User, ("id", "username", "date_joined"))
    assert made is sql.fields_of(User, ("id", "username", "date_joined"))
    copy = list(made)
    assert sql._identities(made) == sql._identities(copy) == tuple(map(id, copy))
    assert sql.columns(made) == sql.columns(copy)
    assert sql.converters(made) is sql.converters(copy)
