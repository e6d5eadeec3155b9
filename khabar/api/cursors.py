"""Opaque, signed cursors for the article and keyword lists.

A cursor is where the last page ended (its last item's sort value and id) and which
ordering it belongs to, signed with SECRET_KEY: a client can only hand back what the API
gave it, so a cursor is never a way to ask for an arbitrary slice or probe the database.
Unsigned or altered cursors, and cursors of another list, are a 400.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core import signing

from khabar.api.errors import bad_request
from khabar.articles.api_selectors import ApiOrder, ApiPosition

_SALT = "khabar.api.cursor"
_SEARCH = "search"
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
    if value.get("o") == _SEARCH:
        raise bad_request("cursor: it belongs to a search; keep the same `q`.")
    if value.get("o") != order.value:
        other = "with" if order is ApiOrder.NEWEST else "without"
        raise bad_request(f"cursor: it belongs to the list {other} `since`; keep the same query.")
    try:
        return ApiPosition(at=datetime.datetime.fromisoformat(value["t"]), id=int(value["i"]))
    except (KeyError, TypeError, ValueError):
        raise bad_request("cursor: not a cursor this API gave out.") from None


@dataclass(frozen=True, slots=True)
class SearchPosition:
    """Where a page of search results starts.

    Relevance is no column a cursor can stand after: it is computed per query and mixes in
    the article's age at an instant. So the first page fixes that instant (`now`) and every
    later page ranks at it, counting only articles published by then: the order cannot move
    under the reader, and articles published during the walk never push results onto the
    next page, so `offset` stays true. The page size is part of the position.
    """

    now: datetime.datetime
    offset: int
    limit: int


def search_cursor(position: SearchPosition) -> str:
    return _dumps(
        {"o": _SEARCH, "n": position.now.isoformat(), "s": position.offset, "l": position.limit}
    )


def search_position(cursor: str, *, limit: int) -> SearchPosition:
    """The position a search cursor stands for; 400 for another list's or another `limit`."""
    value = _loads(cursor)
    if value.get("o") != _SEARCH:
        raise bad_request("cursor: it belongs to the list without `q`; keep the same query.")
    try:
        position = SearchPosition(
            now=datetime.datetime.fromisoformat(value["n"]),
            offset=int(value["s"]),
            limit=int(value["l"]),
        )
    except (KeyError, TypeError, ValueError):
        raise bad_request("cursor: not a cursor this API gave out.") from None
    if position.limit != limit:
        raise bad_request(f"cursor: it was given for limit={position.limit}; keep the same limit.")
    return position


def keyword_cursor(keyword_id: int) -> str:
    return _dumps({"o": "keywords", "i": keyword_id})


def keyword_position(cursor: str) -> int:
    value = _loads(cursor)
    if value.get("o") != "keywords" or not isinstance(value.get("i"), int):
        raise bad_request("cursor: not a cursor of this list.")
    return int(value["i"])
