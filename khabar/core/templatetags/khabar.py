"""Template filters that show numbers and times the way an edition does.

They take the edition as argument so templates stay declarative:
`{{ article.published_at|edition_datetime:edition }}`. The newsroom's own numbers (counts,
pages, character counts) follow its interface language instead: `language_digits`.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, Protocol

from django import template
from django.utils import translation

from khabar.calendars import format_datetime
from khabar.text import digits_of_language, to_digits

register = template.Library()


class EditionLike(Protocol):
    """What dates and digits are written with: an Edition, or a frozen copy of these (read
    only, hence properties)."""

    @property
    def language(self) -> str: ...
    @property
    def calendar(self) -> str: ...
    @property
    def secondary_calendar(self) -> str: ...
    @property
    def digits(self) -> str: ...
    @property
    def month_names(self) -> str: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def date_pattern(self) -> str: ...


@register.filter
def edition_digits(value: Any, edition: EditionLike) -> str:
    return to_digits(str(value), edition.digits)


@register.filter(is_safe=True)
def language_digits(value: Any) -> str:
    """The value's digits as the active language writes them (Persian ۰-۹, Arabic ٠-٩).

    Around a plural `{% blocktranslate count %}`, whose counter must stay a number:
    `{% filter language_digits %}{% blocktranslate count … %}…{% endfilter %}`. Digits
    changed into other digits: what was safe HTML stays safe.
    """
    return to_digits(str(value), digits_of_language(translation.get_language() or ""))


@register.filter
def edition_datetime(value: datetime.datetime | None, edition: EditionLike) -> str:
    if value is None:
        return ""
    return _format_datetime(
        value,
        edition.calendar,
        edition.digits,
        edition.time_zone,
        edition.language,
        edition.month_names,
        edition.secondary_calendar or None,
        edition.date_pattern,
    )


# The same few times (the newest articles', listed on many pages) are written again and
# again; the text is a function of the instant and the arguments alone.
@functools.lru_cache(maxsize=4096)
def _format_datetime(
    value: datetime.datetime,
    calendar: str,
    digits: str,
    tz: str,
    language: str,
    month_names: str,
    secondary: str | None,
    pattern: str,
) -> str:
    return format_datetime(
        value,
        calendar=calendar,
        digits=digits,
        tz=tz,
        language=language,
        month_names=month_names,
        secondary=secondary,
        pattern=pattern,
    )


@register.filter
def iso8601(value: datetime.datetime | None) -> str:
    """Machine-readable time: UTC, ISO 8601, ASCII digits, whatever the edition shows people."""
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds")
