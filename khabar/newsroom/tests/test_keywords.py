"""/newsroom/keywords/: the editors of an edition find its keywords and rename them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles.models import Keyword, keyword_key
from khabar.audit.models import AuditEntry
from khabar.editions.models import Edition
from khabar.newsroom.keywords import PAGE_SIZE

SignedIn = Callable[[Any], Client]


def keyword(edition: Edition, name: str) -> Keyword:
    return Keyword.objects.create(edition=edition, name=name, key=keyword_key(name))


def names(response: Any) -> list[str]:
    return [item.name for item in response.context["page"].object_list]


def test_a_search_matches_whichever_letters_were_typed(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    keyword(edition_ar, "السورية")  # Arabic ي
    keyword(edition_ar, "كرة القدم")  # Arabic ك
    keyword(edition_ar, "إيران")
    client = signed_in(newsroom.editor)
    assert names(client.get("/newsroom/keywords/", {"q": "سوری"})) == ["السورية"]  # Persian ی
    assert names(client.get("/newsroom/keywords/", {"q": "کرة"})) == ["كرة القدم"]  # Persian ک
    assert len(names(client.get("/newsroom/keywords/"))) == 3


def test_the_list_is_paginated_in_a_fixed_number_of_queries(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    client = signed_in(newsroom.editor)
    keyword(edition_ar, "واحد")

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries("/newsroom/keywords/")  # the process's copy of the editions, read once
    few = queries("/newsroom/keywords/")
    for number in range(PAGE_SIZE + 5):
        keyword(edition_ar, f"كلمة {number}")
    assert queries("/newsroom/keywords/") == few
    assert len(names(client.get("/newsroom/keywords/?page=2"))) == 6


def test_an_editor_sees_only_the_editions_they_cover(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, edition_fa: Edition
) -> None:
    keyword(edition_fa, "ایران")
    page = signed_in(newsroom.editor).get("/newsroom/keywords/", {"edition": "fa"})
    assert page.context["edition"] == edition_ar
    assert [edition.code for edition in page.context["editions"]] == ["ar"]
    # A section editor covers the edition's keywords (sections limit articles, not keywords).
    page = signed_in(newsroom.section_editor).get("/newsroom/keywords/", {"edition": "fa"})
    assert names(page) == ["ایران"]


def test_an_editor_renames_a_keyword(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    item = keyword(edition_ar, "السوريه")
    response = signed_in(newsroom.editor).post(f"/newsroom/keywords/{item.pk}/", {"name": "سوريا"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "سوريا"
    assert AuditEntry.objects.get(action=AuditEntry.Action.KEYWORD_CHANGE).data == {
        "from": "السوريه",
        "to": "سوريا",
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "A keyword needs at least one letter or digit."),
        ("ک" * 500, "A keyword is at most"),
        ("a//b", "its address would lead elsewhere"),
        ("إيران", "The edition already has the keyword"),
    ],
)
def test_an_unusable_name_is_refused_with_the_services_message_and_kept(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, name: str, message: str
) -> None:
    item = keyword(edition_ar, "السورية")
    keyword(edition_ar, "إيران")
    response = signed_in(newsroom.editor).post(f"/newsroom/keywords/{item.pk}/", {"name": name})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{name}"' in html or not name
    item.refresh_from_db()
    assert item.name == "السورية"


@pytest.mark.parametrize("who", ["reporter", "other_reporter"])
def test_reporters_cannot_reach_the_keywords(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, who: str
) -> None:
    item = keyword(edition_ar, "السورية")
    client = signed_in(getattr(newsroom, who))
    message = "Only the edition&#x27;s editors can change its keywords."
    for response in (
        client.get("/newsroom/keywords/"),
        client.get(f"/newsroom/keywords/{item.pk}/"),
        client.post(f"/newsroom/keywords/{item.pk}/", {"name": "x"}),
    ):
        assert response.status_code == 403
        assert message in response.content.decode()
    item.refresh_from_db()
    assert item.name == "السورية"


def test_an_editor_cannot_rename_another_editions_keyword(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    item = keyword(edition_fa, "ایران")
    response = signed_in(newsroom.editor).post(f"/newsroom/keywords/{item.pk}/", {"name": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.name == "ایران"
