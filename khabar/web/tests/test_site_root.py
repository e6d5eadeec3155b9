"""`/` sends readers to an edition: the one their browser asks for, else the default."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from khabar.editions.models import Edition


@pytest.mark.parametrize(
    ("accept_language", "location"),
    [
        ("ar", "/ar/"),
        ("en-US,en;q=0.9", "/en/"),
        ("ar-IQ", "/ar/"),
        ("FA-ir", "/fa/"),
        # Preference follows the q-values, not the order written.
        ("en;q=0.4, ar;q=0.8", "/ar/"),
        # Languages no edition has are skipped, not taken as a reason to give up.
        ("de-DE,de;q=0.9,en;q=0.5", "/en/"),
        # q=0 means "not this one".
        ("ar;q=0, en;q=0.1", "/en/"),
        ("", "/fa/"),
        ("*", "/fa/"),
        ("de", "/fa/"),
        ("en;q=abc", "/fa/"),
        ("x" * 2000, "/fa/"),
    ],
)
def test_root_redirects_to_the_edition_the_reader_asks_for(
    client: Client, edition_fa: Edition, accept_language: str, location: str
) -> None:
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == location
    assert "Accept-Language" in response["Vary"]


def test_root_falls_back_to_the_configured_default_edition(
    client: Client, edition_en: Edition, settings: Any
) -> None:
    settings.DEFAULT_EDITION = "en"
    assert client.get("/", headers={"accept-language": "de"})["Location"] == "/en/"


def test_an_unknown_default_edition_falls_back_to_the_first(
    client: Client, edition_en: Edition, settings: Any
) -> None:
    settings.DEFAULT_EDITION = "xx"
    first = Edition.objects.order_by("position", "code").first()
    assert first is not None
    assert client.get("/")["Location"] == f"/{first.code}/"


@pytest.mark.django_db
def test_root_is_a_404_before_any_edition_exists(client: Client) -> None:
    Edition.objects.all().delete()
    assert client.get("/").status_code == 404


def test_the_root_redirect_is_not_stored_in_the_page_cache(
    client: Client, edition_fa: Edition, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    client.get("/", headers={"accept-language": "en"})
    assert client.get("/", headers={"accept-language": "ar"})["Location"] == "/ar/"
