"""Solar Hijri, Gregorian and Hijri (Umm al-Qura) dates: conversion, formatting, parsing.

Pure Python on jdatetime, hijridate and zoneinfo; no Django.
"""

from khabar.calendars.conversion import (
    Calendar,
    CalendarDate,
    InvalidDate,
    OutOfRange,
    days_in_month,
    from_calendar,
    to_calendar,
)
from khabar.calendars.days import day_bound, day_bounds
from khabar.calendars.formatting import format_date, format_datetime, format_time, to_local
from khabar.calendars.names import MonthNames, era_marker, month_name, weekday_name
from khabar.calendars.parsing import parse_date, parse_datetime
from khabar.calendars.patterns import (
    ARAB_PATTERN,
    DEFAULT_PATTERN,
    InvalidPattern,
    compile_pattern,
)

__all__ = [
    "ARAB_PATTERN",
    "DEFAULT_PATTERN",
    "Calendar",
    "CalendarDate",
    "InvalidDate",
    "InvalidPattern",
    "MonthNames",
    "OutOfRange",
    "compile_pattern",
    "day_bound",
    "day_bounds",
    "days_in_month",
    "era_marker",
    "format_date",
    "format_datetime",
    "format_time",
    "from_calendar",
    "month_name",
    "parse_date",
    "parse_datetime",
    "to_calendar",
    "to_local",
    "weekday_name",
]
