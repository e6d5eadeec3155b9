"""The editor's buttons: POST only, CSRF-checked, each one service; scheduling in the
edition's calendar; breaking news, live updates, corrections and preview links."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from khabar.articles import services
from khabar.articles.models import Article, Correction, PreviewLink
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, at_status, editor_url, write

Status = Article.Status
# 1402/12/29 18:30 in Tehran (+03:30) is 2024-03-19 15:00 UTC; 1402 has no 30 Esfand.
BEFORE_NOWRUZ = datetime.datetime(2024, 3, 19, 9, 0, tzinfo=datetime.UTC)
ACTION_PATHS = [
    "submit",
    "return",
    "publish",
    "schedule",
    "unpublish",
    "take-down",
    "delete",
    "breaking",
    "breaking/clear",
    "update/publish",
    "update/schedule",
    "corrections",
    "lock",
    "unlock",
    "previews",
    "previews/1/revoke",
    "revisions/restore",
]


@pytest.mark.parametrize("path", ACTION_PATHS)
def test_an_action_answers_get_with_405(
    newsroom: Any, edition_ar: Edition, signed_in: Signed, path: str
) -> None:
    article = write(newsroom.reporter, edition_ar)

    response = signed_in(newsroom.admin).get(f"{editor_url(article)}{path}/")

    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_action_without_its_csrf_token_is_refused(newsroom: Any, edition_ar: Edition) -> None:
    article = write(newsroom.reporter, edition_ar)
    client = Client(enforce_csrf_checks=True)
    client.force_login(newsroom.editor)

    response = client.post(f"{editor_url(article)}publish/")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_action_with_its_csrf_token_goes_through(newsroom: Any, edition_ar: Edition) -> None:
    article = write(newsroom.reporter, edition_ar)
    client = Client(enforce_csrf_checks=True)
    client.force_login(newsroom.editor)
    client.get(editor_url(article))

    response = client.post(
        f"{editor_url(article)}publish/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


# --- Scheduling in the edition's calendar -----------------------------------------------------


@time_machine.travel(BEFORE_NOWRUZ, tick=False)
@pytest.mark.parametrize(
    "typed",
    ["۱۴۰۲/۱۲/۲۹ ۱۸:۳۰", "٢٩ اسفند ١٤٠٢ ١٨:٣٠", "1402-12-29 18:30", "۲۹ اسفند ۱۴۰۲ - ۱۸:۳۰"],
)
def test_a_schedule_is_read_in_the_editions_calendar_digits_and_time_zone(
    newsroom: Any, edition_fa: Edition, signed_in: Signed, typed: str
) -> None:
    article = write(newsroom.admin, edition_fa, section=newsroom.fa_politics)

    response = signed_in(newsroom.section_editor).post(
        f"{editor_url(article)}schedule/", {"at": typed}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    assert article.published_at == datetime.datetime(2024, 3, 19, 15, 0, tzinfo=datetime.UTC)


@time_machine.travel(BEFORE_NOWRUZ, tick=False)
@pytest.mark.parametrize(
    "typed", ["۳۰ اسفند ۱۴۰۲ ۱۸:۳۰", "۱۴۰۲/۱۲/۳۰ ۱۸:۳۰", "فردا", "۱۴۰۲/۱۲/۲۹ ۲۵:۰۰"]
)
def test_a_day_the_calendar_does_not_have_is_a_form_error_and_nothing_changes(
    newsroom: Any, edition_fa: Edition, signed_in: Signed, typed: str
) -> None:
    article = write(newsroom.admin, edition_fa, section=newsroom.fa_politics)

    response = signed_in(newsroom.section_editor).post(
        f"{editor_url(article)}schedule/", {"at": typed}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a day and time of the Solar Hijri calendar" in page
    assert f'value="{typed}"' in page  # kept for correcting
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)


@time_machine.travel(BEFORE_NOWRUZ, tick=False)
def test_a_time_already_past_asks_what_to_do_and_schedules_nothing(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)
    client = signed_in(newsroom.editor)

    asked = client.post(f"{editor_url(article)}schedule/", {"at": "۱۴۰۲/۱۲/۲۸ ۰۸:۰۰"})

    assert asked.status_code == 400
    page = asked.content.decode()
    assert "That time has already passed, so nothing was scheduled." in page
    assert 'value="۱۴۰۲/۱۲/۲۸ ۰۸:۰۰"' in page
    assert f'action="{editor_url(article)}publish/"' in page
    assert ">Publish now instead<" in page
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)

    published = client.post(f"{editor_url(article)}publish/")

    assert published.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, BEFORE_NOWRUZ)


# --- Live updates, breaking news, corrections ---------------------------------------------------


def _live_with_update(newsroom: Any, edition: Edition) -> Article:
    article = at_status(write(newsroom.reporter, edition, headline="الأصل"), Status.PUBLISHED)
    services.article_save(
        actor=newsroom.editor, article=article, base_revision=1, headline="التحديث"
    )
    article.refresh_from_db()
    return article


def test_the_pending_update_goes_live_now(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = _live_with_update(newsroom, edition_ar)

    response = signed_in(newsroom.editor).post(f"{editor_url(article)}update/publish/")

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.pending_revision_id) == ("التحديث", None)


@time_machine.travel(BEFORE_NOWRUZ, tick=False)
def test_the_pending_update_is_scheduled_in_the_editions_calendar(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = _live_with_update(newsroom, edition_ar)

    response = signed_in(newsroom.editor).post(
        f"{editor_url(article)}update/schedule/", {"update-at": "۱۴۰۲/۱۲/۲۹ ۱۸:۳۰"}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "الأصل"
    assert article.pending_publish_at == datetime.datetime(2024, 3, 19, 15, 0, tzinfo=datetime.UTC)


def test_a_pending_update_timed_in_the_past_offers_to_publish_it_now(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = _live_with_update(newsroom, edition_ar)

    response = signed_in(newsroom.editor).post(
        f"{editor_url(article)}update/schedule/", {"update-at": "۱۴۰۲/۱۲/۲۸ ۰۸:۰۰"}
    )

    assert response.status_code == 400
    assert f'action="{editor_url(article)}update/publish/"' in response.content.decode()
    article.refresh_from_db()
    assert article.pending_publish_at is None


def test_breaking_news_lasts_30_minutes_by_default_and_is_cleared(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), Status.PUBLISHED)
    client = signed_in(newsroom.editor)
    form = client.get(editor_url(article)).content.decode()
    assert 'name="minutes" value="30"' in form

    set_ = client.post(f"{editor_url(article)}breaking/", {"minutes": "۳۰"})

    assert set_.status_code == 302
    article.refresh_from_db()
    assert article.is_breaking and article.breaking_until is not None
    left = article.breaking_until - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)
    cleared = client.post(f"{editor_url(article)}breaking/clear/")
    assert cleared.status_code == 302
    article.refresh_from_db()
    assert (article.is_breaking, article.breaking_until) == (False, None)


def test_a_draft_cannot_be_breaking_news(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)

    response = signed_in(newsroom.editor).post(f"{editor_url(article)}breaking/", {"minutes": 30})

    assert response.status_code == 409
    assert "Only a published article can be breaking news." in response.content.decode()


def test_a_correction_is_added_with_its_kind(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), Status.PUBLISHED)

    response = signed_in(newsroom.editor).post(
        f"{editor_url(article)}corrections/",
        {"kind": "clarification", "text": "توضيح <script>x</script>"},
    )

    assert response.status_code == 302
    correction = Correction.objects.get(article=article)
    assert correction.kind == "clarification"
    page = signed_in(newsroom.editor).get(editor_url(article)).content.decode()
    assert "توضيح &lt;script&gt;x&lt;/script&gt;" in page


def test_a_take_down_needs_its_reason(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), Status.PUBLISHED)

    response = signed_in(newsroom.editor).post(f"{editor_url(article)}take-down/", {"reason": " "})

    assert response.status_code == 400
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


# --- Preview links --------------------------------------------------------------------------


def test_a_preview_link_is_shown_once_in_full_and_can_be_withdrawn(
    newsroom: Any, edition_ar: Edition, signed_in: Signed, settings: Any
) -> None:
    settings.SITE_URL = "https://news.example"
    article = write(newsroom.reporter, edition_ar)
    client = signed_in(newsroom.reporter)

    made = client.post(f"{editor_url(article)}previews/", {"days": 2})

    assert made.status_code == 200
    page = made.content.decode()
    assert 'value="https://news.example/preview/' in page
    token = page.split('value="https://news.example/preview/', 1)[1].split('"', 1)[0]
    assert token not in client.get(editor_url(article)).content.decode()
    link = PreviewLink.objects.get(article=article)
    assert link.expires_at - timezone.now() > datetime.timedelta(days=1, hours=23)
    assert Client().get(f"/preview/{token}").status_code == 200

    revoked = client.post(f"{editor_url(article)}previews/{link.pk}/revoke/")

    assert revoked.status_code == 302
    assert Client().get(f"/preview/{token}").status_code == 410


def test_another_reporter_cannot_make_a_preview_link(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)

    response = signed_in(newsroom.other_reporter).post(f"{editor_url(article)}previews/")

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()
