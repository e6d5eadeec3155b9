"""/newsroom/editions/: admins change an edition's settings and see its dates as it shows them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client

from khabar.audit.models import AuditEntry
from khabar.calendars import ARAB_PATTERN
from khabar.editions.models import Edition

SignedIn = Callable[[Any], Client]

# 8 January 2017, 15:56 UTC: 18:56 in Riyadh.
INSTANT = datetime.datetime(2017, 1, 8, 15, 56, tzinfo=datetime.UTC)


def settings_of(edition: Edition, **changes: Any) -> dict[str, Any]:
    return {
        "name": edition.name,
        "calendar": edition.calendar,
        "secondary_calendar": edition.secondary_calendar,
        "digits": edition.digits,
        "month_names": edition.month_names,
        "time_zone": edition.time_zone,
        "date_pattern": edition.date_pattern,
        **changes,
    }


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
def test_only_admins_change_editions(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, who: str
) -> None:
    client = signed_in(getattr(newsroom, who))
    for response in (
        client.get("/newsroom/editions/"),
        client.get("/newsroom/editions/ar/"),
        client.post("/newsroom/editions/ar/", settings_of(edition_ar, name="x")),
    ):
        assert response.status_code == 403
        assert "Only an admin can do this." in response.content.decode()
    edition_ar.refresh_from_db()
    assert edition_ar.name != "x"


def test_the_arab_date_pattern_is_saved_and_shown_on_the_current_time(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    client = signed_in(newsroom.admin)
    response = client.post(
        "/newsroom/editions/ar/",
        settings_of(
            edition_ar,
            calendar="hijri",
            secondary_calendar="gregorian",
            digits="arabic",
            time_zone="Asia/Riyadh",
            date_pattern=ARAB_PATTERN,
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    edition_ar.refresh_from_db()
    assert edition_ar.date_pattern == ARAB_PATTERN
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EDITION_CHANGE).count() == 1
    with time_machine.travel(INSTANT, tick=False):
        page = client.get("/newsroom/editions/ar/").content.decode()
    assert "الأحد ١٠ ربيع الآخر ١٤٣٨ هـ - ٨ يناير ٢٠١٧ م - ١٨:٥٦" in page


def test_the_editions_list_shows_each_editions_current_time(
    newsroom: Any, signed_in: SignedIn
) -> None:
    with time_machine.travel(INSTANT, tick=False):
        page = signed_in(newsroom.admin).get("/newsroom/editions/").content.decode()
    assert "۱۹ دی ۱۳۹۵" in page  # the Persian edition, Solar Hijri


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_pattern": "{day} {month} {nonsense}"}, "not a date pattern Khabar can show"),
        ({"time_zone": "Mars/Olympus"}, "Mars/Olympus is not a known time zone."),
        ({"name": ""}, "This field cannot be blank."),
        ({"digits": "roman"}, "Select a valid choice"),
    ],
)
def test_bad_edition_settings_are_explained_and_what_was_typed_kept(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, changes: dict[str, Any], message: str
) -> None:
    before = Edition.objects.get(pk=edition_ar.pk)
    response = signed_in(newsroom.admin).post(
        "/newsroom/editions/ar/", settings_of(edition_ar, **changes)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    for value in changes.values():
        if value and value != "roman":
            assert f'value="{value}"' in html
    edition_ar.refresh_from_db()
    assert settings_of(edition_ar) == settings_of(before)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EDITION_CHANGE).exists()


def test_an_unknown_edition_is_404(newsroom: Any, signed_in: SignedIn) -> None:
    assert signed_in(newsroom.admin).get("/newsroom/editions/xx/").status_code == 404
