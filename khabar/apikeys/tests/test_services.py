"""Admins make and revoke keys; the secret is never stored; both acts are in the audit log."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from khabar.apikeys import services
from khabar.apikeys.models import ApiKey
from khabar.apikeys.selectors import api_key_for_secret
from khabar.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_key_is_stored_as_its_sha256_only(newsroom: Any) -> None:
    api_key, secret = services.api_key_create(actor=newsroom.admin, name="وكالة", per_minute=600)

    stored = ApiKey.objects.get()
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.name, stored.prefix}
    assert secret.startswith(stored.prefix)
    assert api_key_for_secret(secret=secret) == api_key


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
def test_only_admins_make_keys(newsroom: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.api_key_create(actor=getattr(newsroom, who), name="x", per_minute=10)
    assert not ApiKey.objects.exists()


@pytest.mark.parametrize(
    ("name", "per_minute", "field"),
    [
        (" ", 10, "name"),
        ("x" * 101, 10, "name"),
        ("x", 0, "per_minute"),
        ("x", 10**6, "per_minute"),
    ],
)
def test_a_key_needs_a_name_and_a_sensible_limit(
    newsroom: Any, name: str, per_minute: int, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.api_key_create(actor=newsroom.admin, name=name, per_minute=per_minute)
    assert set(refused.value.error_dict) == {field}


def test_making_and_revoking_are_audited(newsroom: Any) -> None:
    api_key, secret = services.api_key_create(actor=newsroom.admin, name="وكالة", per_minute=60)
    services.api_key_revoke(actor=newsroom.admin, api_key=api_key)
    services.api_key_revoke(actor=newsroom.admin, api_key=api_key)  # already: nothing more

    entries = list(AuditEntry.objects.order_by("id").values_list("action", "target_repr", "data"))
    assert [action for action, _, _ in entries] == [
        AuditEntry.Action.API_KEY_CREATE,
        AuditEntry.Action.API_KEY_REVOKE,
    ]
    assert all(secret not in f"{repr_}{data}" for _, repr_, data in entries)
    assert not ApiKey.objects.get().is_active
