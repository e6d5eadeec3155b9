"""Reading dates and times typed by editors, found in imported pages or written by a pattern.

The text is read as a row of parts with anything but letters and digits between them: one
date, or two naming the same day (the primary and secondary dates a display pattern
writes, in either order, with or without parentheses), an optional time, an optional
weekday, checked against the date, and era markers, skipped. Every letter and digit must
belong to one of those parts, so stray words still make the text unreadable.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from collections.abc import Iterable

from khabar.calendars.conversion import Calendar, InvalidDate, from_calendar
from khabar.calendars.names import WEEKDAYS, era_spellings, spellings, weekday_spellings
from khabar.text import normalize, words

__all__ = ["parse_date", "parse_datetime"]

# Patterns run on normalize()d text: Latin digits, one yeh and kaf, casefolded, single spaces.
_NUMERIC_DATE = (
    r"(?:(?P<year>\d{3,4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|(?P<day_first>\d{1,2})(?P<sep2>[/.-])(?P<month_mid>\d{1,2})(?P=sep2)(?P<year_last>\d{4}))"
    r"(?!\d)"
)
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2}))?(?!\d)"
# Between parts: punctuation, spaces, and the words that introduce a time.
_BETWEEN = re.compile(r"(?:[\W_]|(?:ساعت|الساعه|at)(?![^\W\d_])|t(?=\d))+")
_NOT_A_LETTER = r"(?![^\W\d_])"


def parse_date(text: str, *, calendar: Calendar | str) -> datetime.date:
    """Read a date alone, as format_date writes it or as "1395/10/19", in `calendar`.

    Accepts any digits, any supported spelling of the month name, and "year/month/day"
    or "day/month/year" (4-digit year) with '/', '-' or '.'. Raises InvalidDate.
    """
    return _read(text, Calendar(calendar), with_time=False)[0]


def parse_datetime(text: str, *, calendar: Calendar | str, tz: str) -> datetime.datetime:
    """Read a date and optional time (default 00:00) in `tz`, as an aware UTC datetime.

    Accepts what format_datetime writes with any pattern, in any digits, and the forms
    parse_date accepts with "HH:MM" or "HH:MM:SS" before or after. A weekday that is not
    the date's raises InvalidDate, as do two dates that are different days. A wall-clock
    time that happens twice when clocks go back is read as the first (earlier) one; one that
    never happens because clocks went forward is read with the offset in force before the
    change, so it lands an hour later (both are PEP 495's fold=0, what zoneinfo does by
    default).
    """
    day, time = _read(text, Calendar(calendar), with_time=True)
    hour, minute, second = (
        int(time[name] or 0) if time else 0 for name in ("hour", "minute", "second")
    )
    for value, name, limit in ((hour, "hour", 23), (minute, "minute", 59), (second, "second", 59)):
        if value > limit:
            raise InvalidDate(f"{name} {value} does not exist (0–{limit}) in {text!r}")
    local = datetime.datetime.combine(
        day, datetime.time(hour, minute, second), tzinfo=zoneinfo.ZoneInfo(tz)
    )
    return local.astimezone(datetime.UTC)


def _read(
    text: str, calendar: Calendar, *, with_time: bool
) -> tuple[datetime.date, re.Match[str] | None]:
    """The day `text` names in `calendar`, and the match of its time if it has one."""
    key = normalize(text)
    scanner = _scanner()
    dates: list[re.Match[str]] = []
    times: list[re.Match[str]] = []
    weekdays: list[re.Match[str]] = []
    position = 0
    while position < len(key):
        between = _BETWEEN.match(key, position)
        if between is not None:
            position = between.end()
            continue
        match = scanner.match(key, position)
        if match is None:
            raise InvalidDate(f"could not read a date in {text!r}")
        if match["time"] is not None:
            times.append(match)
        elif match["weekday"] is not None:
            weekdays.append(match)
        elif match["era"] is None:
            dates.append(match)
        position = match.end()
    if not 1 <= len(dates) <= 2 or len(times) > with_time or len(weekdays) > 1:
        raise InvalidDate(f"could not read a date in {text!r}")
    day = _day(dates, calendar, text)
    if weekdays:
        written = _weekday_by_name()[_key(weekdays[0]["weekday"])]
        if written != day.weekday():
            english = WEEKDAYS["en"]
            raise InvalidDate(
                f"{text!r} says {english[written]} ({weekdays[0]['weekday']!r}), "
                f"but {day.isoformat()} is a {english[day.weekday()]}"
            )
    return day, times[0] if times else None


def _day(dates: list[re.Match[str]], calendar: Calendar, text: str) -> datetime.date:
    """The day of the one date in `calendar`; with two, the primary's, checked against the other."""
    read = [_calendar_of(match, calendar) for match in dates]
    found = next(
        (
            (i, source)
            for source in _readable(calendar)
            for i, months in enumerate(read)
            if source in months
        ),
        None,
    )
    if found is None:
        raise InvalidDate(f"could not read a date in {text!r}")
    first, source = found
    primary = _date(dates[first], source, read[first])
    if len(dates) == 2:
        other = 1 - first
        other_calendar = next(iter(read[other]))
        secondary = _date(dates[other], other_calendar, read[other])
        if secondary != primary:
            raise InvalidDate(
                f"{text!r} names two different days, {primary.isoformat()} and "
                f"{secondary.isoformat()}"
            )
    return primary


def _calendar_of(match: re.Match[str], calendar: Calendar) -> dict[Calendar, int]:
    """The calendars `match`'s month name belongs to, each with its month number.

    A numeric date is in `calendar`; month numbers come from the match itself then (0 here).
    """
    if match["name"] is None and match["en_name"] is None:
        return {calendar: 0}
    return _month_by_name()[_key(_first(match, "name", "en_name"))]


def _date(match: re.Match[str], calendar: Calendar, months: dict[Calendar, int]) -> datetime.date:
    year = int(_first(match, "year", "year_last", "named_year", "en_year"))
    day = int(_first(match, "day", "day_first", "named_day", "en_day"))
    if match["name"] is None and match["en_name"] is None:
        month = int(_first(match, "month", "month_mid"))
    else:
        month = months[calendar]
    return from_calendar(calendar, year, month, day)


def _first(match: re.Match[str], *groups: str) -> str:
    """The one group among `groups` that took part in the match (re forbids repeated names)."""
    return next(value for value in map(match.group, groups) if value is not None)


def _key(name: str) -> str:
    return "".join(words(name))


@functools.cache
def _month_by_name() -> dict[str, dict[Calendar, int]]:
    """Spellings' keys (normalized words, no separators) to the calendars and months they name."""
    result: dict[str, dict[Calendar, int]] = {}
    for calendar in Calendar:
        for name, month in spellings(calendar).items():
            result.setdefault(_key(name), {})[calendar] = month
    return result


@functools.cache
def _weekday_by_name() -> dict[str, int]:
    return {_key(name): day for name, day in weekday_spellings().items()}


def _readable(calendar: Calendar) -> tuple[Calendar, ...]:
    """Calendars a date "in `calendar`" may be written in, the calendar's own first."""
    if calendar is Calendar.HIJRI:
        # format_date writes Gregorian once the Umm al-Qura table ends; read that back too.
        return (Calendar.HIJRI, Calendar.GREGORIAN)
    return (calendar,)


def _alternation(names: Iterable[str]) -> str:
    # Longest first, so "کانون الثانی/ینایر" wins over "کانون الثانی"; words of a name may be
    # joined by any separators or none ("ربیع‌الاول", "Rabi' al-Awwal").
    patterns = {r"[\W_]*".join(map(re.escape, words(name))) for name in names}
    return "|".join(sorted(patterns, key=len, reverse=True))


@functools.cache
def _scanner() -> re.Pattern[str]:
    """One part of a date line: a time, a date, a weekday or an era marker."""
    name = _alternation([name for calendar in Calendar for name in spellings(calendar)])
    named = (
        rf"(?P<named_day>\d{{1,2}})\s?(?P<name>{name})\s?,?\s?(?P<named_year>\d{{1,4}})(?!\d)"
        rf"|(?P<en_name>{name})\s?(?P<en_day>\d{{1,2}})(?!\d),?\s?(?P<en_year>\d{{1,4}})(?!\d)"
    )
    parts = [
        rf"(?P<time>{_TIME})",
        _NUMERIC_DATE,
        rf"(?:{named})",
        rf"(?P<weekday>{_alternation(list(weekday_spellings()))}){_NOT_A_LETTER}",
        rf"(?P<era>{_alternation(era_spellings())}){_NOT_A_LETTER}",
    ]
    return re.compile("|".join(parts))
