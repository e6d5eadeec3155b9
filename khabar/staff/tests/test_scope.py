"""A staff member's scope: what their role covers, read in one query on every newsroom page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.staff import permissions
from khabar.staff.models import StaffRole

pytestmark = pytest.mark.django_db


def _fresh(user: Any) -> Any:
    """The same account as a new request loads it: nothing remembered."""
    return get_user_model().objects.get(pk=user.pk)


def test_a_role_with_several_editions_and_sections_is_read_in_one_query(
    newsroom: Any, edition_ar: Any, edition_fa: Any
) -> None:
    role = StaffRole.objects.get(user=newsroom.section_editor)
    role.editions.add(edition_ar)
    role.sections.add(newsroom.fa_economy)
    user = _fresh(newsroom.section_editor)

    with CaptureQueriesContext(connection) as captured:
        scope = permissions.scope_of(user)

    assert len(captured) == 1
    assert scope is not None and scope.role == "editor"
    assert scope.edition_ids == {edition_ar.pk, edition_fa.pk}
    assert scope.section_ids == {newsroom.fa_politics.pk, newsroom.fa_economy.pk}


def test_a_role_without_editions_or_sections_and_no_role_at_all(newsroom: Any) -> None:
    admin = permissions.scope_of(_fresh(newsroom.admin))
    assert admin is not None and admin.is_admin
    assert admin.edition_ids == frozenset() and admin.section_ids == frozenset()
    nobody = get_user_model().objects.create_user("nobody", password="x-password-1")
    assert permissions.scope_of(_fresh(nobody)) is None
    boss = get_user_model().objects.create_superuser("boss", password="x-password-2")
    boss_scope = permissions.scope_of(_fresh(boss))
    assert boss_scope is not None and boss_scope.is_admin
