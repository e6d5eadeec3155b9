"""Sign-ins, failed sign-ins, lock-outs and sign-outs, in the audit log.

The account and client address are read the way django-axes reads them (its own
helpers, so the trusted-proxy settings `AXES_IPWARE_*` apply): the address the log shows
is the one the throttle counted, never a client's own X-Forwarded-For.

Each entry names the account as its target where one has the username tried, so an
admin filtering the log by an account sees every attempt on it, whoever made them. A
sign-in refused during a lock-out is both a failed sign-in (Django's signal) and a
lock-out (axes's), and is logged as both.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address, get_client_username
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record

USERNAME_MAX = 150


def _address(request: HttpRequest | None) -> str:
    return (get_client_ip_address(request) or "") if request is not None else ""


def _tried(username: object) -> str:
    # The sign-in form bounds what it passes on; other callers of authenticate() may not.
    return str(username or "")[:USERNAME_MAX]


def _account(username: str) -> Any | None:
    if not username:
        return None
    users = get_user_model()._default_manager
    return users.filter(**{get_user_model().USERNAME_FIELD: username}).first()


def _signed_in(*, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    audit_record(
        actor=user,
        action=AuditEntry.Action.LOGIN,
        target=user,
        data={"address": _address(request)},
    )


def _sign_in_failed(
    *, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: object
) -> None:
    username = _tried(
        get_client_username(request, credentials)
        if request is not None
        else credentials.get("username")
    )
    audit_record(
        actor=AnonymousUser(),
        action=AuditEntry.Action.LOGIN_FAILED,
        target=_account(username),
        data={"username": username, "address": _address(request)},
    )


def _locked_out(
    *, request: HttpRequest | None, username: object, ip_address: str | None, **kwargs: object
) -> None:
    tried = _tried(username)
    audit_record(
        actor=AnonymousUser(),
        action=AuditEntry.Action.LOGIN_LOCKED_OUT,
        target=_account(tried),
        data={"username": tried, "address": ip_address or ""},
    )


def _signed_out(*, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    if user is None:  # signing out when not signed in
        return
    audit_record(
        actor=user,
        action=AuditEntry.Action.LOGOUT,
        target=user,
        data={"address": _address(request)},
    )


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="khabar.audit.signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="khabar.audit.sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="khabar.audit.locked_out")
    user_logged_out.connect(_signed_out, dispatch_uid="khabar.audit.signed_out")
