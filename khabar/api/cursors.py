"""Opaque, signed cursors for the article and keyword lists.

A cursor is where the last page ended (its last item's sort value and id) and which
ordering it belongs to, signed with SECRET_KEY: a client can only hand back what the API
gave it, so a cursor is never a way to ask for an arbitrary slice or probe the database.
Unsigned or altered cursors, and cursors of another list, are a 400.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing

from khabar.api.errors import bad_request
from khabar.articles.selectors import ApiOrder, ApiPosition

_SALT = "khabar.api.cursor"
# Far more than any cursor we make; a longer value is refused before it is unsigned.
MAX_LENGTH = 200


def _dumps(value: dict[str, Any]) -> str:
    return signing.dumps(value, salt=_SALT, compress=False)


def _loads(cursor: str) -> dict[str, Any]:
    if len(cursor) > MAX_LENGTH:
        raise bad_request("cursor: not a cursor this API gave out.")
    try:
        value = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature:
        raise bad_request("cursor: not a cursor this API gave out.") from None
    if not isinstance(value, dict):
        raise bad_request("cursor: not a cursor this API gave out.")
    return value


def article_cursor(order: ApiOrder, position: ApiPosition) -> str:
    return _dumps({"o": order.value, "t": position.at.isoformat(), "i": position.id})


def article_position(cursor: str, order: ApiOrder) -> ApiPosition:
    """The position a cursor of this ordering stands for (400 when it is of another)."""
    value = _loads(cursor)
    if value.get("o") != order.value:
        other = "with" if order is ApiOrder.NEWEST else "without"
        raise bad_request(f"cursor: it belongs to the list {other} `since`; keep the same query.")
    try:
        return ApiPosition(at=datetime.datetime.fromisoformat(value["t"]), id=int(value["i"]))
    except (KeyError, TypeError, ValueError):
        raise bad_request("cursor: not a cursor this API gave out.") from None


def keyword_cursor(keyword_id: int) -> str:
    return _dumps({"o": "keywords", "i": keyword_id})


def keyword_position(cursor: str) -> int:
    value = _loads(cursor)
    if value.get("o") != "keywords" or not isinstance(value.get("i"), int):
        raise bad_request("cursor: not a cursor of this list.")
    return int(value["i"])
