import datetime
import zoneinfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from khabar.calendars import (
    Calendar,
    InvalidDate,
    MonthNames,
    OutOfRange,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
)
from khabar.text import Digits

SAMPLE = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)
UTC = datetime.UTC


@pytest.mark.parametrize(
    "text",
    [
        "۱۹ دی ۱۳۹۵ - ۱۸:۵۶",
        "١٩ دی ١٣٩٥ - ١٨:٥٦",
        "19 دی 1395 - 18:56",
        "19 دی 1395 18:56",
        "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶",
        "19 Dey 1395 - 18:56",
        "1395/10/19 18:56",
        "1395-10-19 18:56",
        "۱۳۹۵/۱۰/۱۹ - ۱۸:۵۶",
        "19/10/1395 18:56",
        " ۱۹\u00a0دی\u200f ۱۳۹۵ ساعت ۱۸:۵۶ ",
        "1395/10/19 18:56:00",
    ],
)
def test_the_sample_date_reads_back_to_the_same_instant(text: str) -> None:
    parsed = parse_datetime(text, calendar="solar_hijri", tz="Asia/Tehran")
    assert parsed == SAMPLE
    assert parsed.tzinfo is UTC


def test_time_defaults_to_local_midnight_and_seconds_are_kept() -> None:
    midnight = parse_datetime("۱۹ دی ۱۳۹۵", calendar="solar_hijri", tz="Asia/Tehran")
    assert midnight == datetime.datetime(2017, 1, 7, 20, 30, tzinfo=UTC)
    with_seconds = parse_datetime("1395/10/19 18:56:42", calendar="solar_hijri", tz="Asia/Tehran")
    assert with_seconds == datetime.datetime(2017, 1, 8, 15, 26, 42, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "calendar", "expected"),
    [
        ("1 رمضان 1445", "hijri", datetime.date(2024, 3, 11)),
        ("١ محرم ١٤٤٦", "hijri", datetime.date(2024, 7, 7)),
        ("1 شوّال 1444", "hijri", datetime.date(2023, 4, 21)),
        ("۱ ربیع‌الاول ۱۴۴۵", "hijri", datetime.date(2023, 9, 16)),
        ("1 Rabi' al-Awwal 1445", "hijri", datetime.date(2023, 9, 16)),
        ("10 ربيع الثاني 1438", "hijri", datetime.date(2017, 1, 8)),
        ("10 ذي الحجة 1445", "hijri", datetime.date(2024, 6, 16)),
        ("8 يناير 2090", "hijri", datetime.date(2090, 1, 8)),  # the fallback format_date writes
        ("8 يناير 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 ینایر 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 كانون الثاني 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 کانون الثانی/ینایر 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 جانفي 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 ژانویه 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 January 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("January 8, 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("8 jan 2017", "gregorian", datetime.date(2017, 1, 8)),
        ("15 أغسطس 2023", "gregorian", datetime.date(2023, 8, 15)),
        ("15 غشت 2023", "gregorian", datetime.date(2023, 8, 15)),
        ("2017-01-08", "gregorian", datetime.date(2017, 1, 8)),
        ("۵ امرداد ۱۴۰۲", "solar_hijri", datetime.date(2023, 7, 27)),
        ("۳۰ اسفند ۱۴۰۳", "solar_hijri", datetime.date(2025, 3, 20)),
    ],
)
def test_parse_date_reads_every_supported_spelling(
    text: str, calendar: str, expected: datetime.date
) -> None:
    assert parse_date(text, calendar=calendar) == expected


def test_a_levant_egypt_pair_naming_two_different_months_is_not_read() -> None:
    with pytest.raises(InvalidDate, match="could not read a date"):
        parse_date("8 كانون الثاني/فبراير 2017", calendar="gregorian")


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("hello", "solar_hijri", "could not read a date in 'hello'"),
        ("", "gregorian", "could not read a date in ''"),
        ("8 دی 2017", "gregorian", "could not read a date"),  # a Solar Hijri month name
        ("1395/13/01", "solar_hijri", "month 13 does not exist in the Solar Hijri calendar"),
        ("32 دی 1395", "solar_hijri", "day 32 does not exist in Solar Hijri 1395/10"),
        # 1401 is not a leap year, so its Esfand has 29 days.
        ("۳۰ اسفند ۱۴۰۱", "solar_hijri", "day 30 does not exist in Solar Hijri 1401/12"),
        ("۳۱ اسفند ۱۴۰۳", "solar_hijri", "day 31 does not exist in Solar Hijri 1403/12"),
        ("30 شوال 1445", "hijri", "day 30 does not exist in Hijri 1445/10"),
        ("29 February 2023", "gregorian", "day 29 does not exist in Gregorian 2023/02"),
        ("1395/10/19 24:00", "solar_hijri", "hour 24 does not exist"),
        ("1395/10/19 18:60", "solar_hijri", "minute 60 does not exist"),
        ("1395/10/19 18:56:61", "solar_hijri", "second 61 does not exist"),
    ],
)
def test_unreadable_and_impossible_dates_are_invalid_with_the_problem_named(
    text: str, calendar: str, message: str
) -> None:
    with pytest.raises(InvalidDate, match=message):
        parse_datetime(text, calendar=calendar, tz="Asia/Tehran")


def test_hijri_years_past_the_table_are_out_of_range() -> None:
    with pytest.raises(OutOfRange):
        parse_date("1 محرم 1501", calendar="hijri")


def test_parse_date_does_not_take_a_time() -> None:
    with pytest.raises(InvalidDate):
        parse_date("1395/10/19 18:56", calendar="solar_hijri")


def test_a_wall_time_skipped_by_daylight_saving_reads_with_the_earlier_offset() -> None:
    """Tehran's clocks jumped from 00:00 to 01:00 on 2 Farvardin 1401; 00:30 never happened.

    fold=0 reads it at +03:30, the offset before the change: 21:00 UTC, shown as 01:30.
    """
    parsed = parse_datetime("1401/01/02 00:30", calendar="solar_hijri", tz="Asia/Tehran")
    assert parsed == datetime.datetime(2022, 3, 21, 21, 0, tzinfo=UTC)


def test_a_wall_time_repeated_by_daylight_saving_reads_as_the_first_one() -> None:
    """Tehran's clocks went back from 24:00 to 23:00 on 30 Shahrivar 1401; 23:30 happened twice."""
    parsed = parse_datetime("1401/06/30 23:30", calendar="solar_hijri", tz="Asia/Tehran")
    assert parsed == datetime.datetime(2022, 9, 21, 19, 0, tzinfo=UTC)  # at +04:30


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime.datetime(1930, 1, 1),  # noqa: DTZ001
        max_value=datetime.datetime(2070, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ).map(lambda moment: moment.replace(second=0, microsecond=0)),
    calendar=st.sampled_from(list(Calendar)),
    digits=st.sampled_from(list(Digits)),
    tz=st.sampled_from(["Asia/Tehran", "Asia/Riyadh", "UTC"]),
    language=st.sampled_from(["ar", "fa", "en"]),
    month_names=st.sampled_from(list(MonthNames)),
    secondary=st.sampled_from([None, *Calendar]),
)
def test_format_datetime_reads_back_to_the_same_minute(
    moment: datetime.datetime,
    calendar: Calendar,
    digits: Digits,
    tz: str,
    language: str,
    month_names: MonthNames,
    secondary: Calendar | None,
) -> None:
    text = format_datetime(
        moment,
        calendar=calendar,
        digits=digits,
        tz=tz,
        language=language,
        month_names=month_names,
        secondary=secondary,
    )
    # The shown wall-clock minute is what reads back: a wall time that happened twice reads
    # as its first occurrence (fold=0), and local mean time offsets with seconds (Riyadh
    # before 1947 was +03:06:52) lose those seconds, as the printed time does.
    local = moment.astimezone(zoneinfo.ZoneInfo(tz))
    expected = local.replace(second=0, fold=0).astimezone(UTC)
    assert parse_datetime(text, calendar=calendar, tz=tz) == expected


@given(
    day=st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
    calendar=st.sampled_from(list(Calendar)),
    digits=st.sampled_from(list(Digits)),
    language=st.sampled_from(["ar", "fa", "en"]),
)
def test_format_date_reads_back_to_the_same_day(
    day: datetime.date, calendar: Calendar, digits: Digits, language: str
) -> None:
    try:
        text = format_date(day, calendar=calendar, digits=digits, language=language)
    except OutOfRange:
        assume(False)
    assert parse_date(text, calendar=calendar) == day
