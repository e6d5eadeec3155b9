"""Dates and times as readers see them: local time zone, their calendar, their digits."""

from __future__ import annotations

import datetime
import zoneinfo

from khabar.calendars.conversion import Calendar, OutOfRange, to_calendar
from khabar.calendars.names import MonthNames, month_name
from khabar.text import Digits, format_int, to_digits

__all__ = ["format_date", "format_datetime", "format_time", "to_local"]


def to_local(value: datetime.datetime, tz: str) -> datetime.datetime:
    """Return the aware `value` as wall-clock time in the IANA zone `tz`.

    Raises ValueError for a naive `value` and zoneinfo.ZoneInfoNotFoundError for an unknown `tz`.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        # Naive datetimes are a bug upstream (everything is stored in UTC); guessing hides it.
        raise ValueError(f"to_local needs an aware datetime, got naive {value.isoformat()}")
    return value.astimezone(zoneinfo.ZoneInfo(tz))


def format_date(
    d: datetime.date,
    *,
    calendar: Calendar | str,
    digits: Digits | str,
    language: str,
    month_names: MonthNames | str = MonthNames.EGYPT,
) -> str:
    """Write `d` as "day month-name year", e.g. "۱۹ دی ۱۳۹۵".

    A Hijri date outside the Umm al-Qura table is written in Gregorian instead: an Arabic
    edition shows Gregorian only once the table ends. Raises OutOfRange only for Solar
    Hijri dates jdatetime cannot hold (before 622 CE or after 9377 SH).
    """
    calendar = Calendar(calendar)
    try:
        local = to_calendar(d, calendar)
    except OutOfRange:
        if calendar is not Calendar.HIJRI:
            raise
        local = to_calendar(d, Calendar.GREGORIAN)
    name = month_name(local.calendar, local.month, language=language, month_names=month_names)
    return f"{format_int(local.day, digits)} {name} {format_int(local.year, digits)}"


def format_time(value: datetime.datetime, *, digits: Digits | str, tz: str) -> str:
    """Write the wall-clock time of the aware `value` in `tz` as zero-padded 24-hour HH:MM."""
    local = to_local(value, tz)
    return to_digits(f"{local.hour:02d}:{local.minute:02d}", digits)


def format_datetime(
    value: datetime.datetime,
    *,
    calendar: Calendar | str,
    digits: Digits | str,
    tz: str,
    language: str,
    month_names: MonthNames | str = MonthNames.EGYPT,
    secondary: Calendar | str | None = None,
) -> str:
    """Write the aware `value` as "۱۹ دی ۱۳۹۵ - ۱۸:۵۶" in `tz`.

    With `secondary`, the same day in that calendar follows in parentheses:
    "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶". It is left out when it would repeat the primary
    date, as when an out-of-table Hijri date falls back to Gregorian.
    """
    local = to_local(value, tz)
    text = format_date(
        local.date(), calendar=calendar, digits=digits, language=language, month_names=month_names
    )
    if secondary is not None:
        other = format_date(
            local.date(),
            calendar=secondary,
            digits=digits,
            language=language,
            month_names=month_names,
        )
        if other != text:
            text = f"{text} ({other})"
    return f"{text} - {format_time(local, digits=digits, tz=tz)}"
