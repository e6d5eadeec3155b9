"""Reads of newsroom accounts, for the admins' people pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from khabar.staff.models import StaffPreference, StaffRole


def account_list() -> QuerySet[Any]:
    """Every account, by name, with its role, editions and sections in three queries.

    Accounts without a role are listed too: that is where an admin gives them one again.
    """
    return (
        get_user_model()
        .objects.order_by("username")
        .select_related("staff_role")
        .prefetch_related("staff_role__editions", "staff_role__sections__edition")
    )


def account_get(*, user_id: int) -> Any | None:
    return account_list().filter(pk=user_id).first()


def role_of(user: Any) -> StaffRole | None:
    """The account's role as prefetched by `account_list`, or None."""
    try:
        role: StaffRole = user.staff_role
    except StaffRole.DoesNotExist:
        return None
    return role


_LANGUAGE_CACHE = "_khabar_language"


def language_of(user: Any) -> str:
    """The interface language the staff member chose ("" for their browser's), read once
    per user object."""
    cached: str | None = getattr(user, _LANGUAGE_CACHE, None)
    if cached is None:
        chosen = (
            StaffPreference.objects.filter(user=user).values_list("language", flat=True).first()
        )
        cached = chosen or ""
        setattr(user, _LANGUAGE_CACHE, cached)
    return cached


def language_forget(user: Any) -> None:
    """Drop the remembered language, after a change."""
    user.__dict__.pop(_LANGUAGE_CACHE, None)
