"""What every app's hand-written reads (`<app>/sql.py`) share: quoted columns, and rows made
into model instances through each field's own converters, as the ORM would make them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, ForeignKey, Model, signals
from django.db.models.base import ModelState

M = TypeVar("M", bound=Model)


def table(model: type[Model]) -> str:
    """A model's table, quoted for the database in use."""
    return _table(_engine(), model)


def column(model: type[Model], name: str) -> str:
    """`table.column` of a model's field, quoted for the database in use."""
    return _column(_engine(), model, name)


# The caches below are per database backend, named by the default database's engine as its
# connections were configured (the connection's vendor, read through the connection proxy,
# and `settings.DATABASES`, read through the settings proxy, cost a few Python calls each
# time; the article page names dozens of columns on every page).


def _engine() -> str:
    engine: str = connections.settings[DEFAULT_DB_ALIAS]["ENGINE"]
    return engine


@functools.cache
def _table(engine: str, model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@functools.cache
def _column(engine: str, model: type[Model], name: str) -> str:
    quote = connection.ops.quote_name
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - a concrete field, never a relation's reverse
    return f"{quote(model._meta.db_table)}.{quote(field.column)}"


def fields_of(
    model: type[Model], names: Iterable[str] | None = None
) -> tuple[Field[Any, Any], ...]:
    """The concrete fields of these names (all by default), in model order: the same tuple
    each time, which `columns` and `converters` know by its identity."""
    return _fields_of(model, None if names is None else tuple(names))


# The article page asks for the same few lists on every page (a dozen times), and each
# lookup hashed every field of the model.
@functools.cache
def _fields_of(model: type[Model], names: tuple[str, ...] | None) -> tuple[Field[Any, Any], ...]:
    fields = model._meta.concrete_fields
    found = tuple(fields) if names is None else _named(model, fields, names)
    _known[id(found)] = (found, tuple(map(id, found)))
    return found


def _named(
    model: type[Model], fields: Sequence[Field[Any, Any]], names: tuple[str, ...]
) -> tuple[Field[Any, Any], ...]:
    wanted = {model._meta.get_field(name) for name in names}
    return tuple(field for field in fields if field in wanted)


# The lists `fields_of` made, by identity, with their fields' identities: kept alive by its
# cache (and here), so an identity is never another object's.
_known: dict[int, tuple[tuple[Field[Any, Any], ...], tuple[int, ...]]] = {}


def _identities(fields: Sequence[Field[Any, Any]]) -> tuple[int, ...]:
    """A list of fields as a key: the fields' identities. A field's own hash is a Python call
    (hashing a list of them cost the article page hundreds of calls); a list `fields_of`
    made is known already (making the key each time was a hundredth of the page's CPU).
    Each cache below keeps the fields of its keys alive, so an identity in a key is never
    another object's."""
    known = _known.get(id(fields))
    if known is not None and known[0] is fields:
        return known[1]
    return tuple(map(id, fields))


# Per database backend and list of fields: quoting and looking up converters on every page
# cost the article page more than a tenth of its reads.
_columns_found: dict[tuple[str, tuple[int, ...]], tuple[tuple[Field[Any, Any], ...], str]] = {}


def columns(fields: Sequence[Field[Any, Any]]) -> str:
    key = (_engine(), _identities(fields))
    found = _columns_found.get(key)
    if found is None:
        text = ", ".join(_column(key[0], field.model, field.name) for field in fields)
        found = _columns_found[key] = (tuple(fields), text)
    return found[1]


Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True, slots=True)
class Conversion:
    """How a row of some fields becomes an instance: the attributes its values go to, and the
    converters of the fields that have any (most have none: a card's eleven columns have
    two), by the value's position."""

    attnames: tuple[str, ...]
    steps: tuple[tuple[int, Any, tuple[Converter, ...]], ...]


_conversions_found: dict[
    tuple[str, tuple[int, ...]], tuple[tuple[Field[Any, Any], ...], Conversion]
] = {}


def converters(fields: Sequence[Field[Any, Any]]) -> Conversion:
    """Per field, the backend's converters then the field's own (from_db_value), as the
    ORM's compiler applies them: a datetime on SQLite comes back a datetime, not a string."""
    key = (_engine(), _identities(fields))
    found = _conversions_found.get(key)
    if found is None:
        found = _conversions_found[key] = (tuple(fields), _conversion(fields))
    return found[1]


def _conversion(fields: Sequence[Field[Any, Any]]) -> Conversion:
    steps = []
    for index, field in enumerate(fields):
        expression = field.get_col(field.model._meta.db_table)
        functions = (
            *connection.ops.get_db_converters(expression),
            # Django has it (from_db_value, and a foreign key's target's); the stubs do not.
            *field.get_db_converters(connection),  # type: ignore[attr-defined]
        )
        if functions:
            steps.append((index, expression, functions))
    return Conversion(tuple(field.attname for field in fields), tuple(steps))


def instance(model: type[M], values: Sequence[Any], convert: Conversion) -> M:
    """A model instance from one row's `values` (those of the fields `convert` was made for).

    What `Model.from_db` makes (the loaded fields' attributes, the other fields deferred, a
    state saying loaded from the default database), without its walk over every field of
    the model: the article page makes a couple of dozen instances. A model whose creation
    someone listens to (pre_init, post_init) is made by `from_db` itself, signals and all.
    """
    converted = list(values)
    for index, expression, functions in convert.steps:
        value = converted[index]
        for function in functions:
            value = function(value, expression, connection)
        converted[index] = value
    # `connection` is the default database's (its alias, without asking the proxy).
    # `receivers` first: none at all (the usual case) spares two lookups per instance.
    if (signals.pre_init.receivers and signals.pre_init.has_listeners(model)) or (
        signals.post_init.receivers and signals.post_init.has_listeners(model)
    ):
        return model.from_db(DEFAULT_DB_ALIAS, list(convert.attnames), converted)
    new = model.__new__(model)
    state = new._state = ModelState()
    state.adding = False
    state.db = DEFAULT_DB_ALIAS
    # As Model.__init__ sets them (a fresh instance has no cached relation to clear).
    new.__dict__.update(zip(convert.attnames, converted, strict=True))
    return new


def attach(instance: Model, name: str, related: Model | None) -> None:
    """`instance.<name> = related`, for the object its foreign key `name` already names.

    What the descriptor does in that case (the related object cached on the instance),
    without what it checks besides (the value's type, the database routers, the ids to
    copy, a one-to-one's reverse side): the article page attaches a dozen — each card's
    edition, the article's section, photo and keywords. `related` must be the object the
    key names (None where it names none); any other is refused.
    """
    field = _foreign_key(type(instance), name)
    if instance.__dict__[field.attname] != (None if related is None else related.pk):
        raise ValueError(f"{related!r} is not the {name} {instance!r} names")
    instance._state.fields_cache[field.cache_name] = related


@functools.cache
def _foreign_key(model: type[Model], name: str) -> ForeignKey[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, ForeignKey) or field.remote_field.field_name != "id":
        raise TypeError(f"{model.__name__}.{name} is not a foreign key to an id")
    return field
