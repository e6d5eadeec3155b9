"""Template filters that show numbers and times the way an edition does.

They take the edition as argument so templates stay declarative:
`{{ article.published_at|edition_datetime:edition }}`.
"""

from __future__ import annotations

import datetime
from typing import Any, Protocol

from django import template

from khabar.calendars import format_datetime
from khabar.text import to_digits

register = template.Library()


class EditionLike(Protocol):
    language: str
    calendar: str
    secondary_calendar: str
    digits: str
    month_names: str
    time_zone: str


@register.filter
def edition_digits(value: Any, edition: EditionLike) -> str:
    return to_digits(str(value), edition.digits)


@register.filter
def edition_datetime(value: datetime.datetime | None, edition: EditionLike) -> str:
    if value is None:
        return ""
    return format_datetime(
        value,
        calendar=edition.calendar,
        digits=edition.digits,
        tz=edition.time_zone,
        language=edition.language,
        month_names=edition.month_names,
        secondary=edition.secondary_calendar or None,
    )


@register.filter
def iso8601(value: datetime.datetime | None) -> str:
    """Machine-readable time: UTC, ISO 8601, ASCII digits, whatever the edition shows people."""
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds")
