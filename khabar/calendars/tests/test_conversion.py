import datetime

import pytest
from persiantools.jdatetime import JalaliDate

from khabar.calendars import (
    Calendar,
    CalendarDate,
    InvalidDate,
    OutOfRange,
    days_in_month,
    from_calendar,
    to_calendar,
)

SH = Calendar.SOLAR_HIJRI


def test_solar_hijri_agrees_with_persiantools_on_every_day_from_1925_to_2100() -> None:
    """jdatetime (behind to_calendar) against an independent implementation, both directions."""
    day = datetime.date(1925, 3, 21)
    one_day = datetime.timedelta(days=1)
    disagreements = []
    while day <= datetime.date(2100, 12, 31):
        ours = to_calendar(day, SH)
        reference = JalaliDate.to_jalali(day)
        if (ours.year, ours.month, ours.day) != (reference.year, reference.month, reference.day):
            disagreements.append(day)
        day += one_day
    assert disagreements == []


def test_solar_hijri_to_gregorian_agrees_with_persiantools_on_nowruz_and_esfand_end() -> None:
    for year in range(1304, 1480):
        for month, day in [(1, 1), (12, 29), (12, days_in_month(SH, year, 12))]:
            expected = JalaliDate(year, month, day).to_gregorian()
            assert from_calendar(SH, year, month, day) == expected


@pytest.mark.parametrize(
    ("gregorian", "solar_hijri"),
    [
        # 1403 is a leap year: 30 Esfand 1403 is 2025-03-20, Nowruz 1404 the day after. The
        # 2820-year rule (khayyam) puts Nowruz on the 20th; the official calendar does not.
        (datetime.date(2025, 3, 20), (1403, 12, 30)),
        (datetime.date(2025, 3, 21), (1404, 1, 1)),
        (datetime.date(2017, 1, 8), (1395, 10, 19)),
        (datetime.date(1979, 2, 11), (1357, 11, 22)),
        (datetime.date(2024, 3, 20), (1403, 1, 1)),
        (datetime.date(1925, 3, 21), (1304, 1, 1)),
    ],
)
def test_known_solar_hijri_dates(
    gregorian: datetime.date, solar_hijri: tuple[int, int, int]
) -> None:
    assert to_calendar(gregorian, SH) == CalendarDate(SH, *solar_hijri)
    assert from_calendar(SH, *solar_hijri) == gregorian


@pytest.mark.parametrize(
    ("gregorian", "hijri"),
    [
        (datetime.date(2024, 3, 11), (1445, 9, 1)),
        (datetime.date(2024, 7, 7), (1446, 1, 1)),
        (datetime.date(2023, 4, 21), (1444, 10, 1)),
        (datetime.date(2017, 1, 8), (1438, 4, 10)),
        (datetime.date(1924, 8, 1), (1343, 1, 1)),
        (datetime.date(2077, 11, 16), (1500, 12, 30)),
    ],
)
def test_known_umm_al_qura_dates(gregorian: datetime.date, hijri: tuple[int, int, int]) -> None:
    assert to_calendar(gregorian, "hijri") == CalendarDate(Calendar.HIJRI, *hijri)
    assert from_calendar("hijri", *hijri) == gregorian
    assert type(from_calendar("hijri", *hijri)) is datetime.date


@pytest.mark.parametrize("day", [datetime.date(2077, 11, 17), datetime.date(1924, 7, 31)])
def test_dates_outside_the_umm_al_qura_table_are_out_of_range(day: datetime.date) -> None:
    with pytest.raises(OutOfRange, match="Umm al-Qura"):
        to_calendar(day, Calendar.HIJRI)


def test_gregorian_is_the_identity_and_datetimes_use_their_date() -> None:
    moment = datetime.datetime(2017, 1, 8, 23, 59, tzinfo=datetime.UTC)
    assert to_calendar(moment, "gregorian") == CalendarDate(Calendar.GREGORIAN, 2017, 1, 8)
    assert to_calendar(moment, SH) == CalendarDate(SH, 1395, 10, 19)


@pytest.mark.parametrize(
    ("calendar", "year", "month", "length"),
    [
        (SH, 1395, 1, 31),
        (SH, 1395, 6, 31),
        (SH, 1395, 7, 30),
        (SH, 1395, 12, 30),
        (SH, 1401, 12, 29),
        (SH, 1403, 12, 30),
        (SH, 1404, 12, 29),
        (Calendar.GREGORIAN, 2024, 2, 29),
        (Calendar.GREGORIAN, 2100, 2, 28),
        (Calendar.HIJRI, 1445, 9, 30),
        (Calendar.HIJRI, 1445, 10, 29),
    ],
)
def test_days_in_month(calendar: Calendar, year: int, month: int, length: int) -> None:
    assert days_in_month(calendar, year, month) == length


@pytest.mark.parametrize(
    ("calendar", "ymd", "message"),
    [
        (SH, (1395, 13, 1), "month 13 does not exist in the Solar Hijri calendar"),
        (SH, (1395, 0, 1), "month 0 does not exist in the Solar Hijri calendar"),
        (SH, (1395, 7, 31), "day 31 does not exist in Solar Hijri 1395/07"),
        (SH, (1401, 12, 30), "day 30 does not exist in Solar Hijri 1401/12"),
        (SH, (1395, 1, 0), "day 0 does not exist in Solar Hijri 1395/01"),
        (Calendar.GREGORIAN, (2023, 2, 29), "day 29 does not exist in Gregorian 2023/02"),
        (Calendar.HIJRI, (1445, 10, 30), "day 30 does not exist in Hijri 1445/10"),
    ],
)
def test_impossible_dates_are_invalid_with_the_problem_named(
    calendar: Calendar, ymd: tuple[int, int, int], message: str
) -> None:
    with pytest.raises(InvalidDate) as raised:
        from_calendar(calendar, *ymd)
    assert str(raised.value) == message
    assert not isinstance(raised.value, OutOfRange)


@pytest.mark.parametrize(
    ("calendar", "ymd"),
    [
        (Calendar.HIJRI, (1501, 1, 1)),
        (Calendar.HIJRI, (1342, 12, 1)),
        (Calendar.GREGORIAN, (10000, 1, 1)),
        (SH, (9378, 1, 1)),
    ],
)
def test_years_outside_a_calendars_converter_are_out_of_range(
    calendar: Calendar, ymd: tuple[int, int, int]
) -> None:
    with pytest.raises(OutOfRange):
        from_calendar(calendar, *ymd)


def test_out_of_range_is_an_invalid_date_and_a_value_error() -> None:
    assert issubclass(OutOfRange, InvalidDate)
    assert issubclass(InvalidDate, ValueError)


def test_gregorian_dates_before_the_solar_hijri_era_are_out_of_range() -> None:
    with pytest.raises(OutOfRange):
        to_calendar(datetime.date(600, 1, 1), SH)
