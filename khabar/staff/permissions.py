"""The newsroom's rules of who may do what, checked by every write service.

The HTTP layer asks the same functions (`can_*`) to decide which buttons to show, and adds
no rule of its own: a crafted request meets the service's `require_*` and its clear error.

- A reporter writes articles in their editions, edits their own drafts and sends them for
  review; nothing else.
- An editor acts on every article of their editions, or only of their sections where the
  role lists sections: edits, publishes, schedules, unpublishes, takes down, corrects, and
  manages keywords; editors not limited to sections also manage sections.
- An admin does all of that everywhere, and manages users, roles and editions.
- The media library is shared by the editions: anyone with a role uploads to it; a photo's
  description and focal point are changed by whoever uploaded it, and by any editor or
  admin (a reporter's changes would reach every article that shows someone else's photo).
- Khabar's own processes (`khabar.core.actors.System`) act on their own authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from khabar.core.actors import Actor, System, actor_user


class ArticleLike(Protocol):
    edition_id: int
    section_id: int | None
    author_id: int | None
    status: str


@dataclass(frozen=True, slots=True)
class Scope:
    role: str  # StaffRole.Role's values
    edition_ids: frozenset[int]
    section_ids: frozenset[int]  # empty: every section of the editions

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"

    def covers_edition(self, edition_id: int) -> bool:
        return self.is_admin or edition_id in self.edition_ids

    def covers(self, article: ArticleLike) -> bool:
        """Whether the article is in the editions, and the sections, this role works on."""
        if self.is_admin:
            return True
        if article.edition_id not in self.edition_ids:
            return False
        return not self.section_ids or article.section_id in self.section_ids


_SCOPE_CACHE = "_khabar_scope"


def scope_of(actor: Actor) -> Scope | None:
    """The actor's role and scope (None for no role), read once per user object."""
    if isinstance(actor, System):
        return Scope("admin", frozenset(), frozenset())
    if not actor.is_authenticated or not actor.is_active:
        return None
    cached: Scope | bool | None = getattr(actor, _SCOPE_CACHE, False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    scope = _scope_read(actor)
    setattr(actor, _SCOPE_CACHE, scope)
    return scope


def scope_forget(actor: Any) -> None:
    """Drop the remembered scope, after a role change."""
    if hasattr(actor, _SCOPE_CACHE):
        delattr(actor, _SCOPE_CACHE)


def _scope_read(user: Any) -> Scope | None:
    from khabar.staff.models import StaffRole

    # One query for the role and its editions' and sections' ids (a row per pair: a role
    # lists a few of each), read on every newsroom page; not three reading whole editions.
    rows = list(StaffRole.objects.filter(user=user).values_list("role", "editions", "sections"))
    if not rows:
        return Scope("admin", frozenset(), frozenset()) if user.is_superuser else None
    return Scope(
        rows[0][0],
        frozenset(edition for _, edition, _ in rows if edition is not None),
        frozenset(section for _, _, section in rows if section is not None),
    )


def _scope_or_refuse(actor: Actor) -> Scope:
    scope = scope_of(actor)
    if scope is None:
        if actor_user(actor) is None:
            raise PermissionDenied(_("Sign in to work in the newsroom."))
        raise PermissionDenied(_("Your account has no newsroom role; ask an admin for one."))
    return scope


# --- Articles ------------------------------------------------------------------------------


def can_create_article(actor: Actor, *, edition_id: int, section_id: int | None) -> bool:
    scope = scope_of(actor)
    if scope is None or not scope.covers_edition(edition_id):
        return False
    if scope.is_editor and scope.section_ids:
        return section_id in scope.section_ids
    return True


def require_create_article(actor: Actor, *, edition_id: int, section_id: int | None) -> None:
    scope = _scope_or_refuse(actor)
    if not scope.covers_edition(edition_id):
        raise PermissionDenied(_("You do not work in this edition."))
    if not can_create_article(actor, edition_id=edition_id, section_id=section_id):
        raise PermissionDenied(_("You may write only in your own sections; choose one of them."))


def _is_authors_draft(actor: Actor, article: ArticleLike) -> bool:
    return (
        not isinstance(actor, System)
        and article.author_id is not None
        and article.author_id == actor.pk
        and article.status == "draft"
    )


def can_edit(actor: Actor, article: ArticleLike) -> bool:
    scope = scope_of(actor)
    if scope is None:
        return False
    if scope.role == "reporter":
        return scope.covers(article) and _is_authors_draft(actor, article)
    return scope.covers(article)


def require_edit(actor: Actor, article: ArticleLike) -> None:
    scope = _scope_or_refuse(actor)
    if can_edit(actor, article):
        return
    if scope.role == "reporter" and article.author_id == getattr(actor, "pk", None):
        raise PermissionDenied(
            _("This article is no longer a draft: only an editor can change it now.")
        )
    if scope.role == "reporter":
        raise PermissionDenied(_("Reporters can change only their own drafts."))
    raise PermissionDenied(_("This article is outside your editions or sections."))


def can_submit(actor: Actor, article: ArticleLike) -> bool:
    """Send for review: the reporter who wrote the draft, or any editor who covers it."""
    return can_edit(actor, article)


def require_submit(actor: Actor, article: ArticleLike) -> None:
    require_edit(actor, article)


def can_publish(actor: Actor, article: ArticleLike) -> bool:
    """Publish, schedule, unpublish, take down, correct, mark breaking, return to draft."""
    scope = scope_of(actor)
    return scope is not None and scope.role in {"editor", "admin"} and scope.covers(article)


def require_publish(actor: Actor, article: ArticleLike) -> None:
    scope = _scope_or_refuse(actor)
    if scope.role == "reporter":
        raise PermissionDenied(
            _("Reporters cannot publish, schedule or withdraw articles; send it for review.")
        )
    if not can_publish(actor, article):
        raise PermissionDenied(_("This article is outside your editions or sections."))


def require_preview(actor: Actor, article: ArticleLike) -> None:
    """Make or revoke a preview link: whoever may edit the article, or publish it."""
    if not can_publish(actor, article):
        require_edit(actor, article)


# --- The media library ----------------------------------------------------------------------


def can_edit_photo(actor: Actor, *, uploaded_by_id: int | None) -> bool:
    """Describe a library photo, move its focal point: its uploader, or any editor or admin.

    Not limited by editions or sections: one photo serves an article and its translations.
    A photo without an uploader (an import's, a deleted account's) is the editors'.
    """
    scope = scope_of(actor)
    if scope is None:
        return False
    if scope.role in {"editor", "admin"}:
        return True
    return uploaded_by_id is not None and uploaded_by_id == getattr(actor, "pk", None)


def require_edit_photo(actor: Actor, *, uploaded_by_id: int | None) -> None:
    _scope_or_refuse(actor)
    if not can_edit_photo(actor, uploaded_by_id=uploaded_by_id):
        raise PermissionDenied(
            _("Reporters can change only the photos they uploaded; ask an editor for this one.")
        )


# --- Editions, sections, keywords, people --------------------------------------------------


def can_manage_sections(actor: Actor, *, edition_id: int) -> bool:
    scope = scope_of(actor)
    if scope is None:
        return False
    return scope.is_admin or (
        scope.is_editor and edition_id in scope.edition_ids and not scope.section_ids
    )


def require_manage_sections(actor: Actor, *, edition_id: int) -> None:
    _scope_or_refuse(actor)
    if not can_manage_sections(actor, edition_id=edition_id):
        raise PermissionDenied(
            _("Only an admin or an editor of the whole edition can change its sections.")
        )


def can_manage_keywords(actor: Actor, *, edition_id: int) -> bool:
    scope = scope_of(actor)
    return (
        scope is not None and scope.role in {"editor", "admin"} and scope.covers_edition(edition_id)
    )


def require_manage_keywords(actor: Actor, *, edition_id: int) -> None:
    _scope_or_refuse(actor)
    if not can_manage_keywords(actor, edition_id=edition_id):
        raise PermissionDenied(_("Only the edition's editors can change its keywords."))


def is_admin(actor: Actor) -> bool:
    scope = scope_of(actor)
    return scope is not None and scope.is_admin


def require_admin(actor: Actor) -> None:
    _scope_or_refuse(actor)
    if not is_admin(actor):
        raise PermissionDenied(_("Only an admin can do this."))
