"""Reading dates and times typed by editors or found in imported pages."""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo

from khabar.calendars.conversion import Calendar, InvalidDate, from_calendar
from khabar.calendars.names import spellings
from khabar.text import normalize, words

__all__ = ["parse_date", "parse_datetime"]

# Patterns run on normalize()d text: Latin digits, one yeh and kaf, casefolded, single spaces.
_NUMERIC_DATE = (
    r"(?:(?P<year>\d{3,4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|(?P<day_first>\d{1,2})(?P<sep2>[/.-])(?P<month_mid>\d{1,2})(?P=sep2)(?P<year_last>\d{4}))"
)
_TIME = (
    r"(?:\s?(?:[-–—،,@t]|ساعت|الساعه|at)?\s?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2}))?)?"
)
# The secondary date format_datetime adds, e.g. "(۸ ژانویه ۲۰۱۷)", is not needed to read the
# instant; it is dropped rather than checked.
_PARENTHESISED = re.compile(r"\s?\([^()]*\)")


def parse_date(text: str, *, calendar: Calendar | str) -> datetime.date:
    """Read a date alone, as format_date writes it or as "1395/10/19", in `calendar`.

    Accepts any digits, any supported spelling of the month name, and "year/month/day"
    or "day/month/year" (4-digit year) with '/', '-' or '.'. Raises InvalidDate.
    """
    match = _matcher(Calendar(calendar), with_time=False).fullmatch(_prepare(text))
    if match is None:
        raise InvalidDate(f"could not read a date in {text!r}")
    return _date(match, Calendar(calendar))


def parse_datetime(text: str, *, calendar: Calendar | str, tz: str) -> datetime.datetime:
    """Read a date and optional time (default 00:00) in `tz`, as an aware UTC datetime.

    Accepts what format_datetime writes, in any digits, and the forms parse_date accepts
    followed by "HH:MM" or "HH:MM:SS". A wall-clock time that happens twice when clocks go
    back is read as the first (earlier) one; one that never happens because clocks went
    forward is read with the offset in force before the change, so it lands an hour later
    (both are PEP 495's fold=0, what zoneinfo does by default).
    """
    calendar = Calendar(calendar)
    match = _matcher(calendar, with_time=True).fullmatch(_prepare(text))
    if match is None:
        raise InvalidDate(f"could not read a date in {text!r}")
    day = _date(match, calendar)
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    for value, name, limit in ((hour, "hour", 23), (minute, "minute", 59), (second, "second", 59)):
        if value > limit:
            raise InvalidDate(f"{name} {value} does not exist (0–{limit}) in {text!r}")
    local = datetime.datetime.combine(
        day, datetime.time(hour, minute, second), tzinfo=zoneinfo.ZoneInfo(tz)
    )
    return local.astimezone(datetime.UTC)


def _prepare(text: str) -> str:
    return _PARENTHESISED.sub("", normalize(text)).strip()


def _date(match: re.Match[str], calendar: Calendar) -> datetime.date:
    year = int(_first(match, "year", "year_last", "named_year", "en_year"))
    day = int(_first(match, "day", "day_first", "named_day", "en_day"))
    if match["name"] is None and match["en_name"] is None:
        month = int(_first(match, "month", "month_mid"))
    else:
        month, calendar = _month_by_name(calendar)[_key(_first(match, "name", "en_name"))]
    return from_calendar(calendar, year, month, day)


def _first(match: re.Match[str], *groups: str) -> str:
    """The one group among `groups` that took part in the match (re forbids repeated names)."""
    return next(value for value in map(match.group, groups) if value is not None)


def _key(name: str) -> str:
    return "".join(words(name))


def _readable(calendar: Calendar) -> tuple[Calendar, ...]:
    """Calendars whose month names a date "in `calendar`" may use, the calendar's own first."""
    if calendar is Calendar.HIJRI:
        # format_date writes Gregorian once the Umm al-Qura table ends; read that back too.
        return (Calendar.HIJRI, Calendar.GREGORIAN)
    return (calendar,)


@functools.cache
def _month_by_name(calendar: Calendar) -> dict[str, tuple[int, Calendar]]:
    """Spellings' keys (normalized words, no separators) to (month, calendar they belong to)."""
    result: dict[str, tuple[int, Calendar]] = {}
    for source in reversed(_readable(calendar)):
        for name, month in spellings(source).items():
            result[_key(name)] = (month, source)
    return result


@functools.cache
def _matcher(calendar: Calendar, *, with_time: bool) -> re.Pattern[str]:
    # Longest first, so "کانون الثانی/ینایر" wins over "کانون الثانی"; words of a name may be
    # joined by any separators or none ("ربیع‌الاول", "Rabi' al-Awwal").
    names = sorted(
        {
            r"[\W_]*".join(map(re.escape, words(name)))
            for source in _readable(calendar)
            for name in spellings(source)
        },
        key=len,
        reverse=True,
    )
    name = "|".join(names)
    named = (
        rf"(?P<named_day>\d{{1,2}})\s?(?P<name>{name})\s?,?\s?(?P<named_year>\d{{1,4}})"
        rf"|(?P<en_name>{name})\s?(?P<en_day>\d{{1,2}}),?\s?(?P<en_year>\d{{1,4}})"
    )
    pattern = rf"(?:{_NUMERIC_DATE}|{named})"
    return re.compile(pattern + _TIME if with_time else pattern)
