"""Every write to editions and sections: admins change editions, editors their sections."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor
from khabar.core.events import send_on_commit
from khabar.editions import events
from khabar.editions.models import Edition, Section
from khabar.staff import permissions

EDITION_FIELDS = frozenset(
    {
        "name",
        "language",
        "direction",
        "calendar",
        "secondary_calendar",
        "digits",
        "month_names",
        "time_zone",
        "newsroom_email",
        "canonicalise_letters",
        "position",
        "date_pattern",
    }
)
# What no article shows: changing these moves no article in the API's sync.
EDITION_FIELDS_NOT_SHOWN = frozenset({"newsroom_email", "position"})
SECTION_FIELDS_SHOWN = frozenset({"name", "slug"})
SECTION_FIELDS = frozenset({"name", "slug", "position"})


def _changes(instance: Any, fields: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [str(getattr(instance, name)), str(value)]
        for name, value in fields.items()
        if getattr(instance, name) != value
    }


@transaction.atomic
def edition_update(*, actor: Actor, edition: Edition, **fields: Any) -> Edition:
    """Change an edition's settings (admins); every page of the edition follows."""
    permissions.require_admin(actor)
    unknown = set(fields) - EDITION_FIELDS
    if unknown:
        raise TypeError(f"not editable edition fields: {', '.join(sorted(unknown))}")
    changes = _changes(edition, fields)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.full_clean(exclude=["next_code"])
    edition.save()
    if set(changes) - EDITION_FIELDS_NOT_SHOWN:
        events.edition_display_changing.send(sender=Edition, edition=edition)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EDITION_CHANGE,
        target=edition,
        edition_code=edition.code,
        data=changes,
    )
    send_on_commit(events.edition_changed, sender=Edition, edition=edition)
    return edition


@transaction.atomic
def section_create(
    *, actor: Actor, edition: Edition, name: str, slug: str, position: int = 0
) -> Section:
    permissions.require_manage_sections(actor, edition_id=edition.pk)
    section = Section(edition=edition, name=" ".join(name.split()), slug=slug, position=position)
    section.full_clean()
    section.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SECTION_CHANGE,
        target=section,
        edition_code=edition.code,
        data={"created": True},
    )
    send_on_commit(events.section_changed, sender=Section, section=section)
    return section


@transaction.atomic
def section_update(*, actor: Actor, section: Section, **fields: Any) -> Section:
    permissions.require_manage_sections(actor, edition_id=section.edition_id)
    unknown = set(fields) - SECTION_FIELDS
    if unknown:
        raise TypeError(f"not editable section fields: {', '.join(sorted(unknown))}")
    if "name" in fields:
        fields["name"] = " ".join(str(fields["name"]).split())
    changes = _changes(section, fields)
    for name, value in fields.items():
        setattr(section, name, value)
    section.full_clean()
    section.save()
    if set(changes) & SECTION_FIELDS_SHOWN:
        events.section_display_changing.send(sender=Section, section=section)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SECTION_CHANGE,
        target=section,
        edition_code=section.edition.code,
        data=changes,
    )
    send_on_commit(events.section_changed, sender=Section, section=section)
    return section


@transaction.atomic
def section_delete(*, actor: Actor, section: Section) -> None:
    """Delete a section; its articles stay, without a section."""
    permissions.require_manage_sections(actor, edition_id=section.edition_id)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SECTION_CHANGE,
        target=section,
        edition_code=section.edition.code,
        data={"deleted": True},
    )
    pk = section.pk
    try:
        section.delete()
    except ProtectedError:
        raise ValidationError(_("The section is still in use.")) from None
    section.pk = pk  # for the listeners: the keys of its pages
    send_on_commit(events.section_changed, sender=Section, section=section, deleted=True)
