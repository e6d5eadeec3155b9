"""/newsroom/people/: admins manage accounts and roles; nobody else gets in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.audit.models import AuditEntry
from khabar.editions.models import Edition
from khabar.staff import permissions
from khabar.staff.models import StaffRole

SignedIn = Callable[[Any], Client]
GOOD_PASSWORD = "river-lantern-5142"


def test_the_admin_sees_every_account_with_role_editions_sections_and_state(
    newsroom: Any, signed_in: SignedIn
) -> None:
    page = signed_in(newsroom.admin).get("/newsroom/people/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("admin", "editor_ar", "editor_fa_politics", "reporter_ar", "reporter_ar_2"):
        assert f">{name}</a>" in html
    assert "سیاسی" in html  # the section editor's section
    assert 'href="/newsroom/people/"' in html  # in the navigation


def test_the_people_list_takes_a_fixed_number_of_queries(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    client = signed_in(newsroom.admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/newsroom/people/").status_code == 200
        return len(captured)

    before = queries()
    for number in range(5):
        user = get_user_model().objects.create_user(f"more{number}")
        StaffRole.objects.create(user=user, role="reporter").editions.set([edition_ar])
    assert queries() == before


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/newsroom/people/"),
        ("get", "/newsroom/people/new/"),
        ("post", "/newsroom/people/new/"),
        ("get", "/newsroom/people/{pk}/"),
        ("post", "/newsroom/people/{pk}/"),
        ("post", "/newsroom/people/{pk}/remove-role/"),
        ("post", "/newsroom/people/{pk}/deactivate/"),
        ("post", "/newsroom/people/{pk}/reactivate/"),
    ],
)
def test_only_admins_reach_the_people_pages(
    newsroom: Any, signed_in: SignedIn, who: str, method: str, url: str
) -> None:
    client = signed_in(getattr(newsroom, who))
    response = getattr(client, method)(url.format(pk=newsroom.other_reporter.pk))
    assert response.status_code == 403
    assert "Only an admin can do this." in response.content.decode()
    assert 'href="/newsroom/people/"' not in response.content.decode()  # no link in the menu
    assert StaffRole.objects.filter(user=newsroom.other_reporter).exists()
    assert get_user_model().objects.get(pk=newsroom.other_reporter.pk).is_active


def test_an_admin_creates_an_account_with_a_role_in_one_step(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    response = signed_in(newsroom.admin).post(
        "/newsroom/people/new/",
        {
            "username": "dabir",
            "email": "dabir@example.com",
            "password": GOOD_PASSWORD,
            "password_again": GOOD_PASSWORD,
            "role": "editor",
            "editions": [edition_fa.pk],
            "sections": [newsroom.fa_economy.pk],
        },
    )
    user = get_user_model().objects.get(username="dabir")
    assert response.status_code == 302
    assert response["Location"] == f"/newsroom/people/{user.pk}/"
    scope = permissions.scope_of(user)
    assert scope is not None
    assert (scope.role, scope.edition_ids, scope.section_ids) == (
        "editor",
        {edition_fa.pk},
        {newsroom.fa_economy.pk},
    )
    assert (
        Client()
        .post("/newsroom/login/", {"username": "dabir", "password": GOOD_PASSWORD})
        .status_code
        == 302
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password": "12345678", "password_again": "12345678"}, "password", "too common"),
        ({"password_again": "something-else-77"}, "password_again", "The two passwords differ."),
        ({"username": "reporter_ar"}, "username", "already exists"),
        ({"username": "has space"}, "username", "Enter a valid username"),
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"role": "reporter", "editions": []}, "editions", "works in an edition"),
        ({"role": "reporter"}, "sections", "Only an editor can be limited to sections."),
        ({"role": "chief"}, "role", "Select a valid choice"),
    ],
)
def test_bad_input_on_a_new_account_is_shown_and_what_was_typed_kept(
    newsroom: Any,
    signed_in: SignedIn,
    edition_fa: Edition,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    data = {
        "username": "dabir",
        "email": "dabir@example.com",
        "password": GOOD_PASSWORD,
        "password_again": GOOD_PASSWORD,
        "role": "editor",
        "editions": [edition_fa.pk],
        "sections": [newsroom.fa_economy.pk],
        **changes,
    }
    response = signed_in(newsroom.admin).post("/newsroom/people/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert f'value="{data["username"]}"' in html
    assert not get_user_model().objects.filter(username="dabir").exists()


def test_an_admin_changes_a_role_and_its_scope(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    client = signed_in(newsroom.admin)
    page = client.get(f"/newsroom/people/{newsroom.reporter.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/newsroom/people/{newsroom.reporter.pk}/",
        {"role": "editor", "editions": [edition_fa.pk], "sections": [newsroom.fa_politics.pk]},
    )
    assert response.status_code == 302
    role = StaffRole.objects.get(user=newsroom.reporter)
    assert role.role == "editor"
    assert list(role.sections.all()) == [newsroom.fa_politics]
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_CHANGE).latest("id")
    assert entry.data["after"]["role"] == "editor"


def test_a_section_from_another_edition_is_refused_with_the_services_message(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    response = signed_in(newsroom.admin).post(
        f"/newsroom/people/{newsroom.reporter.pk}/",
        {"role": "editor", "editions": [edition_ar.pk], "sections": [newsroom.fa_politics.pk]},
    )
    assert response.status_code == 400
    assert "Each section must belong to one of the editions." in response.content.decode()
    assert StaffRole.objects.get(user=newsroom.reporter).role == "reporter"
    # What was chosen is still chosen.
    assert response.context["form"]["role"].value() == "editor"


def test_an_admin_removes_a_role(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.admin)
    response = client.post(f"/newsroom/people/{newsroom.reporter.pk}/remove-role/")
    assert response.status_code == 302
    assert not StaffRole.objects.filter(user=newsroom.reporter).exists()
    followed = client.get(response["Location"])
    assert "no longer has a newsroom role" in followed.content.decode()


def test_the_role_buttons_answer_405_to_a_get(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.admin)
    assert client.get(f"/newsroom/people/{newsroom.reporter.pk}/deactivate/").status_code == 405


def test_an_admin_deactivates_and_reactivates_an_account(
    newsroom: Any, signed_in: SignedIn
) -> None:
    client = signed_in(newsroom.admin)
    client.post(f"/newsroom/people/{newsroom.reporter.pk}/deactivate/")
    newsroom.reporter.refresh_from_db()
    assert not newsroom.reporter.is_active
    page = client.get(f"/newsroom/people/{newsroom.reporter.pk}/").content.decode()
    assert "deactivated" in page
    client.post(f"/newsroom/people/{newsroom.reporter.pk}/reactivate/")
    newsroom.reporter.refresh_from_db()
    assert newsroom.reporter.is_active


def test_an_admin_deactivating_themselves_is_told_no(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.admin)
    response = client.post(f"/newsroom/people/{newsroom.admin.pk}/deactivate/", follow=True)
    assert "You cannot deactivate your own account." in response.content.decode()
    newsroom.admin.refresh_from_db()
    assert newsroom.admin.is_active


def test_an_unknown_account_is_404(newsroom: Any, signed_in: SignedIn) -> None:
    assert signed_in(newsroom.admin).get("/newsroom/people/999999/").status_code == 404
