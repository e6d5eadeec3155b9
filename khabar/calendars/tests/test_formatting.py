import datetime

import pytest

from khabar.calendars import Calendar, format_date, format_datetime, format_time, to_local
from khabar.text import Digits

SAMPLE = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)


def test_the_sample_page_date_in_tehran() -> None:
    text = format_datetime(
        SAMPLE, calendar="solar_hijri", digits="persian", tz="Asia/Tehran", language="ar"
    )
    assert text == "۱۹ دی ۱۳۹۵ - ۱۸:۵۶"


def test_a_secondary_calendar_follows_in_parentheses() -> None:
    text = format_datetime(
        SAMPLE,
        calendar=Calendar.SOLAR_HIJRI,
        digits=Digits.PERSIAN,
        tz="Asia/Tehran",
        language="fa",
        secondary=Calendar.GREGORIAN,
    )
    assert text == "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶"


def test_the_date_is_the_local_date_not_the_utc_date() -> None:
    late = datetime.datetime(2017, 1, 8, 21, 0, tzinfo=datetime.UTC)  # 00:30 on the 9th in Tehran
    text = format_datetime(
        late, calendar="gregorian", digits="latin", tz="Asia/Tehran", language="en"
    )
    assert text == "9 January 2017 - 00:30"


@pytest.mark.parametrize(
    ("calendar", "digits", "language", "month_names", "expected"),
    [
        ("gregorian", "arabic", "ar", "egypt", "٨ يناير ٢٠١٧"),
        ("gregorian", "arabic", "ar", "levant", "٨ كانون الثاني ٢٠١٧"),
        ("gregorian", "latin", "ar", "maghreb", "8 جانفي 2017"),
        ("gregorian", "arabic", "ar", "levant_egypt", "٨ كانون الثاني/يناير ٢٠١٧"),
        ("gregorian", "persian", "fa", "egypt", "۸ ژانویه ۲۰۱۷"),
        ("hijri", "arabic", "ar", "egypt", "١٠ ربيع الآخر ١٤٣٨"),
        ("hijri", "latin", "en", "egypt", "10 Rabi al-Thani 1438"),
        ("solar_hijri", "latin", "en", "egypt", "19 Dey 1395"),
    ],
)
def test_format_date(
    calendar: str, digits: str, language: str, month_names: str, expected: str
) -> None:
    day = datetime.date(2017, 1, 8)
    text = format_date(
        day, calendar=calendar, digits=digits, language=language, month_names=month_names
    )
    assert text == expected


def test_day_has_no_leading_zero() -> None:
    text = format_date(datetime.date(2024, 3, 11), calendar="hijri", digits="latin", language="ar")
    assert text == "1 رمضان 1445"


def test_hijri_falls_back_to_gregorian_after_the_umm_al_qura_table() -> None:
    day = datetime.date(2090, 1, 8)
    assert format_date(day, calendar="hijri", digits="arabic", language="ar") == "٨ يناير ٢٠٩٠"
    moment = datetime.datetime(2090, 1, 8, 9, 0, tzinfo=datetime.UTC)
    text = format_datetime(
        moment,
        calendar="hijri",
        digits="latin",
        tz="Asia/Riyadh",
        language="ar",
        secondary="gregorian",
    )
    assert text == "8 يناير 2090 - 12:00"  # the fallback is not repeated as the secondary date


@pytest.mark.parametrize(
    ("moment", "offset"),
    [
        (datetime.datetime(2017, 7, 1, 12, tzinfo=datetime.UTC), datetime.timedelta(hours=4.5)),
        (datetime.datetime(2021, 7, 1, 12, tzinfo=datetime.UTC), datetime.timedelta(hours=4.5)),
        # Iran stopped daylight saving time after September 2022.
        (datetime.datetime(2023, 7, 1, 12, tzinfo=datetime.UTC), datetime.timedelta(hours=3.5)),
        (datetime.datetime(2017, 1, 8, 12, tzinfo=datetime.UTC), datetime.timedelta(hours=3.5)),
    ],
)
def test_tehran_offset_follows_the_tz_database(
    moment: datetime.datetime, offset: datetime.timedelta
) -> None:
    assert to_local(moment, "Asia/Tehran").utcoffset() == offset


def test_to_local_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_local(datetime.datetime(2017, 1, 8, 15, 26), "Asia/Tehran")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("digits", "tz", "expected"),
    [
        ("persian", "Asia/Tehran", "۱۸:۵۶"),
        ("arabic", "Asia/Riyadh", "١٨:٢٦"),
        ("latin", "UTC", "15:26"),
    ],
)
def test_format_time_is_zero_padded_24_hour_local_time(digits: str, tz: str, expected: str) -> None:
    assert format_time(SAMPLE, digits=digits, tz=tz) == expected
    early = datetime.datetime(2017, 1, 8, 0, 5, tzinfo=datetime.UTC)
    assert format_time(early, digits="latin", tz="UTC") == "00:05"
