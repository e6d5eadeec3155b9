"""/newsroom/sections/: admins and whole-edition editors manage sections; no one else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.articles import services
from khabar.editions.models import Edition, Section

SignedIn = Callable[[Any], Client]


def test_an_editor_sees_and_creates_sections_only_of_their_edition(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, edition_fa: Edition
) -> None:
    client = signed_in(newsroom.editor)
    page = client.get("/newsroom/sections/")
    assert page.status_code == 200
    assert "سیاسی" not in page.content.decode()  # a Persian section
    assert [edition.code for edition in page.context["editions"]] == ["ar"]

    response = client.post(
        "/newsroom/sections/",
        {"edition": edition_ar.pk, "name": "  سياسة  ", "slug": "سياسة", "position": 3},
    )
    assert response.status_code == 302
    section = Section.objects.get(edition=edition_ar, slug="سياسة")
    assert (section.name, section.position) == ("سياسة", 3)
    # Another edition's id in a crafted request: not among the choices.
    crafted = client.post(
        "/newsroom/sections/", {"edition": edition_fa.pk, "name": "x", "slug": "x", "position": 0}
    )
    assert crafted.status_code == 400
    assert not Section.objects.filter(slug="x").exists()


def test_an_admin_manages_every_editions_sections(newsroom: Any, signed_in: SignedIn) -> None:
    page = signed_in(newsroom.admin).get("/newsroom/sections/")
    assert {edition.code for edition in page.context["editions"]} == {"ar", "fa", "en"}
    assert "سیاسی" in page.content.decode()


@pytest.mark.parametrize("who", ["section_editor", "reporter"])
def test_a_section_editor_or_a_reporter_cannot_manage_sections(
    newsroom: Any, signed_in: SignedIn, who: str, edition_fa: Edition
) -> None:
    client = signed_in(getattr(newsroom, who))
    message = "Only an admin or an editor of the whole edition can change its sections."
    section = newsroom.fa_politics
    for response in (
        client.get("/newsroom/sections/"),
        client.post("/newsroom/sections/", {"edition": edition_fa.pk, "name": "x", "slug": "x"}),
        client.get(f"/newsroom/sections/{section.pk}/"),
        client.post(f"/newsroom/sections/{section.pk}/", {"name": "x", "slug": "x"}),
        client.post(f"/newsroom/sections/{section.pk}/delete/"),
    ):
        assert response.status_code == 403
        assert message in response.content.decode()
    assert 'href="/newsroom/sections/"' not in client.get("/newsroom/").content.decode()
    section.refresh_from_db()
    assert section.name == "سیاسی"


def test_an_editor_cannot_open_another_editions_section(newsroom: Any, signed_in: SignedIn) -> None:
    response = signed_in(newsroom.editor).get(f"/newsroom/sections/{newsroom.fa_politics.pk}/")
    assert response.status_code == 403


def test_an_admin_renames_reslugs_and_moves_a_section(newsroom: Any, signed_in: SignedIn) -> None:
    section = newsroom.fa_economy
    response = signed_in(newsroom.admin).post(
        f"/newsroom/sections/{section.pk}/", {"name": "اقتصاد", "slug": "eghtesad", "position": 9}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.name, section.slug, section.position) == ("اقتصاد", "eghtesad", 9)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "slug": "ok", "position": 0}, "This field cannot be blank."),
        ({"name": "x", "slug": "politics", "position": 0}, "already exists"),
        ({"name": "x", "slug": "a b/c", "position": 0}, "Enter a valid"),
        ({"name": "x", "slug": "ok", "position": -1}, "greater than or equal to 0"),
        ({"name": "x", "slug": "ok", "position": "first"}, "Enter a whole number."),
        ({"name": "x" * 101, "slug": "ok", "position": 0}, "at most 100 characters"),
    ],
)
def test_bad_section_input_is_explained_and_what_was_typed_kept(
    newsroom: Any, signed_in: SignedIn, data: dict[str, Any], message: str
) -> None:
    section = newsroom.fa_economy
    response = signed_in(newsroom.admin).post(f"/newsroom/sections/{section.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{data["slug"]}"' in html
    section.refresh_from_db()
    assert section.slug == "economy"


def test_a_new_section_with_a_taken_slug_is_refused_and_kept(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    response = signed_in(newsroom.admin).post(
        "/newsroom/sections/",
        {"edition": edition_fa.pk, "name": "سیاست", "slug": "politics", "position": 1},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already exists" in html
    assert 'value="سیاست"' in html


def test_an_admin_deletes_a_section_and_its_articles_stay(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    article = services.article_create(
        actor=newsroom.admin, edition=edition_fa, headline="خبر", section=newsroom.fa_economy
    )
    response = signed_in(newsroom.admin).post(
        f"/newsroom/sections/{newsroom.fa_economy.pk}/delete/", follow=True
    )
    assert response.status_code == 200
    assert "deleted" in response.content.decode()
    assert not Section.objects.filter(pk=newsroom.fa_economy.pk).exists()
    article.refresh_from_db()
    assert article.section is None
