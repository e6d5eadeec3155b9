import datetime
from types import SimpleNamespace

from django.template import Context, Template

from khabar.calendars import ARAB_PATTERN

SAMPLE = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)


def render(edition: SimpleNamespace) -> str:
    template = Template("{% load khabar %}{{ moment|edition_datetime:edition }}")
    return template.render(Context({"moment": SAMPLE, "edition": edition}))


def hijri_edition(**fields: str) -> SimpleNamespace:
    """What the filter reads of an Edition (core sits below the editions app)."""
    return SimpleNamespace(
        language="ar",
        calendar="hijri",
        secondary_calendar="gregorian",
        digits="arabic",
        month_names="egypt",
        time_zone="Asia/Tehran",
        **fields,
    )


def test_an_edition_date_pattern_lays_out_its_dates() -> None:
    assert render(hijri_edition(date_pattern=ARAB_PATTERN)) == (
        "الأحد ١٠ ربيع الآخر ١٤٣٨ هـ - ٨ يناير ٢٠١٧ م - ١٨:٥٦"
    )


def test_a_blank_date_pattern_keeps_the_default_line() -> None:
    assert render(hijri_edition(date_pattern="")) == "١٠ ربيع الآخر ١٤٣٨ (٨ يناير ٢٠١٧) - ١٨:٥٦"


def test_editions_differing_only_in_pattern_do_not_share_cached_text() -> None:
    assert render(hijri_edition(date_pattern="")) != render(
        hijri_edition(date_pattern=ARAB_PATTERN)
    )
