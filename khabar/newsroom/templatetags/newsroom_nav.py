"""Which of the newsroom's management pages the navigation links to, for this person.

Asked of the same permission functions the services check, so a link is shown exactly
when its page would open; the scope they read is the one `newsroom_view` already read.
"""

from __future__ import annotations

from typing import Any

from django import template

from khabar.newsroom.language import language_form_for
from khabar.staff import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_management(context: template.Context) -> dict[str, bool]:
    user: Any = context.get("user")
    scope = permissions.scope_of(user) if user is not None else None
    if scope is None:
        return {}
    return {
        "admin": scope.is_admin,
        "sections": scope.is_admin
        or any(permissions.can_manage_sections(user, edition_id=pk) for pk in scope.edition_ids),
        "keywords": scope.is_admin
        or any(permissions.can_manage_keywords(user, edition_id=pk) for pk in scope.edition_ids),
    }


@register.simple_tag(takes_context=True)
def newsroom_language_form(context: template.Context) -> Any:
    """The header's language switch for the signed-in staff member; the page refusing a
    choice passes its bound form (`language_form`), so the error shows beside the field."""
    return context.get("language_form") or language_form_for(context["request"])
