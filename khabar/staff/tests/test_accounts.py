"""Admins create, deactivate and reactivate newsroom accounts; each change is audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from khabar.audit.models import AuditEntry
from khabar.staff import permissions
from khabar.staff.models import StaffRole
from khabar.staff.services import account_create, account_deactivate, account_reactivate

GOOD_PASSWORD = "river-lantern-5142"


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_an_admin_creates_an_account_with_its_role_in_one_step(
    newsroom: Any, edition_ar: Any
) -> None:
    user = account_create(
        actor=newsroom.admin,
        username="reporter_new",
        password=GOOD_PASSWORD,
        email="new@example.com",
        role="reporter",
        editions=[edition_ar],
    )
    assert user.check_password(GOOD_PASSWORD)
    assert user.is_staff
    assert user.email == "new@example.com"
    scope = permissions.scope_of(user)
    assert scope is not None
    assert scope.role == "reporter"
    assert scope.edition_ids == {edition_ar.pk}
    actions = list(
        AuditEntry.objects.filter(target_type="user", target_id=str(user.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [AuditEntry.Action.ACCOUNT_CREATE, AuditEntry.Action.ROLE_CHANGE]


def test_a_weak_password_is_refused_with_the_validators_messages(
    newsroom: Any, edition_ar: Any
) -> None:
    with pytest.raises(ValidationError) as refusal:
        account_create(
            actor=newsroom.admin,
            username="reporter_new",
            password="12345678",
            role="reporter",
            editions=[edition_ar],
        )
    messages = refusal.value.message_dict["password"]
    assert any("too common" in message for message in messages)
    assert any("entirely numeric" in message for message in messages)
    assert not get_user_model().objects.filter(username="reporter_new").exists()


def test_a_taken_username_is_refused(newsroom: Any, edition_ar: Any) -> None:
    with pytest.raises(ValidationError) as refusal:
        account_create(
            actor=newsroom.admin,
            username="reporter_ar",
            password=GOOD_PASSWORD,
            role="reporter",
            editions=[edition_ar],
        )
    assert "username" in refusal.value.message_dict


def test_a_bad_role_scope_leaves_no_account_behind(newsroom: Any, edition_ar: Any) -> None:
    with pytest.raises(ValidationError) as refusal:
        account_create(
            actor=newsroom.admin, username="x_new", password=GOOD_PASSWORD, role="editor"
        )
    assert "editions" in refusal.value.message_dict
    assert not get_user_model().objects.filter(username="x_new").exists()


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
def test_only_an_admin_creates_accounts(newsroom: Any, edition_ar: Any, who: str) -> None:
    with pytest.raises(PermissionDenied, match="Only an admin"):
        account_create(
            actor=getattr(newsroom, who),
            username="x_new",
            password=GOOD_PASSWORD,
            role="reporter",
            editions=[edition_ar],
        )


def test_a_deactivated_account_cannot_sign_in_and_loses_its_open_session(newsroom: Any) -> None:
    signed_in = Client()
    signed_in.force_login(newsroom.reporter)
    account_deactivate(actor=newsroom.admin, user=newsroom.reporter)

    assert signed_in.get("/newsroom/").status_code == 302  # back to the sign-in page
    response = Client().post(
        "/newsroom/login/", {"username": "reporter_ar", "password": "reporter_ar-password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session
    assert StaffRole.objects.filter(user=newsroom.reporter).exists()  # the role is kept
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_DEACTIVATE)
    assert (entry.actor_name, entry.target_repr) == ("admin", "reporter_ar")


def test_a_reactivated_account_signs_in_again_with_its_role(newsroom: Any) -> None:
    account_deactivate(actor=newsroom.admin, user=newsroom.reporter)
    account_reactivate(actor=newsroom.admin, user=newsroom.reporter)
    client = Client()
    response = client.post(
        "/newsroom/login/", {"username": "reporter_ar", "password": "reporter_ar-password"}
    )
    assert response.status_code == 302
    assert client.get("/newsroom/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_REACTIVATE).count() == 1


def test_deactivating_an_inactive_account_writes_nothing(newsroom: Any) -> None:
    account_deactivate(actor=newsroom.admin, user=newsroom.reporter)
    account_deactivate(actor=newsroom.admin, user=newsroom.reporter)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_DEACTIVATE).count() == 1


def test_an_admin_cannot_deactivate_their_own_account(newsroom: Any) -> None:
    with pytest.raises(ValidationError, match="your own account"):
        account_deactivate(actor=newsroom.admin, user=newsroom.admin)
    newsroom.admin.refresh_from_db()
    assert newsroom.admin.is_active


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_only_an_admin_deactivates_or_reactivates(newsroom: Any, who: str) -> None:
    with pytest.raises(PermissionDenied, match="Only an admin"):
        account_deactivate(actor=getattr(newsroom, who), user=newsroom.other_reporter)
    with pytest.raises(PermissionDenied, match="Only an admin"):
        account_reactivate(actor=getattr(newsroom, who), user=newsroom.other_reporter)
