"""The new submissions' count in the newsroom's navigation, for those who work the inbox."""

from __future__ import annotations

from typing import Any

from django import template

from khabar.submissions.selectors import new_count

register = template.Library()


@register.simple_tag(takes_context=True)
def submissions_new(context: dict[str, Any]) -> int | None:
    """How many submissions nobody has looked at; None for staff without an inbox."""
    user = context.get("user")
    return None if user is None else new_count(actor=user)
