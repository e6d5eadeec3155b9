"""Sign-ins, failures, lock-outs and sign-outs at /newsroom/login/ land in the audit log."""

from __future__ import annotations

from typing import Any

from django.test import Client

from khabar.audit.models import AuditEntry

LOGIN = "/newsroom/login/"
LOGOUT = "/newsroom/logout/"


def sign_in(client: Client, username: str, password: str, **meta: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_a_sign_in_is_logged_with_the_account_and_its_address(newsroom: Any) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, "reporter_ar", "reporter_ar-password").status_code == 302
    [entry] = entries(AuditEntry.Action.LOGIN)
    assert entry.actor == newsroom.reporter
    assert entry.actor_name == "reporter_ar"
    assert (entry.target_type, entry.target_id) == ("user", str(newsroom.reporter.pk))
    assert entry.data == {"address": "198.51.100.7"}


def test_a_failed_sign_in_is_logged_with_the_username_tried_and_the_address(
    newsroom: Any,
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, "reporter_ar", "wrong").status_code == 200
    [entry] = entries(AuditEntry.Action.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.actor_name == "[anonymous]"
    assert entry.data == {"username": "reporter_ar", "address": "198.51.100.7"}
    assert entry.target_id == str(newsroom.reporter.pk)
    assert not entries(AuditEntry.Action.LOGIN)


def test_a_failed_sign_in_for_an_unknown_name_is_logged_without_a_target(db: None) -> None:
    sign_in(Client(REMOTE_ADDR="198.51.100.7"), "nobody<b>", "wrong")
    [entry] = entries(AuditEntry.Action.LOGIN_FAILED)
    assert entry.target_id == ""
    assert entry.data["username"] == "nobody<b>"


def test_a_spoofed_x_forwarded_for_is_not_the_address_logged(newsroom: Any) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    sign_in(client, "reporter_ar", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.1")
    sign_in(client, "reporter_ar", "reporter_ar-password", HTTP_X_FORWARDED_FOR="192.0.2.1")
    logged = [entry.data["address"] for entry in AuditEntry.objects.order_by("id")]
    assert logged == ["198.51.100.7", "198.51.100.7"]


def test_behind_the_trusted_proxy_the_address_it_appended_is_logged(
    newsroom: Any, settings: Any
) -> None:
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    sign_in(proxy, "reporter_ar", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")
    [entry] = entries(AuditEntry.Action.LOGIN_FAILED)
    assert entry.data["address"] == "198.51.100.7"


def test_a_lock_out_is_logged_and_so_is_each_attempt_refused_during_it(
    newsroom: Any, settings: Any
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "reporter_ar", "wrong")
    [locked] = entries(AuditEntry.Action.LOGIN_LOCKED_OUT)
    assert locked.data == {"username": "reporter_ar", "address": "198.51.100.7"}
    assert locked.target_id == str(newsroom.reporter.pk)

    refused = sign_in(client, "reporter_ar", "reporter_ar-password")
    assert refused.status_code == 429
    assert len(entries(AuditEntry.Action.LOGIN_LOCKED_OUT)) == 2
    assert not entries(AuditEntry.Action.LOGIN)


def test_a_sign_out_is_logged(newsroom: Any) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    sign_in(client, "editor_ar", "editor_ar-password")
    assert client.post(LOGOUT).status_code == 302
    [entry] = entries(AuditEntry.Action.LOGOUT)
    assert entry.actor == newsroom.editor
    assert entry.data == {"address": "198.51.100.7"}


def test_signing_out_when_not_signed_in_logs_nothing(db: None) -> None:
    Client().post(LOGOUT)
    assert not AuditEntry.objects.exists()
