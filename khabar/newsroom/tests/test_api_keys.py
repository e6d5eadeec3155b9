"""/newsroom/api-keys/: admins make a key (its secret shown once) and revoke it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.apikeys.models import ApiKey

pytestmark = pytest.mark.django_db

SignedIn = Callable[[Any], Client]
URL = "/newsroom/api-keys/"


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
def test_only_admins_see_the_keys(newsroom: Any, signed_in: SignedIn, who: str) -> None:
    client = signed_in(getattr(newsroom, who))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "x", "per_minute": "10"}).status_code == 403
    assert not ApiKey.objects.exists()


def test_a_new_key_is_shown_once(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.admin)

    made = client.post(URL, {"name": "وكالة الأنباء", "per_minute": "600"})

    api_key = ApiKey.objects.get()
    secret = made.context["secret"]
    assert made.status_code == 200
    assert secret.startswith(api_key.prefix)
    assert secret in made.content.decode()
    listed = client.get(URL).content.decode()
    assert "وكالة الأنباء" in listed
    assert api_key.prefix in listed
    assert secret not in listed


def test_a_bad_key_form_says_what_is_wrong(newsroom: Any, signed_in: SignedIn) -> None:
    refused = signed_in(newsroom.admin).post(URL, {"name": "x", "per_minute": "0"})

    assert refused.status_code == 400
    assert "per_minute" in refused.context["form"].errors
    assert not ApiKey.objects.exists()


def test_an_admin_revokes_a_key(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.admin)
    client.post(URL, {"name": "وكالة", "per_minute": "60"})
    api_key = ApiKey.objects.get()

    response = client.post(f"{URL}{api_key.pk}/revoke/")

    assert response.status_code == 302
    api_key.refresh_from_db()
    assert not api_key.is_active
    assert client.get(f"{URL}{api_key.pk}/revoke/").status_code == 405
    assert client.post(f"{URL}999999/revoke/").status_code == 404
