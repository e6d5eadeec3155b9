"""Sign-in to the newsroom is throttled per account and per client address."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import User
from django.test import Client
from pytest_django import Settings

LOGIN = "/newsroom/admin/login/"
PASSWORD = "a-long-enough-password"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db: None) -> User:
    return User.objects.create_user("editor", "e@example.com", PASSWORD, is_staff=True)


def sign_in(client: Client, username: str, password: str, **meta: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def test_the_right_password_signs_in(editor: User) -> None:
    response = sign_in(Client(), "editor", PASSWORD)
    assert response.status_code == 302


def test_after_the_failure_limit_even_the_right_password_is_refused_with_429(
    editor: User, settings
) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert sign_in(client, "editor", "wrong").status_code == 429
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "_auth_user_id" not in client.session


def test_an_account_is_protected_whichever_address_the_guesses_come_from(
    editor: User, settings
) -> None:
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{number}"), "editor", "wrong")
    response = sign_in(Client(REMOTE_ADDR="203.0.113.9"), "editor", PASSWORD)
    assert response.status_code == 429


def test_one_address_guessing_many_accounts_is_stopped(editor: User, settings) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone{number}", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # Another address can still sign in to the account.
    assert sign_in(Client(REMOTE_ADDR="203.0.113.9"), "editor", PASSWORD).status_code == 302


def test_a_spoofed_x_forwarded_for_does_not_reset_the_count(editor: User, settings) -> None:
    """Without a configured proxy the header is the client's own words and is ignored."""
    client = Client(REMOTE_ADDR="198.51.100.7")
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    response = sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_behind_the_proxy_the_address_it_appended_counts_not_the_one_the_client_wrote(
    editor: User, settings
) -> None:
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for number in range(settings.AXES_FAILURE_LIMIT):
        forwarded = f"192.0.2.{number}, 198.51.100.7"  # the client wrote the first part
        sign_in(proxy, f"someone{number}", "wrong", HTTP_X_FORWARDED_FOR=forwarded)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    blocked = sign_in(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7")
    assert blocked.status_code == 429
    other = sign_in(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("accept_language", "language", "phrase"),
    [("ar", "ar", "محاولات"), ("fa-IR,fa;q=0.9", "fa", "تلاش"), ("en-US", "en", "Too many")],
)
def test_the_lockout_page_speaks_the_browsers_language(
    editor: User, settings, accept_language: str, language: str, phrase: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert phrase in html


def test_every_failed_attempt_is_recorded(editor: User) -> None:
    for _ in range(3):
        sign_in(Client(REMOTE_ADDR="198.51.100.7"), "editor", "wrong")
    assert AccessFailureLog.objects.filter(username="editor").count() == 3
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start == 3
