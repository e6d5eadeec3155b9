"""The dashboard: each panel, scoped to the role, in a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.articles import services, workflow
from khabar.articles.locks import article_lock
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.newsroom.desk import desk_get
from khabar.newsroom.tests.conftest import Signed, at_status, write
from khabar.newsroom.tests.test_comments import comment_on
from khabar.staff.permissions import scope_of

Status = Article.Status
pytestmark = pytest.mark.django_db


def _fill(newsroom: Any, edition: Edition, tag: str, number: int) -> None:
    """One article in every panel of an admin's desk, in `edition`."""
    write(newsroom.admin, edition, headline=f"مسودة {tag}")
    at_status(write(newsroom.admin, edition, headline=f"للمراجعة {tag}"), Status.IN_REVIEW)
    at_status(write(newsroom.admin, edition, headline=f"مجدول {tag}"), Status.SCHEDULED)
    live = at_status(write(newsroom.admin, edition, headline=f"منشور {tag}"), Status.PUBLISHED)
    services.article_save(actor=IMPORTER, article=live, base_revision=1, headline=f"تحديث {tag}")
    workflow.article_breaking_set(actor=IMPORTER, article=live)
    article_lock(
        actor=newsroom.admin, article=write(newsroom.admin, edition, headline=f"قفل {tag}")
    )
    comment_on(live, f"تعليق {tag}", address=f"203.0.113.{number + 10 * edition.pk}")


def _panel(page: str, name: str) -> str:
    return page.split(f'id="{name}-title"')[1].split("</section>")[0]


def test_the_dashboard_runs_the_same_queries_however_full_its_panels(
    newsroom: Any, edition_ar: Edition, edition_fa: Edition, signed_in: Signed
) -> None:
    client = signed_in(newsroom.admin)
    client.get("/newsroom/")  # the session's first read is not the page's

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/newsroom/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    for number in range(3):
        _fill(newsroom, edition_ar, f"أ{number}", number)
        _fill(newsroom, edition_fa, f"ف{number}", number)
    few, page = queries()
    for panel in ("drafts", "review", "scheduled", "updates", "editing", "published", "breaking"):
        assert _panel(page, panel).count("<li>") >= 2, panel
    for number in range(3, 9):
        _fill(newsroom, edition_ar, f"أ{number}", number)
        _fill(newsroom, edition_fa, f"ف{number}", number)
    assert queries()[0] == few
    # Session and user, the role with its editions' and sections' ids (one query), the
    # language preference; the editions; drafts,
    # review, scheduled, published, pending updates, locks, breaking; the panel's comment
    # and submission counts, and the navigation's again.
    assert few == 16


def test_a_reporter_sees_their_drafts_but_no_review_nor_others_work(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    write(newsroom.reporter, edition_ar, headline="مسودتي")
    write(newsroom.other_reporter, edition_ar, headline="مسودة الزميل")
    at_status(write(newsroom.other_reporter, edition_ar, headline="للمراجعة"), Status.IN_REVIEW)
    page = signed_in(newsroom.reporter).get("/newsroom/").content.decode()
    assert "مسودتي" in page
    assert "مسودة الزميل" not in page and "للمراجعة" not in page
    assert "Waiting for review" not in page
    assert "/newsroom/comments/" not in page.split("</header>")[1]


def test_review_lists_only_what_the_editor_may_review(
    newsroom: Any, edition_ar: Edition, edition_fa: Edition, signed_in: Signed
) -> None:
    at_status(write(newsroom.reporter, edition_ar, headline="خبر عربي"), Status.IN_REVIEW)
    at_status(
        write(newsroom.admin, edition_fa, "خبر سیاسی", section=newsroom.fa_politics),
        Status.IN_REVIEW,
    )
    at_status(
        write(newsroom.admin, edition_fa, "خبر اقتصادی", section=newsroom.fa_economy),
        Status.IN_REVIEW,
    )
    arabic = signed_in(newsroom.editor).get("/newsroom/").content.decode()
    politics = signed_in(newsroom.section_editor).get("/newsroom/").content.decode()
    assert "خبر عربي" in arabic and "خبر سیاسی" not in arabic
    assert "خبر سیاسی" in politics
    assert "خبر عربي" not in politics and "خبر اقتصادی" not in politics


def test_scheduled_days_are_the_editions_own_in_its_calendar_and_digits(
    newsroom: Any, edition_fa: Edition
) -> None:
    # 10:00 UTC on 8 January 2017 is 19 Dey 1395 in Tehran; 21:00 UTC is already the 20th.
    now = datetime.datetime(2017, 1, 8, 10, 0, tzinfo=datetime.UTC)
    times = {
        "امروز": datetime.datetime(2017, 1, 8, 20, 0, tzinfo=datetime.UTC),
        "فردا": datetime.datetime(2017, 1, 8, 21, 0, tzinfo=datetime.UTC),
        "پس‌فردا": datetime.datetime(2017, 1, 9, 21, 0, tzinfo=datetime.UTC),
    }
    for headline, at in times.items():
        article = write(newsroom.admin, edition_fa, headline=headline)
        # Scheduled in what is the past for the clock: the service would refuse it.
        Article.objects.filter(pk=article.pk).update(status=Status.SCHEDULED, published_at=at)
    scope = scope_of(newsroom.admin)
    assert scope is not None
    desk = desk_get(
        user=newsroom.admin,
        scope=scope,
        editions=Edition.objects.filter(pk=edition_fa.pk),
        now=now,
    )
    days = [
        (day.label, day.is_today, [(item.time, item.article.headline) for item in day.items])
        for day in desk.scheduled
    ]
    assert days == [
        ("۱۹ دی ۱۳۹۵", True, [("۲۳:۳۰", "امروز")]),
        ("۲۰ دی ۱۳۹۵", False, [("۰۰:۳۰", "فردا")]),
    ]


def test_the_breaking_bar_and_who_is_editing_what_are_shown(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    live = at_status(write(newsroom.reporter, edition_ar, headline="عاجل"), Status.PUBLISHED)
    workflow.article_breaking_set(actor=IMPORTER, article=live)
    article_lock(actor=newsroom.editor, article=write(newsroom.reporter, edition_ar, "قيد التحرير"))
    page = signed_in(newsroom.admin).get("/newsroom/").content.decode()
    breaking = _panel(page, "breaking")
    assert "عاجل" in breaking and "Until" in breaking
    editing = _panel(page, "editing")
    assert "قيد التحرير" in editing and "editor_ar" in editing


def test_the_readers_panel_links_the_queue_and_inbox_with_their_counts(
    newsroom: Any, sample_article: Article, signed_in: Signed
) -> None:
    comment_on(sample_article, "تعليق أول")
    comment_on(sample_article, "تعليق ثان", address="203.0.113.6")
    page = signed_in(newsroom.editor).get("/newsroom/").content.decode()
    readers = _panel(page, "readers")
    assert "2 comments wait for moderation" in readers
    assert "0 new submissions in the inbox" in readers
