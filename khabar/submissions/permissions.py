"""Who works the submissions inbox: editors of a whole edition and admins.

Reporters do not: submissions carry sources' names and contacts. Section editors do not
either: a submission belongs to no section, and its sender's details are for the editors
who answer for the whole edition.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from khabar.core.actors import Actor
from khabar.staff.permissions import Scope, scope_of


def inbox_scope(actor: Actor) -> Scope | None:
    """The scope of the actor's inbox, or None when they have none."""
    scope = scope_of(actor)
    if scope is None or not (scope.is_admin or (scope.is_editor and not scope.section_ids)):
        return None
    return scope


def can_handle(actor: Actor, *, edition_id: int) -> bool:
    scope = inbox_scope(actor)
    return scope is not None and scope.covers_edition(edition_id)


def require_handle(actor: Actor, *, edition_id: int) -> None:
    if not can_handle(actor, edition_id=edition_id):
        raise PermissionDenied(
            _("Only the editors of this edition and admins work its submissions.")
        )
