"""The schedule field's day picker: this month and the next of the edition's calendar.

Rendered by the server from khabar.calendars, so Solar Hijri, Hijri and Gregorian editions
get the same picker in their own digits, with nothing fetched and no date library in the
browser. Each day carries the date as the schedule field reads it; the editor page's script
puts it in the field (keeping a time already typed). Without the script the field is typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from khabar.calendars import (
    days_in_month,
    from_calendar,
    month_name,
    to_calendar,
    to_local,
    weekday_name,
)
from khabar.editions.models import Edition
from khabar.text import to_digits

MONTHS_SHOWN = 2
# The first day of the week: Saturday where the week starts then (Iran, most Arab
# countries), Monday elsewhere. 0 is Monday, as date.weekday() counts.
WEEK_STARTS = {"fa": 5, "ar": 5}


@dataclass(frozen=True, slots=True)
class Day:
    label: str  # the day of the month, in the edition's digits
    value: str  # YYYY/MM/DD in the edition's calendar and digits, as the field reads it
    past: bool
    today: bool


@dataclass(frozen=True, slots=True)
class Month:
    title: str
    weeks: list[list[Day | None]]  # None: a cell before the first or after the last day


def schedule_months(edition: Edition, *, now: datetime.datetime | None = None) -> list[Month]:
    """This month and the next in the edition's calendar, as weeks of days."""
    today = to_local(now or timezone.now(), edition.time_zone).date()
    start = to_calendar(today, edition.calendar)
    week_start = WEEK_STARTS.get(edition.language, 0)
    months = []
    for offset in range(MONTHS_SHOWN):
        year, month = divmod(start.month - 1 + offset, 12)
        year, month = start.year + year, month + 1
        first = from_calendar(edition.calendar, year, month, 1)
        cells: list[Day | None] = [None] * ((first.weekday() - week_start) % 7)
        for number in range(1, days_in_month(edition.calendar, year, month) + 1):
            day = first + datetime.timedelta(days=number - 1)
            cells.append(
                Day(
                    label=to_digits(str(number), edition.digits),
                    value=to_digits(f"{year}/{month:02d}/{number:02d}", edition.digits),
                    past=day < today,
                    today=day == today,
                )
            )
        cells += [None] * (-len(cells) % 7)
        name = month_name(
            edition.calendar, month, language=edition.language, month_names=edition.month_names
        )
        months.append(
            Month(
                title=f"{name} {to_digits(str(year), edition.digits)}",
                weeks=[cells[i : i + 7] for i in range(0, len(cells), 7)],
            )
        )
    return months


def weekday_names(edition: Edition) -> list[str]:
    """The names of the grid's columns, from the edition's first day of the week."""
    start = WEEK_STARTS.get(edition.language, 0)
    return [weekday_name((start + i) % 7, language=edition.language) for i in range(7)]
