"""Newsroom accounts and their roles: admins only, every change in the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor
from khabar.staff import permissions
from khabar.staff.models import StaffPreference, StaffRole
from khabar.staff.selectors import language_forget


def _describe(role: StaffRole | None) -> dict[str, Any]:
    if role is None:
        return {"role": None}
    return {
        "role": role.role,
        "editions": sorted(edition.code for edition in role.editions.all()),
        "sections": sorted(section.pk for section in role.sections.all()),
    }


@transaction.atomic
def role_assign(
    *,
    actor: Actor,
    user: Any,
    role: str,
    editions: Iterable[Any] = (),
    sections: Iterable[Any] = (),
) -> StaffRole:
    """Give `user` the role, working in `editions` (and for an editor, only `sections`).

    Staff status follows the role, so the account can sign in to the newsroom.
    """
    permissions.require_admin(actor)
    if role not in StaffRole.Role.values:
        raise ValidationError({"role": _("Choose reporter, editor or admin.")})
    editions, sections = list(editions), list(sections)
    if role != StaffRole.Role.ADMIN and not editions:
        raise ValidationError({"editions": _("A reporter or an editor works in an edition.")})
    if sections and role != StaffRole.Role.EDITOR:
        raise ValidationError({"sections": _("Only an editor can be limited to sections.")})
    edition_ids = {edition.pk for edition in editions}
    if any(section.edition_id not in edition_ids for section in sections):
        raise ValidationError({"sections": _("Each section must belong to one of the editions.")})
    existing = StaffRole.objects.filter(user=user).first()
    before = _describe(existing)
    staff_role, _created = StaffRole.objects.update_or_create(user=user, defaults={"role": role})
    staff_role.editions.set(editions)
    staff_role.sections.set(sections)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    permissions.scope_forget(user)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ROLE_CHANGE,
        target=user,
        data={"before": before, "after": _describe(staff_role)},
    )
    return staff_role


@transaction.atomic
def role_remove(*, actor: Actor, user: Any) -> None:
    """Take the newsroom role away; the account stays, without staff access."""
    permissions.require_admin(actor)
    existing = StaffRole.objects.filter(user=user).first()
    before = _describe(existing)
    StaffRole.objects.filter(user=user).delete()
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    permissions.scope_forget(user)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ROLE_CHANGE,
        target=user,
        data={"before": before, "after": {"role": None}},
    )


@transaction.atomic
def account_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    email: str = "",
    role: str,
    editions: Iterable[Any] = (),
    sections: Iterable[Any] = (),
) -> Any:
    """A new account with its newsroom role, in one step: no account is left without one.

    The password must pass the site's password validators (AUTH_PASSWORD_VALIDATORS).
    """
    permissions.require_admin(actor)
    user = get_user_model()(username=username, email=email)
    errors: dict[str, list[ValidationError]] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.error_list
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    audit_record(actor=actor, action=AuditEntry.Action.ACCOUNT_CREATE, target=user)
    role_assign(actor=actor, user=user, role=role, editions=editions, sections=sections)
    return user


def _active_set(*, actor: Actor, user: Any, active: bool) -> None:
    permissions.require_admin(actor)
    if not active and user.pk == getattr(actor, "pk", None):
        # Nobody would be left to undo it if this were the last admin.
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    permissions.scope_forget(user)
    audit_record(
        actor=actor,
        action=(
            AuditEntry.Action.ACCOUNT_REACTIVATE if active else AuditEntry.Action.ACCOUNT_DEACTIVATE
        ),
        target=user,
    )


@transaction.atomic
def account_deactivate(*, actor: Actor, user: Any) -> None:
    """Stop the account signing in, and end its open sessions; its role and history stay.

    Deactivating rather than deleting keeps the account's name on its articles and in the
    audit log, and lets an admin undo it.
    """
    _active_set(actor=actor, user=user, active=False)


@transaction.atomic
def account_reactivate(*, actor: Actor, user: Any) -> None:
    """Let a deactivated account sign in again, with the role it had."""
    _active_set(actor=actor, user=user, active=True)


def language_set(*, user: Any, language: str) -> StaffPreference:
    """The staff member's own choice of interface language ("" for their browser's)."""
    if language not in StaffPreference.Language.values:
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    preference, _created = StaffPreference.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    language_forget(user)
    return preference
