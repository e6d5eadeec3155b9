"""The newsroom header's navigation (khabar.newsroom.navigation) and language switch."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from khabar.newsroom.language import language_form_for
from khabar.newsroom.navigation import navigation_html

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_navigation(context: template.Context) -> SafeString:
    """Links to what this person may open, asked of the same permission functions the
    services check (so a link is shown exactly when its page would open)."""
    user: Any = context.get("user")
    return navigation_html(user=user) if user is not None else SafeString("")


@register.simple_tag(takes_context=True)
def newsroom_language_form(context: template.Context) -> Any:
    """The header's language switch for the signed-in staff member; the page refusing a
    choice passes its bound form (`language_form`), so the error shows beside the field."""
    return context.get("language_form") or language_form_for(context["request"])
