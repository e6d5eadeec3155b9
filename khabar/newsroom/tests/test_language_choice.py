"""The interface language is the staff member's choice, whatever edition they work in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from khabar.newsroom.tests.conftest import Signed
from khabar.staff.models import StaffPreference

pytestmark = pytest.mark.django_db


def _lang(client: Client, path: str = "/newsroom/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.headers["Content-Language"]


def test_without_a_choice_the_newsroom_speaks_the_browsers_language(
    newsroom: Any, signed_in: Signed
) -> None:
    assert _lang(signed_in(newsroom.editor)) == "en"
    client = Client(HTTP_ACCEPT_LANGUAGE="fa")
    client.force_login(newsroom.editor)
    assert _lang(client) == "fa"


def test_a_chosen_language_wins_over_the_browser_and_follows_the_account(
    newsroom: Any, signed_in: Signed
) -> None:
    # An Arabic edition's editor who reads the newsroom in Persian, on a browser set to English.
    client = signed_in(newsroom.editor)
    switched = client.post(
        "/newsroom/language/", {"language": "fa", "next": "/newsroom/articles/?status=draft"}
    )
    assert switched.status_code == 302
    assert switched.headers["Location"] == "/newsroom/articles/?status=draft"
    assert _lang(client, "/newsroom/articles/") == "fa"
    assert 'lang="fa" dir="rtl"' in client.get("/newsroom/").content.decode()
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="ar")
    elsewhere.force_login(newsroom.editor)
    assert _lang(elsewhere) == "fa"
    client.post("/newsroom/language/", {"language": "", "next": "/newsroom/"})
    assert _lang(client) == "en"
    assert StaffPreference.objects.get(user=newsroom.editor).language == ""


def test_the_header_switch_shows_the_current_choice(newsroom: Any, signed_in: Signed) -> None:
    client = signed_in(newsroom.reporter)
    client.post("/newsroom/language/", {"language": "ar"})
    html = client.get("/newsroom/").content.decode()
    switch = html.split('class="nr-language"')[1].split("</form>")[0]
    assert '<option value="ar" selected>' in switch
    assert 'name="next" value="/newsroom/"' in switch


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/fa/"])
def test_the_switch_goes_back_only_to_a_newsroom_page(
    newsroom: Any, signed_in: Signed, target: str
) -> None:
    response = signed_in(newsroom.editor).post(
        "/newsroom/language/", {"language": "ar", "next": target}
    )
    assert response.headers["Location"] == "/newsroom/"


def test_an_unknown_language_is_said_and_nothing_changes(newsroom: Any, signed_in: Signed) -> None:
    client = signed_in(newsroom.editor)
    response = client.post("/newsroom/language/", {"language": "de", "next": "/newsroom/"})
    assert response.status_code == 400
    assert "Select a valid choice. de is not one of the available choices." in (
        response.content.decode()
    )
    assert not StaffPreference.objects.filter(user=newsroom.editor).exists()
    assert client.get("/newsroom/language/").status_code == 405


def test_the_sign_in_page_needs_no_account_to_pick_a_language() -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="ar").get("/newsroom/login/")
    assert response.status_code == 200
    assert 'lang="ar"' in response.content.decode()
