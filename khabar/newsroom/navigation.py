"""The newsroom's navigation, rendered once per process for each state of it.

Its links depend only on what the staff member may manage, and its badges on two counts:
the same bytes on most pages, which cost a page a sixth of its template work when its tags
were run and its links reversed for each request. The counts are still read live, on every
request: they are part of the key, not cached themselves.

The navigation is a function of the values in its key alone: it is rendered from them, in a
context that holds nothing else, so a page cannot make it depend on anything the key lacks.
"""

from __future__ import annotations

import functools
from typing import Any

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from khabar.comments.permissions import can_manage_blocklists, moderator_scope
from khabar.comments.selectors import pending_count
from khabar.staff import permissions
from khabar.submissions.selectors import new_count


def navigation_html(*, user: Any) -> SafeString:
    """The navigation for `user`, signed in (one without a newsroom role, shown the page
    that says so, gets the links everyone has)."""
    scope = permissions.scope_of(user)
    edition_ids = scope.edition_ids if scope is not None else frozenset()
    admin = scope is not None and scope.is_admin
    return _rendered(
        get_language(),
        get_script_prefix(),  # what the links start with
        pending_count(actor=user) if moderator_scope(user) is not None else None,
        new_count(actor=user),
        can_manage_blocklists(user),
        admin or any(permissions.can_manage_sections(user, edition_id=pk) for pk in edition_ids),
        admin or any(permissions.can_manage_keywords(user, edition_id=pk) for pk in edition_ids),
        admin,
    )


@functools.lru_cache(maxsize=256)
def _rendered(
    language: str | None,
    prefix: str,
    pending_comments: int | None,
    new_submissions: int | None,
    manages_blocklists: bool,
    manages_sections: bool,
    manages_keywords: bool,
    admin: bool,
) -> SafeString:
    return SafeString(
        render_to_string(
            "newsroom/_navigation.html",
            {
                "pending_comments": pending_comments,
                "new_submissions": new_submissions,
                "manages_blocklists": manages_blocklists,
                "manage": {
                    "sections": manages_sections,
                    "keywords": manages_keywords,
                    "admin": admin,
                },
            },
        )
    )
