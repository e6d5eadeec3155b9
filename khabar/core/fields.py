"""A model's concrete field by name, typed: `_meta.get_field` may also answer a relation's
reverse side or a generic key, which have no column or verbose name."""

from __future__ import annotations

from typing import Any

from django.db.models import Field, Model


def concrete_field(model: type[Model], name: str) -> Field[Any, Any]:
    """The field `name` of `model`, which must be one with a column (not a reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field
