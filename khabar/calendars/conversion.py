"""Converting dates between the Gregorian, Solar Hijri and Hijri (Umm al-Qura) calendars.

Solar Hijri comes from jdatetime (33-year rule: agrees with the official leap table from
1925 to 2100, first errs in 2123); Hijri from hijridate's Umm al-Qura table, which only
covers 1343–1500 AH (1924-08-01 to 2077-11-16).
"""

from __future__ import annotations

import calendar as _gregorian
import datetime
import enum
import functools
from dataclasses import dataclass

import hijridate
import jdatetime
from hijridate import ummalqura

__all__ = [
    "Calendar",
    "CalendarDate",
    "InvalidDate",
    "OutOfRange",
    "days_in_month",
    "from_calendar",
    "to_calendar",
]


class Calendar(enum.StrEnum):
    SOLAR_HIJRI = "solar_hijri"
    GREGORIAN = "gregorian"
    HIJRI = "hijri"  # Umm al-Qura

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Calendar.SOLAR_HIJRI: "Solar Hijri",
    Calendar.GREGORIAN: "Gregorian",
    Calendar.HIJRI: "Hijri",
}


class InvalidDate(ValueError):
    """A date that does not exist, or text that could not be read as a date."""


class OutOfRange(InvalidDate):
    """A date outside the range a calendar's converter covers."""


@dataclass(frozen=True, slots=True)
class CalendarDate:
    calendar: Calendar
    year: int
    month: int
    day: int


_HIJRI_FIRST_YEAR, _HIJRI_LAST_YEAR = (ymd[0] for ymd in ummalqura.HIJRI_RANGE)
_HIJRI_FIRST_DAY, _HIJRI_LAST_DAY = (datetime.date(*ymd) for ymd in ummalqura.GREGORIAN_RANGE)
_YEAR_RANGES = {
    Calendar.SOLAR_HIJRI: (jdatetime.MINYEAR, jdatetime.MAXYEAR),
    Calendar.GREGORIAN: (datetime.MINYEAR, datetime.MAXYEAR),
    Calendar.HIJRI: (_HIJRI_FIRST_YEAR, _HIJRI_LAST_YEAR),
}


def to_calendar(d: datetime.date, calendar: Calendar | str) -> CalendarDate:
    """Return the date `d` (a Gregorian date) in `calendar`; OutOfRange past its tables."""
    if isinstance(d, datetime.datetime):
        # A datetime is a date subclass; its date part is meant, not a converter's guess.
        d = d.date()
    return _converted(d, Calendar(calendar))


# A page prints a few dates (its own, its cards'), and most fall on days printed before: the
# archive's days are a few thousand, the newest far more often. jdatetime's conversion costs
# about 40 µs a date, a pure function of the two arguments; an entry is some 200 bytes.
@functools.lru_cache(maxsize=8192)
def _converted(d: datetime.date, calendar: Calendar) -> CalendarDate:
    if calendar is Calendar.GREGORIAN:
        return CalendarDate(calendar, d.year, d.month, d.day)
    if calendar is Calendar.SOLAR_HIJRI:
        try:
            jalali = jdatetime.date.fromgregorian(date=d)
        except (ValueError, OverflowError) as error:
            raise OutOfRange(f"{d.isoformat()} has no Solar Hijri date ({error})") from None
        return CalendarDate(calendar, jalali.year, jalali.month, jalali.day)
    if not _HIJRI_FIRST_DAY <= d <= _HIJRI_LAST_DAY:
        raise OutOfRange(
            f"{d.isoformat()} is outside the Umm al-Qura table "
            f"({_HIJRI_FIRST_DAY.isoformat()} to {_HIJRI_LAST_DAY.isoformat()})"
        )
    hijri = hijridate.Gregorian.fromdate(d).to_hijri()
    return CalendarDate(calendar, hijri.year, hijri.month, hijri.day)


def from_calendar(calendar: Calendar | str, year: int, month: int, day: int) -> datetime.date:
    """Return the Gregorian date of `year/month/day` in `calendar`.

    Raises InvalidDate naming the problem for a month or day that does not exist, and
    OutOfRange for a year outside the calendar's converter.
    """
    calendar = Calendar(calendar)
    length = days_in_month(calendar, year, month)
    if not 1 <= day <= length:
        raise InvalidDate(f"day {day} does not exist in {calendar.label} {year}/{month:02d}")
    try:
        if calendar is Calendar.GREGORIAN:
            return datetime.date(year, month, day)
        if calendar is Calendar.SOLAR_HIJRI:
            gregorian: datetime.date = jdatetime.date(year, month, day).togregorian()
            return gregorian
        # hijridate.Gregorian subclasses date; callers get a plain one.
        return datetime.date(*hijridate.Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError) as error:
        # Solar Hijri years before 1 CE fit jdatetime but not datetime.date.
        raise OutOfRange(f"{calendar.label} {year}/{month:02d}/{day:02d}: {error}") from None


def days_in_month(calendar: Calendar | str, year: int, month: int) -> int:
    calendar = Calendar(calendar)
    first, last = _YEAR_RANGES[calendar]
    if not first <= year <= last:
        raise OutOfRange(
            f"year {year} is outside the {calendar.label} range this site supports ({first}–{last})"
        )
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} does not exist in the {calendar.label} calendar")
    if calendar is Calendar.GREGORIAN:
        return _gregorian.monthrange(year, month)[1]
    if calendar is Calendar.SOLAR_HIJRI:
        if month == 12:
            return 30 if jdatetime.date(year, 1, 1).isleap() else 29
        return 31 if month <= 6 else 30
    return hijridate.Hijri(year, month, 1).month_length()
