"""Every error page speaks the edition's language, with its lang and dir."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from khabar.articles.models import Article
from khabar.web import errors

EDITIONS = [("fa", "rtl", "خطای"), ("ar", "rtl", "خطأ"), ("en", "ltr", "error")]
TEXT = {
    404: {"fa": "صفحه", "ar": "الصفحة", "en": "Page not found"},
    405: {"fa": "خواندنی", "ar": "للقراءة", "en": "can only be read"},
    403: {"fa": "فرم", "ar": "النموذج", "en": "form"},
    400: {"fa": "درخواست نادرست", "ar": "طلب غير صالح", "en": "Bad request"},
    500: {"fa": "خطای کارساز", "ar": "خطأ في الخادم", "en": "Server error"},
}


def assert_page(html: str, language: str, direction: str, phrase: str) -> None:
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert phrase in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction", "_word"), EDITIONS)
def test_404_is_in_the_editions_language(
    client: Client, language: str, direction: str, _word: str
) -> None:
    response = client.get(f"/{language}/news/999999")
    assert response.status_code == 404
    assert_page(response.content.decode(), language, direction, TEXT[404][language])


@pytest.mark.parametrize(("language", "direction", "_word"), EDITIONS)
def test_405_is_in_the_editions_language(
    client: Client, sample_article: Article, language: str, direction: str, _word: str
) -> None:
    response = client.post(f"/{language}/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert_page(response.content.decode(), language, direction, TEXT[405][language])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "language", "direction"), [("ar", "ar", "rtl"), ("en", "en", "ltr")]
)
def test_a_csrf_failure_in_the_newsroom_follows_the_browsers_language(
    accept_language: str, language: str, direction: str
) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=accept_language)
    response = client.post("/newsroom/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert_page(response.content.decode(), language, direction, TEXT[403][language])


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction", "_word"), EDITIONS)
def test_a_bad_host_gets_a_400_page_in_the_editions_language(
    client: Client, language: str, direction: str, _word: str
) -> None:
    response = client.get(f"/{language}/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_page(response.content.decode(), language, direction, TEXT[400][language])


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction", "_word"), EDITIONS)
def test_the_500_page_is_localized_and_reads_no_database(
    django_assert_num_queries, language: str, direction: str, _word: str
) -> None:
    request = RequestFactory().get(f"/{language}/news/1")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert_page(response.content.decode(), language, direction, TEXT[500][language])
