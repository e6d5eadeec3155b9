"""Dates and times as readers see them: local time zone, their calendar, their digits."""

from __future__ import annotations

import datetime
import zoneinfo

from khabar.calendars.conversion import Calendar, CalendarDate, OutOfRange, to_calendar
from khabar.calendars.names import MonthNames, era_marker, month_name, weekday_name
from khabar.calendars.patterns import DEFAULT_PATTERN, compile_pattern, render
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
    local = _local_date(d, Calendar(calendar))
    name = month_name(local.calendar, local.month, language=language, month_names=month_names)
    return f"{format_int(local.day, digits)} {name} {format_int(local.year, digits)}"


def _local_date(d: datetime.date, calendar: Calendar) -> CalendarDate:
    try:
        return to_calendar(d, calendar)
    except OutOfRange:
        if calendar is not Calendar.HIJRI:
            raise
        return to_calendar(d, Calendar.GREGORIAN)


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
    pattern: str | None = None,
) -> str:
    """Write the aware `value` in `tz` as `pattern` lays it out (see khabar.calendars.patterns).

    The default pattern gives "۱۹ دی ۱۳۹۵ - ۱۸:۵۶", and with `secondary` the same day in
    that calendar in parentheses: "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶". The secondary date
    is left out when it would repeat the primary date, as when an out-of-table Hijri date
    falls back to Gregorian. An empty or None `pattern` is the default; a bad one raises
    InvalidPattern.
    """
    compiled = compile_pattern(pattern or DEFAULT_PATTERN)
    local = to_local(value, tz)
    primary = _local_date(local.date(), Calendar(calendar))
    values = {
        "weekday": weekday_name(local.weekday(), language=language),
        "time": format_time(local, digits=digits, tz=tz),
        **_date_values(primary, "", digits=digits, language=language, month_names=month_names),
    }
    other = None if secondary is None else _local_date(local.date(), Calendar(secondary))
    with_secondary = other is not None and other.calendar is not primary.calendar
    if other is not None and with_secondary:
        values |= _date_values(
            other, "2", digits=digits, language=language, month_names=month_names
        )
    return render(compiled, values, with_secondary=with_secondary)


def _date_values(
    local: CalendarDate,
    suffix: str,
    *,
    digits: Digits | str,
    language: str,
    month_names: MonthNames | str,
) -> dict[str, str]:
    name = month_name(local.calendar, local.month, language=language, month_names=month_names)
    return {
        f"day{suffix}": format_int(local.day, digits),
        f"month{suffix}": name,
        f"year{suffix}": format_int(local.year, digits),
        f"era{suffix}": era_marker(local.calendar, language=language),
    }
