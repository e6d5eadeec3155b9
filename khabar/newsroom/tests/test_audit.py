"""/newsroom/audit/: the log for admins, filtered, paginated, every value shown as text."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles import services, workflow
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.newsroom.audit import PAGE_SIZE

SignedIn = Callable[[Any], Client]


def rows(response: Any) -> list[AuditEntry]:
    return list(response.context["page"].object_list)


@pytest.mark.parametrize("who", ["editor", "section_editor", "reporter"])
def test_only_admins_read_the_audit_log(newsroom: Any, signed_in: SignedIn, who: str) -> None:
    response = signed_in(getattr(newsroom, who)).get("/newsroom/audit/")
    assert response.status_code == 403
    assert "Only an admin can do this." in response.content.decode()


def test_the_log_is_newest_first_and_paginated_in_a_fixed_number_of_queries(
    newsroom: Any, signed_in: SignedIn
) -> None:
    client = signed_in(newsroom.admin)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    audit_record(actor=IMPORTER, action=AuditEntry.Action.EDITION_CHANGE)
    queries("/newsroom/audit/")  # the process's copy of the editions, read once
    few = queries("/newsroom/audit/")
    for number in range(PAGE_SIZE * 2):
        audit_record(actor=IMPORTER, action=AuditEntry.Action.EDITION_CHANGE, data={"n": number})
    assert queries("/newsroom/audit/") == few
    assert queries("/newsroom/audit/?page=2") == few

    first = client.get("/newsroom/audit/")
    assert len(rows(first)) == PAGE_SIZE
    assert rows(first)[0].data == {"n": PAGE_SIZE * 2 - 1}
    last = client.get("/newsroom/audit/?page=3&action=edition.change")
    assert 'href="?page=2&amp;action=edition.change"' in last.content.decode()


def test_script_in_a_headline_a_name_or_details_is_shown_as_text(
    newsroom: Any, signed_in: SignedIn, edition_fa: Edition
) -> None:
    script = "<script>alert(1)</script>"
    section = Section.objects.create(edition=edition_fa, slug="x", name=script)
    audit_record(
        actor=IMPORTER,
        action=AuditEntry.Action.SECTION_CHANGE,
        target=section,
        edition_code="fa",
        data={"headline": script, script: "key"},
    )
    html = signed_in(newsroom.admin).get("/newsroom/audit/").content.decode()
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3


def test_an_article_headline_with_script_is_shown_as_text_in_the_log(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    article = services.article_create(
        actor=newsroom.reporter, edition=edition_ar, headline="خبر <script>alert(1)</script>"
    )
    assert "<script>" in AuditEntry.objects.get().target_repr  # stored as typed: plain text
    html = signed_in(newsroom.admin).get("/newsroom/audit/").content.decode()
    assert "<script>" not in html
    assert f"ar/{article.code} خبر &lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.fixture
def history(newsroom: Any, edition_ar: Edition, edition_fa: Edition) -> dict[str, Any]:
    """A few acts, on known days."""
    with time_machine.travel(datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        first = services.article_create(actor=newsroom.editor, edition=edition_ar, headline="أول")
    with time_machine.travel(datetime.datetime(2025, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        workflow.article_publish(actor=newsroom.editor, article=first)
    with time_machine.travel(datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC), tick=False):
        other = services.article_create(
            actor=newsroom.section_editor,
            edition=edition_fa,
            headline="دوم",
            section=newsroom.fa_politics,
        )
    return {"first": first, "other": other}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=article.publish", [("editor_ar", "article.publish")]),
        ("actor=editor_fa_politics", [("editor_fa_politics", "article.create")]),
        ("edition=fa", [("editor_fa_politics", "article.create")]),
        ("since=2025-03-02&until=2025-03-02", [("editor_ar", "article.publish")]),
        ("until=2025-03-01", [("editor_ar", "article.create")]),
    ],
)
def test_the_log_filters_by_action_actor_edition_and_dates(
    newsroom: Any, signed_in: SignedIn, history: dict[str, Any], query: str, expected: list[Any]
) -> None:
    response = signed_in(newsroom.admin).get(f"/newsroom/audit/?{query}")
    assert [(entry.actor_name, entry.action) for entry in rows(response)] == expected


@pytest.mark.parametrize("typed", ["ar/{code}", "AR / {code}", "ar/{persian}"])
def test_the_log_filters_by_an_articles_edition_and_code_even_after_deletion(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, typed: str
) -> None:
    draft = services.article_create(actor=newsroom.editor, edition=edition_ar, headline="مسودة")
    longer_code = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="x", code=draft.code * 10
    )
    workflow.article_delete(actor=newsroom.editor, article=draft)
    persian = str(draft.code).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    target = typed.format(code=draft.code, persian=persian)
    response = signed_in(newsroom.admin).get("/newsroom/audit/", {"target": target})
    assert [entry.action for entry in rows(response)] == ["article.delete", "article.create"]
    assert str(longer_code.pk) not in {entry.target_id for entry in rows(response)}


def test_the_log_filters_by_part_of_a_targets_name(newsroom: Any, signed_in: SignedIn) -> None:
    Client(REMOTE_ADDR="198.51.100.7").post(
        "/newsroom/login/", {"username": "reporter_ar_2", "password": "wrong"}
    )
    response = signed_in(newsroom.admin).get("/newsroom/audit/", {"target": "reporter_ar_2"})
    assert [entry.action for entry in rows(response)] == ["login.failed"]
    assert "198.51.100.7" in response.content.decode()


def test_a_bad_date_filter_is_explained_and_kept(newsroom: Any, signed_in: SignedIn) -> None:
    response = signed_in(newsroom.admin).get("/newsroom/audit/?since=yesterday&actor=admin")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date." in html
    assert 'value="yesterday"' in html
    assert 'value="admin"' in html


def test_details_are_shown_under_their_labels_in_the_readers_language(
    newsroom: Any, signed_in: SignedIn
) -> None:
    audit_record(
        actor=IMPORTER,
        action=AuditEntry.Action.PHOTO_EDIT,
        data={"focal_point": [[0.5, 0.5], [0.2, 0.8]], "caption": ["", "x"], "unknown_key": 1},
    )
    html = signed_in(newsroom.admin).get("/newsroom/audit/").content.decode()
    assert "<dt>Focal point</dt>" in html and "<dt>Caption</dt>" in html
    assert "focal_point" not in html
    assert "<dt>unknown_key</dt>" in html  # a key without a label is shown as written
    persian = Client(HTTP_ACCEPT_LANGUAGE="fa")
    persian.force_login(newsroom.admin)
    html = persian.get("/newsroom/audit/").content.decode()
    assert "<dt>نقطه کانونی</dt>" in html and "<dt>Focal point</dt>" not in html
