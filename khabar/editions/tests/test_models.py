import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from khabar.calendars import ARAB_PATTERN
from khabar.editions.models import Edition


def edition(**fields: str) -> Edition:
    base = {
        "code": "hj",
        "name": "Hijri",
        "language": "ar",
        "direction": "rtl",
        "calendar": "hijri",
        "secondary_calendar": "gregorian",
        "digits": "arabic",
        "time_zone": "Asia/Riyadh",
    }
    return Edition(**(base | fields))


@pytest.mark.parametrize("pattern", ["", ARAB_PATTERN, "{day} {month} {year} - {time}"])
def test_a_blank_or_well_formed_date_pattern_is_accepted(db: None, pattern: str) -> None:
    edition(date_pattern=pattern).full_clean()


def date_pattern_error(pattern: str, *, language: str) -> str:
    # The message is lazy, translated when read: it is read inside the override.
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            edition(date_pattern=pattern).full_clean()
        [message] = error.value.message_dict["date_pattern"]
        return str(message)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{day} {month} {yr} - {time}", "unknown token {yr}"),
        ("{day} {month} {year} {day2}", "{day2} must be inside the [...] section"),
        ("{day} {month} - {time}", "lacks {year}"),
        ("{day} {month} {year} ساعت {time}", "holds letters or digits"),
    ],
)
def test_a_bad_date_pattern_is_a_validation_error_naming_the_problem(
    db: None, pattern: str, problem: str
) -> None:
    message = date_pattern_error(pattern, language="en")
    assert message.startswith("This is not a date pattern Khabar can show and read back: ")
    assert problem in message


def test_the_date_pattern_error_speaks_the_admins_language(db: None) -> None:
    message = date_pattern_error("{dya}", language="ar")
    assert message.startswith("هذا ليس نمط تاريخ")
    assert "unknown token {dya}" in message


def test_the_seeded_editions_keep_the_default_pattern(db: None) -> None:
    assert set(Edition.objects.values_list("date_pattern", flat=True)) == {""}
