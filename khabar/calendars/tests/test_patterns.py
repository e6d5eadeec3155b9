import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.calendars import (
    ARAB_PATTERN,
    DEFAULT_PATTERN,
    Calendar,
    InvalidDate,
    InvalidPattern,
    MonthNames,
    compile_pattern,
    era_marker,
    format_datetime,
    parse_date,
    parse_datetime,
    weekday_name,
)
from khabar.text import Digits

SAMPLE = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)  # 18:56 in Tehran
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("latin", "الأحد 10 ربيع الآخر 1438 هـ - 8 يناير 2017 م - 18:56"),
        ("arabic", "الأحد ١٠ ربيع الآخر ١٤٣٨ هـ - ٨ يناير ٢٠١٧ م - ١٨:٥٦"),
        ("persian", "الأحد ۱۰ ربيع الآخر ۱۴۳۸ هـ - ۸ يناير ۲۰۱۷ م - ۱۸:۵۶"),
    ],
)
def test_the_arab_news_line_for_a_hijri_arabic_edition(digits: str, expected: str) -> None:
    """2017-01-08 is 10 Rabi' al-Thani 1438 in Umm al-Qura; Egyptian Gregorian month names."""
    text = format_datetime(
        SAMPLE,
        calendar="hijri",
        secondary="gregorian",
        digits=digits,
        tz="Asia/Tehran",
        language="ar",
        month_names=MonthNames.EGYPT,
        pattern=ARAB_PATTERN,
    )
    assert text == expected
    assert parse_datetime(text, calendar="hijri", tz="Asia/Tehran") == SAMPLE


@pytest.mark.parametrize(
    ("language", "calendar", "secondary", "expected"),
    [
        ("fa", "solar_hijri", "hijri", "یکشنبه 19 دی 1395 ش - 10 ربيع الآخر 1438 ق - 18:56"),
        ("fa", "solar_hijri", "gregorian", "یکشنبه 19 دی 1395 ش - 8 ژانویه 2017 م - 18:56"),
        ("ar", "solar_hijri", "hijri", "الأحد 19 دی 1395 هـ.ش - 10 ربيع الآخر 1438 هـ - 18:56"),
        ("en", "hijri", "gregorian", "Sunday 10 Rabi al-Thani 1438 AH - 8 January 2017 CE - 18:56"),
        ("en", "solar_hijri", None, "Sunday 19 Dey 1395 SH - 18:56"),
    ],
)
def test_weekday_and_era_markers_follow_language_and_calendar(
    language: str, calendar: str, secondary: str | None, expected: str
) -> None:
    text = format_datetime(
        SAMPLE,
        calendar=calendar,
        secondary=secondary,
        digits="latin",
        tz="Asia/Tehran",
        language=language,
        pattern=ARAB_PATTERN,
    )
    assert text == expected


@pytest.mark.parametrize("pattern", [None, "", DEFAULT_PATTERN])
def test_the_default_pattern_is_the_line_khabar_always_showed(pattern: str | None) -> None:
    common = {"calendar": "solar_hijri", "digits": "persian", "tz": "Asia/Tehran"}
    alone = format_datetime(SAMPLE, language="ar", pattern=pattern, **common)
    both = format_datetime(SAMPLE, language="fa", secondary="gregorian", pattern=pattern, **common)
    assert alone == "۱۹ دی ۱۳۹۵ - ۱۸:۵۶"
    assert both == "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶"


def test_the_secondary_section_is_dropped_when_hijri_falls_back_to_gregorian() -> None:
    moment = datetime.datetime(2090, 1, 8, 9, 0, tzinfo=UTC)  # a Sunday, past the table
    text = format_datetime(
        moment,
        calendar="hijri",
        secondary="gregorian",
        digits="latin",
        tz="Asia/Riyadh",
        language="ar",
        pattern=ARAB_PATTERN,
    )
    assert text == "الأحد 8 يناير 2090 م - 12:00"
    assert parse_datetime(text, calendar="hijri", tz="Asia/Riyadh") == moment


def test_weekday_names_and_era_markers() -> None:
    assert [weekday_name(day, language="fa") for day in range(7)] == [
        "دوشنبه",
        "سه‌شنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
        "شنبه",
        "یکشنبه",
    ]
    assert weekday_name(6, language="ar") == "الأحد"
    assert weekday_name(5, language="ar-EG") == "السبت"
    assert weekday_name(0, language="en") == "Monday"
    assert era_marker(Calendar.HIJRI, language="fa") == "ق"
    assert era_marker("gregorian", language="en") == "CE"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{day} {month} {yaer}", r"unknown token \{yaer\}"),
        ("{day} {month}", r"lacks \{year\}"),
        ("{day} {month} {year} {day2} {month2}", r"\{day2\} must be inside the \[...\] section"),
        ("{day} {month} {year}[ - {time}]", "holds no secondary token"),
        ("{day} {month} {year}[ [{day2}]]", "cannot nest"),
        ("{day} {month} {year}[ {day2}", r"'\[' without '\]'"),
        ("{day} {month} {year}] {day2}", r"'\]' without '\['"),
        ("{day} {month} {year} {", "unmatched '{'"),
        ("{day} {month} {year} - {time} {time}", r"\{time\} appears twice"),
        ("{day} {month} {year} ساعت {time}", "holds letters or digits"),
        ("{day} {month} {year} 2 {time}", "holds letters or digits"),
        ("{day} {month} {year}[ {day2}][ {era2}]", "only one bracketed section"),
    ],
)
def test_a_bad_pattern_is_refused_with_the_problem_named(pattern: str, message: str) -> None:
    with pytest.raises(InvalidPattern, match=message):
        compile_pattern(pattern)
    with pytest.raises(ValueError, match=message):
        format_datetime(
            SAMPLE, calendar="gregorian", digits="latin", tz="UTC", language="en", pattern=pattern
        )


@pytest.mark.parametrize(
    "text",
    [
        "الأحد 10 ربيع الآخر 1438 هـ - 8 يناير 2017 م - 18:56",
        "الأحد، ١٠ ربيع الآخر ١٤٣٨هـ / ٨ يناير ٢٠١٧م - ١٨:٥٦",
        "8 يناير 2017 م - 10 ربيع الثاني 1438 هـ - 18:56",  # secondary first
        "18:56 الأحد 10 ربيع الآخر 1438",  # time first
        "10 ربيع الآخر 1438 ه‍.ق 18:56",
        "10 ربيع الآخر 1438 هجری قمری 18:56",
    ],
)
def test_weekdays_era_markers_and_both_dates_read_back(text: str) -> None:
    assert parse_datetime(text, calendar="hijri", tz="Asia/Tehran") == SAMPLE


@pytest.mark.parametrize(
    "text",
    [
        "یکشنبه ۱۹ دی ۱۳۹۵ ه‍.ش - ۱۸:۵۶",
        "يک‌شنبه ۱۹ دی ۱۳۹۵ - ۱۸:۵۶",
        "یک شنبه ۱۹ دی ۱۳۹۵ ش (۸ ژانویه ۲۰۱۷ م) ساعت ۱۸:۵۶",
        "Sun 19 Dey 1395 SH - 18:56",
    ],
)
def test_persian_and_english_weekdays_read_back(text: str) -> None:
    assert parse_datetime(text, calendar="solar_hijri", tz="Asia/Tehran") == SAMPLE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("الاثنين 10 ربيع الآخر 1438 هـ - 18:56", "says Monday .* but 2017-01-08 is a Sunday"),
        ("Friday 8 January 2017", "says Friday .* but 2017-01-08 is a Sunday"),
        ("10 ربيع الآخر 1438 - 9 يناير 2017", "two different days, 2017-01-08 and 2017-01-09"),
        ("الأحد الأحد 10 ربيع الآخر 1438", "could not read a date"),
        ("10 ربيع الآخر 1438 - 18:56 - 18:57", "could not read a date"),
        ("10 ربيع الآخر 1438 خبر", "could not read a date"),
        ("هـ - 18:56", "could not read a date"),
        ("19 دی 1395 - 19 دی 1395", "could not read a date"),  # neither Hijri nor Gregorian
    ],
)
def test_a_contradicting_weekday_or_second_date_is_invalid(text: str, message: str) -> None:
    calendar = "gregorian" if text.startswith("Friday") else "hijri"
    with pytest.raises(InvalidDate, match=message):
        parse_datetime(text, calendar=calendar, tz="Asia/Tehran")


def test_parse_date_takes_a_weekday_and_era_but_no_time() -> None:
    assert parse_date("الأحد 8 يناير 2017 م", calendar="gregorian") == datetime.date(2017, 1, 8)
    with pytest.raises(InvalidDate):
        parse_date("الأحد 8 يناير 2017 م - 18:56", calendar="gregorian")


def test_month_name_keys_belong_to_one_calendar_each() -> None:
    """A date's calendar is told by its month name, so no spelling may name two calendars."""
    from khabar.calendars.parsing import _month_by_name

    assert {key: c for key, c in _month_by_name().items() if len(c) > 1} == {}


PATTERNS = [
    DEFAULT_PATTERN,
    ARAB_PATTERN,
    "{time}، {weekday} {day} {month} {year}",
    "[{day2} {month2} {year2} {era2} | ]{day} {month} {year} {era} {time}",  # secondary first
    "{weekday}، {day} {month} {year}[ ({day2} {month2} {year2})]",
]


@settings(max_examples=400, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime.datetime(1900, 1, 1),  # noqa: DTZ001
        max_value=datetime.datetime(2076, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ).map(lambda moment: moment.replace(second=0, microsecond=0)),
    calendar=st.sampled_from(list(Calendar)),
    secondary=st.sampled_from([None, *Calendar]),
    digits=st.sampled_from(list(Digits)),
    language=st.sampled_from(["ar", "fa", "en"]),
    month_names=st.sampled_from(list(MonthNames)),
    tz=st.sampled_from(["Asia/Tehran", "Asia/Riyadh", "UTC"]),
    pattern=st.sampled_from(PATTERNS),
)
def test_every_pattern_reads_back_to_the_same_minute(
    moment: datetime.datetime,
    calendar: Calendar,
    secondary: Calendar | None,
    digits: Digits,
    language: str,
    month_names: MonthNames,
    tz: str,
    pattern: str,
) -> None:
    text = format_datetime(
        moment,
        calendar=calendar,
        secondary=secondary,
        digits=digits,
        tz=tz,
        language=language,
        month_names=month_names,
        pattern=pattern,
    )
    local = moment.astimezone(zoneinfo.ZoneInfo(tz))
    if "{time}" in pattern:
        expected = local.replace(second=0, fold=0).astimezone(UTC)
    else:
        expected = datetime.datetime.combine(
            local.date(), datetime.time(), tzinfo=zoneinfo.ZoneInfo(tz)
        ).astimezone(UTC)
    assert parse_datetime(text, calendar=calendar, tz=tz) == expected
