"""A calendar day as a span of UTC time, in a time zone: what date filters and archives ask."""

from __future__ import annotations

import datetime
import zoneinfo

from khabar.calendars.conversion import Calendar, InvalidDate
from khabar.calendars.parsing import parse_date

__all__ = ["day_bound", "day_bounds"]


def day_bounds(
    date: datetime.date, time_zone: str
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """The local day's start and end in UTC; None at the ends of what datetime can hold.

    `1/1/1` in Tehran starts before 1 CE in UTC and `9999/12/31` ends after 9999: such days
    exist in the calendars but hold no article, and are 404s rather than OverflowErrors.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    try:
        start = datetime.datetime.combine(date, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time.min, zone)
        return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)
    except OverflowError:
        return None


def day_bound(
    text: str, *, calendar: Calendar | str, time_zone: str, end: bool
) -> datetime.datetime:
    """The UTC start of the local day `text` names in `calendar` (the next day's for an
    `end`, so a range "from … to …" includes its last day). Raises InvalidDate, also for
    a day at the ends of what datetime can hold."""
    bounds = day_bounds(parse_date(text, calendar=calendar), time_zone)
    if bounds is None:
        raise InvalidDate(text)
    return bounds[1] if end else bounds[0]
