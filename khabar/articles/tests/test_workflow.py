"""The life of an article: who may move it where, scheduling, live updates, breaking news."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from khabar.articles import locks, services, workflow
from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

Status = Article.Status
NOON = datetime.datetime(2026, 12, 6, 15, 26, tzinfo=datetime.UTC)  # 18:56 in Tehran


def draft(actor: Any, edition: Edition, **fields: Any) -> Article:
    return services.article_create(actor=actor, edition=edition, headline="خبر", **fields)


def at_status(article: Article, status: str) -> Article:
    """Put the article in `status` by the allowed path, as Khabar's own process."""
    paths: dict[str, list[Callable[..., object]]] = {
        Status.DRAFT: [],
        Status.IN_REVIEW: [workflow.article_submit],
        Status.SCHEDULED: [
            lambda **kw: workflow.article_schedule(
                **kw, at=timezone.now() + datetime.timedelta(hours=1)
            )
        ],
        Status.PUBLISHED: [workflow.article_publish],
        Status.UNPUBLISHED: [workflow.article_publish, workflow.article_unpublish],
    }
    for step in paths[status]:
        step(actor=IMPORTER, article=article)
    article.refresh_from_db()
    return article


# --- Transitions ----------------------------------------------------------------------------

MOVES: dict[str, Callable[..., Any]] = {
    Status.IN_REVIEW: workflow.article_submit,
    Status.DRAFT: workflow.article_return_to_draft,
    Status.SCHEDULED: lambda **kw: workflow.article_schedule(
        **kw, at=timezone.now() + datetime.timedelta(hours=2)
    ),
    Status.PUBLISHED: workflow.article_publish,
    Status.UNPUBLISHED: workflow.article_unpublish,
}


@pytest.mark.parametrize("source", Status.values)
@pytest.mark.parametrize("target", Status.values)
def test_only_the_allowed_transitions_happen(
    newsroom: Any, edition_ar: Edition, source: str, target: str
) -> None:
    article = at_status(draft(newsroom.editor, edition_ar), source)
    allowed = target in workflow.TRANSITIONS[source]
    if allowed:
        MOVES[target](actor=newsroom.editor, article=article)
        article.refresh_from_db()
        assert article.status == target
        return
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        MOVES[target](actor=newsroom.editor, article=article)
    assert caught.value.code in {"transition", None}
    article.refresh_from_db()
    assert article.status == source


def test_the_transition_table_matches_the_design() -> None:
    assert workflow.TRANSITIONS == {
        "draft": {"in_review", "scheduled", "published"},
        "in_review": {"draft", "scheduled", "published"},
        "scheduled": {"draft", "scheduled", "published"},
        "published": {"unpublished"},
        "unpublished": {"draft"},
    }


def test_every_transition_is_in_the_audit_log_with_who_and_when(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = draft(newsroom.reporter, edition_ar)
    workflow.article_submit(actor=newsroom.reporter, article=article)
    workflow.article_publish(actor=newsroom.editor, article=article)
    workflow.article_unpublish(actor=newsroom.editor, article=article)
    entries = AuditEntry.objects.filter(target_type="article", target_id=str(article.pk))
    assert [(e.action, e.actor_name) for e in entries.order_by("at", "id")] == [
        ("article.create", "reporter_ar"),
        ("article.submit", "reporter_ar"),
        ("article.publish", "editor_ar"),
        ("article.unpublish", "editor_ar"),
    ]
    assert all(entry.at is not None and entry.edition_code == "ar" for entry in entries)


# --- Roles ----------------------------------------------------------------------------------


def test_a_reporter_writes_and_sends_their_own_draft_for_review(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = draft(newsroom.reporter, edition_ar)
    assert article.author == newsroom.reporter
    services.article_save(actor=newsroom.reporter, article=article, base_revision=1, lead="مقدمة")
    workflow.article_submit(actor=newsroom.reporter, article=article)
    assert article.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    "act",
    [
        lambda a, art: workflow.article_publish(actor=a, article=art),
        lambda a, art: workflow.article_schedule(
            actor=a, article=art, at=timezone.now() + datetime.timedelta(hours=1)
        ),
        lambda a, art: workflow.article_unpublish(actor=a, article=art),
        lambda a, art: workflow.article_take_down(actor=a, article=art, reason="legal"),
        lambda a, art: services.correction_add(actor=a, article=art, text="تصحيح"),
        lambda a, art: workflow.article_breaking_set(actor=a, article=art),
    ],
    ids=["publish", "schedule", "unpublish", "take_down", "correct", "breaking"],
)
def test_a_reporter_cannot_publish_or_withdraw_even_their_own_article(
    newsroom: Any, edition_ar: Edition, act: Callable[..., Any]
) -> None:
    article = draft(newsroom.reporter, edition_ar)
    with translation.override("en"), pytest.raises(PermissionDenied, match="Reporters cannot"):
        act(newsroom.reporter, article)


def test_a_reporter_cannot_touch_another_reporters_draft(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = draft(newsroom.other_reporter, edition_ar)
    with translation.override("en"), pytest.raises(PermissionDenied, match="own drafts"):
        services.article_save(actor=newsroom.reporter, article=article, base_revision=1, lead="سطو")
    with pytest.raises(PermissionDenied):
        workflow.article_submit(actor=newsroom.reporter, article=article)
    with pytest.raises(PermissionDenied):
        workflow.article_delete(actor=newsroom.reporter, article=article)


def test_a_reporter_cannot_edit_their_article_once_sent_for_review(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = draft(newsroom.reporter, edition_ar)
    workflow.article_submit(actor=newsroom.reporter, article=article)
    with translation.override("en"), pytest.raises(PermissionDenied, match="no longer a draft"):
        services.article_save(actor=newsroom.reporter, article=article, base_revision=1, lead="x")
    # …but may withdraw it to keep working.
    workflow.article_return_to_draft(actor=newsroom.reporter, article=article)
    assert article.status == Status.DRAFT


def test_a_reporter_writes_only_in_their_editions(newsroom: Any, edition_fa: Edition) -> None:
    with translation.override("en"), pytest.raises(PermissionDenied, match="this edition"):
        draft(newsroom.reporter, edition_fa)


def test_an_editor_acts_on_every_article_of_their_edition_and_no_other(
    newsroom: Any, edition_ar: Edition, edition_en: Edition
) -> None:
    article = draft(newsroom.reporter, edition_ar)
    workflow.article_publish(actor=newsroom.editor, article=article)
    services.correction_add(actor=newsroom.editor, article=article, text="تصحيح")
    elsewhere = draft(IMPORTER, edition_en)
    with translation.override("en"), pytest.raises(PermissionDenied, match="outside"):
        workflow.article_publish(actor=newsroom.editor, article=elsewhere)


def test_a_section_editor_acts_only_in_their_sections(newsroom: Any, edition_fa: Edition) -> None:
    mine = draft(newsroom.section_editor, edition_fa, section=newsroom.fa_politics)
    workflow.article_publish(actor=newsroom.section_editor, article=mine)
    theirs = draft(IMPORTER, edition_fa, section=newsroom.fa_economy)
    unsorted = draft(IMPORTER, edition_fa)
    for article in (theirs, unsorted):
        with pytest.raises(PermissionDenied):
            workflow.article_publish(actor=newsroom.section_editor, article=article)
        with pytest.raises(PermissionDenied):
            services.article_save(
                actor=newsroom.section_editor, article=article, base_revision=1, lead="x"
            )
    with translation.override("en"), pytest.raises(PermissionDenied, match="own sections"):
        draft(newsroom.section_editor, edition_fa, section=newsroom.fa_economy)


def test_moving_an_article_out_of_a_section_editors_sections_is_refused(
    newsroom: Any, edition_fa: Edition
) -> None:
    article = draft(newsroom.section_editor, edition_fa, section=newsroom.fa_politics)
    revision = services.article_save(
        actor=newsroom.section_editor, article=article, base_revision=1, section=newsroom.fa_economy
    )
    # The move itself was theirs to make; after it, the article is no longer theirs.
    assert revision is not None
    with pytest.raises(PermissionDenied):
        workflow.article_publish(actor=newsroom.section_editor, article=article)


def test_an_account_without_a_role_or_signed_out_can_do_nothing(
    edition_ar: Edition, django_user_model: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    nobody = django_user_model.objects.create_user("nobody", password="x")
    for actor, message in ((nobody, "no newsroom role"), (AnonymousUser(), "Sign in")):
        with translation.override("en"), pytest.raises(PermissionDenied, match=message):
            draft(actor, edition_ar)


def test_people_cannot_set_a_news_code_or_backdate(newsroom: Any, edition_ar: Edition) -> None:
    with pytest.raises(PermissionDenied):
        draft(newsroom.editor, edition_ar, code=99)
    article = draft(newsroom.editor, edition_ar)
    with pytest.raises(PermissionDenied):
        workflow.article_publish(
            actor=newsroom.editor, article=article, at=timezone.now() - datetime.timedelta(days=1)
        )


# --- Scheduling -----------------------------------------------------------------------------


def test_a_time_in_the_past_is_refused_saying_what_to_do(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = draft(newsroom.editor, edition_ar)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        workflow.article_schedule(
            actor=newsroom.editor,
            article=article,
            at=timezone.now() - datetime.timedelta(minutes=1),
        )
    assert "Publish it now instead" in str(caught.value)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_a_scheduled_article_goes_out_at_its_time_and_not_before(
    newsroom: Any, edition_ar: Edition, django_capture_on_commit_callbacks: Callable
) -> None:
    with time_machine.travel(NOON - datetime.timedelta(hours=1), tick=False):
        article = draft(newsroom.editor, edition_ar, keywords=["شمخاني"])
        workflow.article_schedule(actor=newsroom.editor, article=article, at=NOON)
    with time_machine.travel(NOON - datetime.timedelta(seconds=1), tick=False):
        assert workflow.due_run().published == []
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with (
        time_machine.travel(NOON, tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        report = workflow.due_run()
        assert report.published == [article.pk]
        assert Article.objects.published().filter(pk=article.pk).exists()
    assert callbacks, "publishing sends its event (the page cache listens)"
    entry = AuditEntry.objects.get(action="article.publish", target_id=str(article.pk))
    assert entry.actor_name == "[worker]"
    assert entry.data["late_seconds"] == 0


def test_due_work_is_done_once_however_often_it_runs(newsroom: Any, edition_ar: Edition) -> None:
    with time_machine.travel(NOON - datetime.timedelta(hours=1), tick=False):
        article = draft(newsroom.editor, edition_ar)
        workflow.article_schedule(actor=newsroom.editor, article=article, at=NOON)
    with time_machine.travel(NOON + datetime.timedelta(seconds=5), tick=False):
        assert workflow.due_run().published == [article.pk]
        assert workflow.due_run().published == []
    assert (
        AuditEntry.objects.filter(action="article.publish", target_id=str(article.pk)).count() == 1
    )


def test_a_worker_that_was_down_publishes_at_start_and_says_how_late(
    newsroom: Any, edition_ar: Edition, caplog: pytest.LogCaptureFixture
) -> None:
    with time_machine.travel(NOON - datetime.timedelta(hours=1), tick=False):
        article = draft(newsroom.editor, edition_ar)
        workflow.article_schedule(actor=newsroom.editor, article=article, at=NOON)
    with time_machine.travel(NOON + datetime.timedelta(minutes=10), tick=False):
        report = workflow.due_run()
    assert report.published == [article.pk]
    assert report.late_seconds == 600
    assert "600 s late" in caplog.text


def test_scheduling_enqueues_a_wake_up_at_the_due_time_in_the_same_transaction(
    newsroom: Any, edition_ar: Edition
) -> None:
    from django_tasks_db.models import DBTaskResult

    article = draft(newsroom.editor, edition_ar)
    at = timezone.now() + datetime.timedelta(minutes=5)
    workflow.article_schedule(actor=newsroom.editor, article=article, at=at)
    task = DBTaskResult.objects.get()
    assert task.run_after == at
    assert task.task_path == "khabar.articles.tasks.due_run_task"


def test_returning_a_scheduled_article_to_draft_cancels_its_time(
    newsroom: Any, edition_ar: Edition
) -> None:
    with time_machine.travel(NOON - datetime.timedelta(hours=1), tick=False):
        article = draft(newsroom.editor, edition_ar)
        workflow.article_schedule(actor=newsroom.editor, article=article, at=NOON)
        workflow.article_return_to_draft(actor=newsroom.editor, article=article)
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert workflow.due_run().published == []
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)


# --- Live edits -----------------------------------------------------------------------------


def published(newsroom: Any, edition: Edition) -> Article:
    article = draft(newsroom.editor, edition, lead="المقدمة الأولى", keywords=["شمخاني"])
    workflow.article_publish(actor=newsroom.editor, article=article)
    return article


def test_editing_a_live_article_keeps_the_published_text_until_the_update_is_published(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = published(newsroom, edition_ar)
    revision = services.article_save(
        actor=newsroom.editor,
        article=article,
        base_revision=article.revision_number,
        lead="المقدمة الجديدة",
        keywords=["السورية"],
    )
    assert revision is not None and revision.applied_at is None
    row = Article.objects.get(pk=article.pk)
    assert row.lead == "المقدمة الأولى"
    assert list(row.keywords.values_list("name", flat=True)) == ["شمخاني"]
    assert row.pending_revision == revision
    workflow.article_update_publish(actor=newsroom.editor, article=row)
    row.refresh_from_db()
    assert row.lead == "المقدمة الجديدة"
    assert list(row.keywords.values_list("name", flat=True)) == ["السورية"]
    assert row.pending_revision is None


def test_a_live_update_can_be_scheduled(newsroom: Any, edition_ar: Edition) -> None:
    with time_machine.travel(NOON - datetime.timedelta(hours=2), tick=False):
        article = published(newsroom, edition_ar)
        services.article_save(
            actor=newsroom.editor, article=article, base_revision=1, lead="تحديث مجدول"
        )
        workflow.article_update_publish(actor=newsroom.editor, article=article, at=NOON)
    with time_machine.travel(NOON - datetime.timedelta(seconds=1), tick=False):
        workflow.due_run()
    assert Article.objects.get(pk=article.pk).lead == "المقدمة الأولى"
    with time_machine.travel(NOON, tick=False):
        assert workflow.due_run().updated == [article.pk]
    assert Article.objects.get(pk=article.pk).lead == "تحديث مجدول"


def test_a_further_edit_continues_from_the_pending_update(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = published(newsroom, edition_ar)
    services.article_save(actor=newsroom.editor, article=article, base_revision=1, lead="أ")
    services.article_save(actor=newsroom.editor, article=article, base_revision=2, overline="ب")
    workflow.article_update_publish(actor=newsroom.editor, article=article)
    row = Article.objects.get(pk=article.pk)
    assert (row.lead, row.overline) == ("أ", "ب")


def test_publishing_an_update_that_does_not_exist_is_refused(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = published(newsroom, edition_ar)
    with pytest.raises(ValidationError):
        workflow.article_update_publish(actor=newsroom.editor, article=article)


# --- Take-down, deletion --------------------------------------------------------------------


def test_a_take_down_needs_a_reason_kept_in_the_audit_log(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = published(newsroom, edition_ar)
    with pytest.raises(ValidationError):
        workflow.article_take_down(actor=newsroom.editor, article=article, reason="  ")
    workflow.article_take_down(actor=newsroom.editor, article=article, reason="court order 12")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article.taken_down_at is not None
    entry = AuditEntry.objects.get(action="article.take_down")
    assert entry.data["reason"] == "court order 12"


def test_only_drafts_are_deleted(newsroom: Any, edition_ar: Edition) -> None:
    article = published(newsroom, edition_ar)
    with pytest.raises(ValidationError):
        workflow.article_delete(actor=newsroom.editor, article=article)
    mine = draft(newsroom.reporter, edition_ar)
    code = mine.code
    workflow.article_delete(actor=newsroom.reporter, article=mine)
    assert AuditEntry.objects.get(action="article.delete").data["code"] == code
    # Its code is never handed out again.
    assert draft(newsroom.reporter, edition_ar).code > code


# --- Breaking news --------------------------------------------------------------------------


def test_a_breaking_alert_ends_by_itself(newsroom: Any, edition_ar: Edition) -> None:
    with time_machine.travel(NOON, tick=False):
        article = published(newsroom, edition_ar)
        workflow.article_breaking_set(actor=newsroom.editor, article=article)
        assert article.breaking_until == NOON + workflow.BREAKING_DEFAULT
    with time_machine.travel(NOON + datetime.timedelta(minutes=29), tick=False):
        assert workflow.due_run().breaking_ended == []
    with time_machine.travel(NOON + datetime.timedelta(minutes=30), tick=False):
        assert workflow.due_run().breaking_ended == [article.pk]
    article.refresh_from_db()
    assert (article.is_breaking, article.breaking_until) == (False, None)


def test_only_a_published_article_is_breaking_news(newsroom: Any, edition_ar: Edition) -> None:
    with pytest.raises(ValidationError):
        workflow.article_breaking_set(
            actor=newsroom.editor, article=draft(newsroom.editor, edition_ar)
        )


def test_sending_for_review_hands_the_senders_edit_lock_over_but_not_anothers(
    newsroom: Any, edition_ar: Edition
) -> None:
    mine = draft(newsroom.reporter, edition_ar)
    locks.article_lock(actor=newsroom.reporter, article=mine)
    workflow.article_submit(actor=newsroom.reporter, article=mine)
    mine.refresh_from_db()
    assert locks.lock_get(mine) is None  # the editor opens it without a takeover
    held = draft(newsroom.reporter, edition_ar)
    locks.article_lock(actor=newsroom.editor, article=held)
    workflow.article_submit(actor=newsroom.reporter, article=held)
    held.refresh_from_db()
    lock = locks.lock_get(held)
    assert lock is not None and lock.holder_id == newsroom.editor.pk
