"""Surrogate keys: names for the content a cached page shows.

A view tags its response with the keys of what it shows; when content
changes, the page cache invalidates every page tagged with the changed keys
(and a CDN can purge by the `Surrogate-Key` header). The key builders live
here, below every app, so views and cache listeners spell keys the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

from django.http import HttpResponseBase

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def article_key(article_id: int) -> str:
    """An article's own text, photo, keywords' names on it, corrections, comments."""
    return f"a{article_id}"


def edition_key(edition_code: str) -> str:
    """An edition's settings (name, calendar, digits…): every page of the edition shows them."""
    return f"ed-{edition_code}"


def breaking_key(edition_code: str) -> str:
    """The edition's breaking bar, on every page of the edition."""
    return f"breaking:{edition_code}"


def corrections_key(edition_code: str) -> str:
    """The edition's corrections page."""
    return f"corrections-{edition_code}"


def latest_key(edition_code: str) -> str:
    """Which articles an edition has published: home, edition feeds, sitemaps, search."""
    return f"latest-{edition_code}"


def most_commented_key(edition_code: str) -> str:
    """The edition's "most commented" list, on its home page."""
    return f"commented-{edition_code}"


def top_stories_key(edition_code: str) -> str:
    return f"top-{edition_code}"


def section_key(section_id: int) -> str:
    """A section's name and which articles it holds."""
    return f"s{section_id}"


def keyword_key(keyword_id: int) -> str:
    """A keyword's name and which articles carry it."""
    return f"k{keyword_id}"


def archive_day_key(edition_code: str, day: datetime.date) -> str:
    """The articles published on one local day (the edition's time zone, Gregorian date)."""
    return f"day-{edition_code}-{day.isoformat()}"


# The marks ride on the response object itself, under these names; only the functions below
# read or write them.
_KEYS = "surrogate_keys"
_ARTICLE = "view_article_id"


def tag(response: ResponseT, keys: Iterable[str]) -> ResponseT:
    """Mark a response as showing this content; the page cache and the header read it."""
    setattr(response, _KEYS, keys_of(response) | set(keys))
    return response


def keys_of(response: HttpResponseBase) -> set[str]:
    """The keys `tag` put on the response (none for a response nothing tagged)."""
    keys: set[str] = getattr(response, _KEYS, set())
    return keys


def show_article(response: HttpResponseBase, article_id: int) -> None:
    """Mark a response as an article's page, so that serving it counts one view."""
    setattr(response, _ARTICLE, article_id)


def article_shown(response: HttpResponseBase) -> int | None:
    """The article `show_article` marked the response with, if any."""
    article_id: int | None = getattr(response, _ARTICLE, None)
    return article_id
