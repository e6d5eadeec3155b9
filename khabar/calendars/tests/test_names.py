import pytest

from khabar.calendars import Calendar, InvalidDate, MonthNames, month_name

GREGORIAN = Calendar.GREGORIAN


@pytest.mark.parametrize(
    ("month_names", "january", "march", "august", "december"),
    [
        (MonthNames.EGYPT, "يناير", "مارس", "أغسطس", "ديسمبر"),
        (MonthNames.LEVANT, "كانون الثاني", "آذار", "آب", "كانون الأول"),
        (MonthNames.MAGHREB, "جانفي", "مارس", "أوت", "ديسمبر"),
        (
            MonthNames.LEVANT_EGYPT,
            "كانون الثاني/يناير",
            "آذار/مارس",
            "آب/أغسطس",
            "كانون الأول/ديسمبر",
        ),
    ],
)
def test_arabic_gregorian_month_names_follow_the_editions_region(
    month_names: MonthNames, january: str, march: str, august: str, december: str
) -> None:
    names = [
        month_name(GREGORIAN, m, language="ar", month_names=month_names) for m in (1, 3, 8, 12)
    ]
    assert names == [january, march, august, december]


@pytest.mark.parametrize(
    ("calendar", "language", "month", "name"),
    [
        (Calendar.SOLAR_HIJRI, "fa", 10, "دی"),
        (Calendar.SOLAR_HIJRI, "ar", 10, "دی"),  # Iranian Arabic sites print Persian names
        (Calendar.SOLAR_HIJRI, "ar", 1, "فروردین"),
        (Calendar.SOLAR_HIJRI, "en", 10, "Dey"),
        (Calendar.SOLAR_HIJRI, "fa-IR", 12, "اسفند"),
        (GREGORIAN, "fa", 1, "ژانویه"),
        (GREGORIAN, "fa", 7, "ژوئیه"),
        (GREGORIAN, "en", 5, "May"),
        (Calendar.HIJRI, "ar", 9, "رمضان"),
        (Calendar.HIJRI, "fa", 3, "ربيع الأول"),
        (Calendar.HIJRI, "ar", 12, "ذو الحجة"),
        (Calendar.HIJRI, "en", 9, "Ramadan"),
    ],
)
def test_month_names_by_calendar_and_language(
    calendar: Calendar, language: str, month: int, name: str
) -> None:
    assert month_name(calendar, month, language=language) == name


def test_month_names_setting_only_affects_arabic_gregorian_names() -> None:
    for calendar in Calendar:
        for language in ("fa", "en"):
            names = {
                month_name(calendar, 1, language=language, month_names=choice)
                for choice in MonthNames
            }
            assert len(names) == 1
    assert month_name("hijri", 1, language="ar", month_names="levant") == "محرم"


def test_a_month_that_does_not_exist_is_invalid() -> None:
    with pytest.raises(InvalidDate, match="month 13 does not exist in the Hijri calendar"):
        month_name("hijri", 13, language="ar")


def test_an_unsupported_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="'de'"):
        month_name(GREGORIAN, 1, language="de")
