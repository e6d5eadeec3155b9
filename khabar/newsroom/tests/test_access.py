"""Who gets into the newsroom's pages, and in which language."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client


def test_a_signed_out_visitor_is_sent_to_the_sign_in_page(client: Client, db: None) -> None:
    response = client.get("/newsroom/")
    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/?next=/newsroom/")


def test_an_account_without_a_newsroom_role_is_told_why_it_cannot_enter(
    client: Client, db: None
) -> None:
    user = get_user_model().objects.create_user("reader", password="reader-password")
    client.force_login(user)
    response = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "no newsroom role" in response.content.decode()


def test_staff_sign_in_and_reach_the_dashboard_never_cached(client: Client, newsroom: Any) -> None:
    response = client.post(
        "/newsroom/login/",
        {"username": "reporter_ar", "password": "reporter_ar-password", "next": "/newsroom/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/newsroom/"
    page = client.get("/newsroom/")
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]


@pytest.mark.parametrize(
    ("language", "direction", "text"),
    [("ar", "rtl", 'lang="ar"'), ("fa", "rtl", 'lang="fa"'), ("en", "ltr", 'lang="en"')],
)
def test_the_newsroom_speaks_the_browsers_language_in_its_direction(
    client: Client, newsroom: Any, language: str, direction: str, text: str
) -> None:
    client.force_login(newsroom.editor)
    page = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert text in page
    assert f'dir="{direction}"' in page


def test_the_sign_in_page_answers_in_the_browsers_language(client: Client, db: None) -> None:
    page = client.get("/newsroom/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
