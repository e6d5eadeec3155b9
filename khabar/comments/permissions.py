"""Who moderates comments: the editors and admins who cover the article (its edition, and
its section for a section editor), per khabar.staff.permissions' scopes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from khabar.core.actors import Actor
from khabar.staff.permissions import ArticleLike, Scope, scope_of


def moderator_scope(actor: Actor) -> Scope | None:
    """The scope within which the actor moderates, or None when they do not moderate."""
    scope = scope_of(actor)
    if scope is None or scope.role not in {"editor", "admin"}:
        return None
    return scope


def can_moderate(actor: Actor, article: ArticleLike) -> bool:
    scope = moderator_scope(actor)
    return scope is not None and scope.covers(article)


def require_moderate(actor: Actor, article: ArticleLike) -> None:
    if not can_moderate(actor, article):
        raise PermissionDenied(
            _("Only the editors of this article's edition and section moderate its comments.")
        )


def can_manage_blocklists(actor: Actor) -> bool:
    """Blocklists apply to every edition: editors of a whole edition and admins."""
    scope = moderator_scope(actor)
    return scope is not None and (scope.is_admin or not scope.section_ids)


def require_manage_blocklists(actor: Actor) -> None:
    if not can_manage_blocklists(actor):
        raise PermissionDenied(_("Only an admin or an editor of a whole edition can block."))
