"""Every transition and every forbidden one, for each role, over HTTP.

Each case posts one action as one role on an article in one status and checks the answer
(302 back to the editor, 403 with the rule's message, 409 for a move the status does not
allow) and what became of the article.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, at_status, editor_url, write

Status = Article.Status

# action: (its URL's last part, the form it posts, the status it leads to)
ACTIONS: dict[str, tuple[str, dict[str, str], str | None]] = {
    "submit": ("submit", {}, Status.IN_REVIEW),
    "return": ("return", {}, Status.DRAFT),
    "publish": ("publish", {}, Status.PUBLISHED),
    "schedule": ("schedule", {"at": "SOON"}, Status.SCHEDULED),
    "unpublish": ("unpublish", {}, Status.UNPUBLISHED),
    "take_down": ("take-down", {"reason": "court order"}, Status.UNPUBLISHED),
    "delete": ("delete", {}, None),
}

# The statuses each action works from, for an editor who covers the article (and an admin).
EDITOR_MAY = {
    "submit": {Status.DRAFT},
    "return": {Status.IN_REVIEW, Status.SCHEDULED, Status.UNPUBLISHED},
    "publish": {Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED},
    "schedule": {Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED},
    "unpublish": {Status.PUBLISHED},
    "take_down": {Status.PUBLISHED, Status.UNPUBLISHED},
    "delete": {Status.DRAFT, Status.IN_REVIEW},
}
# The reporter who wrote it: send the draft, withdraw the submission, delete the draft.
AUTHOR_MAY = {
    "submit": {Status.DRAFT},
    "return": {Status.IN_REVIEW},
    "delete": {Status.DRAFT},
}
# Who acts, on which article: (role's rights, the answer outside them, whose account, the
# article's place). An editor meets the workflow's transitions (409); a reporter's rights
# end with the draft, so anything else is the rules' refusal (403).
CASES = {
    "admin": (EDITOR_MAY, 409, "admin", "ar"),
    "editor": (EDITOR_MAY, 409, "editor", "ar"),
    "section editor, own section": (EDITOR_MAY, 409, "section_editor", "fa_politics"),
    "reporter, own article": (AUTHOR_MAY, 403, "reporter", "ar"),
    "another reporter": ({}, 403, "other_reporter", "ar"),
    "section editor, another section": ({}, 403, "section_editor", "fa_economy"),
    "editor, another edition": ({}, 403, "editor", "fa_politics"),
}


def _tehran_in_an_hour() -> str:
    """An hour from now as the Arabic and Persian editions read it: Solar Hijri, Tehran."""
    from khabar.calendars import to_calendar, to_local

    local = to_local(timezone.now() + datetime.timedelta(hours=1), "Asia/Tehran")
    day = to_calendar(local.date(), "solar_hijri")
    return f"{day.year}/{day.month}/{day.day} {local.hour:02d}:{local.minute:02d}"


@pytest.fixture
def place(newsroom: Any, edition_ar: Edition, edition_fa: Edition) -> dict[str, Any]:
    """Where each case's article is written, and by whom."""
    return {
        "ar": lambda: write(newsroom.reporter, edition_ar),
        "fa_politics": lambda: write(newsroom.admin, edition_fa, section=newsroom.fa_politics),
        "fa_economy": lambda: write(newsroom.admin, edition_fa, section=newsroom.fa_economy),
    }


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("case", CASES)
def test_each_role_moves_an_article_only_where_the_rules_allow(
    newsroom: Any,
    place: dict[str, Any],
    signed_in: Signed,
    case: str,
    action: str,
    status: str,
) -> None:
    rights, refusal, account, where = CASES[case]
    article = at_status(place[where](), status)
    path, data, target = ACTIONS[action]
    if data.get("at") == "SOON":
        data = {"at": _tehran_in_an_hour()}
    client = signed_in(getattr(newsroom, account))

    response = client.post(f"{editor_url(article)}{path}/", data)

    if status not in rights.get(action, ()):
        assert response.status_code == refusal
        assert ("Not allowed" in response.content.decode()) == (refusal == 403)
        assert Article.objects.get(pk=article.pk).status == status
        return
    assert response.status_code == 302
    if target is None:
        assert response["Location"] == "/newsroom/articles/"
        assert not Article.objects.filter(pk=article.pk).exists()
        return
    assert response["Location"] == editor_url(article)
    after = Article.objects.get(pk=article.pk)
    assert after.status == target
    if action == "take_down":
        assert after.taken_down_at is not None


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "take_down"])
def test_a_reporter_is_told_they_cannot_publish_or_withdraw(
    newsroom: Any, edition_ar: Edition, signed_in: Signed, action: str
) -> None:
    start = Status.PUBLISHED if action in {"unpublish", "take_down"} else Status.DRAFT
    article = at_status(write(newsroom.reporter, edition_ar), start)
    path, data, _target = ACTIONS[action]
    if action == "schedule":
        data = {"at": _tehran_in_an_hour()}

    response = signed_in(newsroom.reporter).post(f"{editor_url(article)}{path}/", data)

    assert response.status_code == 403
    assert "Reporters cannot publish, schedule or withdraw articles" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == start


def test_a_reporter_cannot_touch_another_reporters_draft(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    theirs = write(newsroom.other_reporter, edition_ar, headline="مسودة زميل")
    client = signed_in(newsroom.reporter)

    opened = client.get(editor_url(theirs))
    saved = client.post(
        editor_url(theirs), {"headline": "تغيير", "content_type": "news", "base_revision": 1}
    )
    submitted = client.post(f"{editor_url(theirs)}submit/")

    for response in (opened, saved, submitted):
        assert response.status_code == 403
        assert "Reporters can change only their own drafts." in response.content.decode()
    theirs.refresh_from_db()
    assert (theirs.headline, theirs.status, theirs.revision_number) == ("مسودة زميل", "draft", 1)


def test_a_section_editor_cannot_act_outside_their_section(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    economy = write(newsroom.admin, edition_fa, section=newsroom.fa_economy)

    response = signed_in(newsroom.section_editor).post(f"{editor_url(economy)}publish/")

    assert response.status_code == 403
    assert "outside your editions or sections" in response.content.decode()
    economy.refresh_from_db()
    assert economy.status == Status.DRAFT


def test_a_transition_that_does_not_exist_is_refused_with_its_reason(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), Status.PUBLISHED)

    response = signed_in(newsroom.editor).post(f"{editor_url(article)}submit/")

    assert response.status_code == 409
    assert "cannot become “In review”" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
