"""Giving people their newsroom role: admins only, every change in the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor
from khabar.staff import permissions
from khabar.staff.models import StaffRole


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
