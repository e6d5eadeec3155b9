"""Month and weekday names and era markers for display, and every spelling the parser accepts."""

from __future__ import annotations

import enum

from khabar.calendars.conversion import Calendar, InvalidDate

__all__ = ["MonthNames", "era_marker", "month_name", "weekday_name"]


class MonthNames(enum.StrEnum):
    """How an Arabic edition names Gregorian months; its readers' region decides."""

    EGYPT = "egypt"
    LEVANT = "levant"
    MAGHREB = "maghreb"
    LEVANT_EGYPT = "levant_egypt"  # "كانون الثاني/يناير", common in Syrian and Lebanese papers


def _months(names: str) -> tuple[str, ...]:
    months = tuple(names.split(","))
    if len(months) != 12:
        raise ValueError(f"expected 12 month names, got {len(months)}")
    return months


SOLAR_HIJRI_PERSIAN = _months("فروردین,اردیبهشت,خرداد,تیر,مرداد,شهریور,مهر,آبان,آذر,دی,بهمن,اسفند")
SOLAR_HIJRI_ENGLISH = _months(
    "Farvardin,Ordibehesht,Khordad,Tir,Mordad,Shahrivar,Mehr,Aban,Azar,Dey,Bahman,Esfand"
)
GREGORIAN_PERSIAN = _months("ژانویه,فوریه,مارس,آوریل,مه,ژوئن,ژوئیه,اوت,سپتامبر,اکتبر,نوامبر,دسامبر")
GREGORIAN_ENGLISH = _months(
    "January,February,March,April,May,June,July,August,September,October,November,December"
)
GREGORIAN_ARABIC = {
    MonthNames.EGYPT: _months(
        "يناير,فبراير,مارس,أبريل,مايو,يونيو,يوليو,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر"
    ),
    MonthNames.LEVANT: _months(
        "كانون الثاني,شباط,آذار,نيسان,أيار,حزيران,"
        "تموز,آب,أيلول,تشرين الأول,تشرين الثاني,كانون الأول"
    ),
    MonthNames.MAGHREB: _months(
        "جانفي,فيفري,مارس,أفريل,ماي,جوان,جويلية,أوت,سبتمبر,أكتوبر,نوفمبر,ديسمبر"
    ),
}
GREGORIAN_ARABIC[MonthNames.LEVANT_EGYPT] = tuple(
    f"{levant}/{egypt}"
    for levant, egypt in zip(
        GREGORIAN_ARABIC[MonthNames.LEVANT], GREGORIAN_ARABIC[MonthNames.EGYPT], strict=True
    )
)
HIJRI_ARABIC = _months(
    "محرم,صفر,ربيع الأول,ربيع الآخر,جمادى الأولى,جمادى الآخرة,"
    "رجب,شعبان,رمضان,شوال,ذو القعدة,ذو الحجة"
)
HIJRI_ENGLISH = _months(
    "Muharram,Safar,Rabi al-Awwal,Rabi al-Thani,Jumada al-Ula,Jumada al-Akhirah,"
    "Rajab,Shaban,Ramadan,Shawwal,Dhu al-Qadah,Dhu al-Hijjah"
)

# Other spellings readers and wire services use, accepted by the parser but never printed.
# Variants differing only in ي/ی, ك/ک, hamza, ZWNJ or spacing need no entry: the parser
# compares normalized words.
_VARIANTS: dict[Calendar, dict[int, tuple[str, ...]]] = {
    Calendar.SOLAR_HIJRI: {
        5: ("امرداد", "Amordad"),
        10: ("Dei", "Day"),
        12: ("Espand",),
    },
    Calendar.GREGORIAN: {
        # Moroccan names, and Egyptian spellings with teh marbuta.
        6: ("يونية",),
        7: ("يولية", "يوليوز", "جولای"),
        8: ("غشت", "آگوست"),
        9: ("شتنبر", "Sept"),
        5: ("می",),
        11: ("نونبر",),
        12: ("دجنبر",),
    },
    Calendar.HIJRI: {
        1: ("المحرم", "محرم الحرام"),
        3: ("Rabi al-Awal",),
        4: ("ربيع الثاني", "Rabi al-Akhir", "Rabi al-Akhar"),
        5: ("جمادى الأول", "Jumada al-Awwal", "Jumada al-Oula"),
        6: (
            "جمادى الثانية",
            "جمادى الآخر",
            "Jumada al-Thani",
            "Jumada al-Thaniyah",
            "Jumada al-Akhira",
        ),
        8: ("Shaaban",),
        9: ("Ramazan",),
        11: ("ذي القعدة", "Dhu al-Qidah", "Dhul Qadah", "Dhul Qidah"),
        12: ("ذي الحجة", "Dhu al-Hijja", "Dhul Hijjah"),
    },
}


def _supported_language(language: str) -> str:
    primary = language.replace("_", "-").split("-")[0].lower()
    if primary not in {"ar", "fa", "en"}:
        raise ValueError(f"no month names for language {language!r}; expected ar, fa or en")
    return primary


def month_name(
    calendar: Calendar | str,
    month: int,
    *,
    language: str,
    month_names: MonthNames | str = MonthNames.EGYPT,
) -> str:
    """Name `month` of `calendar` as a `language` ("ar", "fa", "en"; "fa-IR" works) reader expects.

    Solar Hijri months keep their Persian names on Arabic-language pages too, as Iranian
    Arabic sites print them; Hijri months keep their Arabic names on Persian pages.
    `month_names` only matters for Gregorian months in Arabic.
    """
    calendar = Calendar(calendar)
    language = _supported_language(language)
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} does not exist in the {calendar.label} calendar")
    return _display_names(calendar, language, MonthNames(month_names))[month - 1]


def _display_names(calendar: Calendar, language: str, month_names: MonthNames) -> tuple[str, ...]:
    english = language == "en"
    if calendar is Calendar.SOLAR_HIJRI:
        return SOLAR_HIJRI_ENGLISH if english else SOLAR_HIJRI_PERSIAN
    if calendar is Calendar.HIJRI:
        return HIJRI_ENGLISH if english else HIJRI_ARABIC
    if english:
        return GREGORIAN_ENGLISH
    return GREGORIAN_PERSIAN if language == "fa" else GREGORIAN_ARABIC[month_names]


def spellings(calendar: Calendar) -> dict[str, int]:
    """Every accepted spelling of every month of `calendar`, to its month number."""
    names: list[tuple[str, ...]]
    if calendar is Calendar.SOLAR_HIJRI:
        names = [SOLAR_HIJRI_PERSIAN, SOLAR_HIJRI_ENGLISH]
    elif calendar is Calendar.HIJRI:
        names = [HIJRI_ARABIC, HIJRI_ENGLISH]
    else:
        abbreviations = tuple(name[:3] for name in GREGORIAN_ENGLISH)
        names = [GREGORIAN_PERSIAN, GREGORIAN_ENGLISH, abbreviations, *GREGORIAN_ARABIC.values()]
    result = {name: month for table in names for month, name in enumerate(table, start=1)}
    for month, variants in _VARIANTS[calendar].items():
        result.update(dict.fromkeys(variants, month))
    return result


# Weekdays in Python's order (Monday first), as datetime.date.weekday() counts them.
WEEKDAYS = {
    "fa": ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
# Accepted by the parser, never printed; hamza and ZWNJ variants need no entry, but a space
# where a ZWNJ belongs does.
_WEEKDAY_VARIANTS = {
    **{name[:3]: day for day, name in enumerate(WEEKDAYS["en"])},
    "سه شنبه": 1,
    "پنج شنبه": 3,
    "یک شنبه": 6,
}

# The marker after a year. Persian pages write ق and ش for the lunar and solar Hijri years:
# a single letter reads the same in every font, where ه‍.ق needs a zero-width joiner that
# editors drop and bidi reordering can move the dot; ه‍.ق and هـ.ق are still read back.
# English Gregorian years get CE, not nothing: a pattern only asks for {era} beside another
# calendar's year ("1438 AH - 2017 CE"), and an English edition showing one calendar leaves
# {era} out.
ERAS = {
    Calendar.HIJRI: {"ar": "هـ", "fa": "ق", "en": "AH"},
    Calendar.GREGORIAN: {"ar": "م", "fa": "م", "en": "CE"},
    Calendar.SOLAR_HIJRI: {"ar": "هـ.ش", "fa": "ش", "en": "SH"},
}
_ERA_VARIANTS = (
    "ه‍.ق",
    "هـ.ق",
    "ه‍.ش",
    "هجری قمری",
    "هجری شمسی",
    "هجري",
    "قمری",
    "شمسی",
    "میلادی",
    "ميلادي",
    "AD",
)


def weekday_name(weekday: int, *, language: str) -> str:
    """Name `weekday` (0 is Monday, as date.weekday() counts) in `language` ("ar", "fa", "en")."""
    return WEEKDAYS[_supported_language(language)][weekday]


def era_marker(calendar: Calendar | str, *, language: str) -> str:
    """The marker a `language` reader expects after a year of `calendar`: "هـ", "ش", "CE"…"""
    return ERAS[Calendar(calendar)][_supported_language(language)]


def weekday_spellings() -> dict[str, int]:
    """Every accepted spelling of every weekday, to its number (0 is Monday)."""
    result = {name: day for names in WEEKDAYS.values() for day, name in enumerate(names)}
    result.update(_WEEKDAY_VARIANTS)
    return result


def era_spellings() -> tuple[str, ...]:
    """Every era marker the parser skips."""
    printed = {marker for markers in ERAS.values() for marker in markers.values()}
    return (*sorted(printed), *_ERA_VARIANTS)
