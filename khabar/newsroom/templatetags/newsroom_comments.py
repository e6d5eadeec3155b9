"""The newsroom navigation's comment links: the pending count for those who moderate, and
the blocklists for those who manage them."""

from __future__ import annotations

from typing import Any

from django import template

from khabar.comments.permissions import can_manage_blocklists, moderator_scope
from khabar.comments.selectors import pending_count

register = template.Library()


@register.simple_tag(takes_context=True)
def comments_pending(context: dict[str, Any]) -> int | None:
    """How many comments wait for this moderator; None for staff who do not moderate."""
    user = context.get("user")
    if user is None or moderator_scope(user) is None:
        return None
    return pending_count(actor=user)


@register.simple_tag(takes_context=True)
def blocklists_managed(context: dict[str, Any]) -> bool:
    user = context.get("user")
    return user is not None and can_manage_blocklists(user)
