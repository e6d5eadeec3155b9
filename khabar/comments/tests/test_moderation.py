"""Moderation services: who may act, what changes, and which events go out."""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.articles import services as article_services
from khabar.articles import workflow
from khabar.articles.models import Article
from khabar.comments import events, limits, selectors, services
from khabar.comments.models import BlockedEmail, BlockedNetwork, Comment
from khabar.comments.tests.conftest import Post
from khabar.core.actors import IMPORTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(request: pytest.FixtureRequest) -> list[tuple[str, Any]]:
    """The comment events sent, in order (with the test's `commit` executing them)."""
    received: list[tuple[str, Any]] = []
    for name in ("comment_approved", "comment_removed", "comment_edited", "comments_closed"):
        signal = getattr(events, name)

        def listener(sender: Any, name: str = name, **kwargs: Any) -> None:
            received.append((name, kwargs.get("comment") or kwargs.get("article")))

        uid = f"test-{name}"
        signal.connect(listener, weak=False, dispatch_uid=uid)
        request.addfinalizer(functools.partial(signal.disconnect, dispatch_uid=uid))
    return received


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[[], Any]:
    """A block whose on-commit callbacks run at its end, as the service's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_editor_approves_and_the_event_goes_out_after_commit(
    post: Post, newsroom: Any, sent: list[tuple[str, Any]], commit: Callable[[], Any]
) -> None:
    comment = post().comment
    with commit():
        assert services.comment_approve(actor=newsroom.editor, comments=[comment]) == [comment]
        assert sent == []
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderator == newsroom.editor and comment.moderated_at is not None
    assert sent == [("comment_approved", comment)]


def test_rejecting_an_approved_comment_removes_it_and_says_so(
    post: Post, newsroom: Any, sent: list[tuple[str, Any]], commit: Callable[[], Any]
) -> None:
    comment = post().comment
    with commit():
        services.comment_approve(actor=newsroom.editor, comments=[comment])
    with commit():
        services.comment_reject(actor=newsroom.editor, comments=[comment])
    assert [name for name, _ in sent] == ["comment_approved", "comment_removed"]


def test_rejecting_a_pending_comment_sends_no_event(
    post: Post, newsroom: Any, sent: list[tuple[str, Any]], commit: Callable[[], Any]
) -> None:
    with commit():
        services.comment_mark_spam(actor=newsroom.editor, comments=[post().comment])
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert sent == []


@pytest.mark.parametrize("who", ["reporter", "section_editor"])
def test_reporters_and_editors_of_other_editions_cannot_moderate(
    post: Post, newsroom: Any, who: str
) -> None:
    comment = post().comment
    with pytest.raises(PermissionDenied):
        services.comment_approve(actor=getattr(newsroom, who), comments=[comment])
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_section_editor_moderates_only_their_sections(
    newsroom: Any, edition_fa: Any, post: Post, sample_article: Article
) -> None:
    def article(code: int, section: Any) -> Article:
        return article_services.article_create(
            actor=IMPORTER,
            edition=edition_fa,
            code=code,
            headline=f"خبر {code}",
            body="<p>متن</p>",
            section=section,
            published_at=sample_article.published_at,
        )

    politics = post(article=article(1, newsroom.fa_politics), body="سیاست").comment
    economy = post(article=article(2, newsroom.fa_economy), body="اقتصاد").comment
    editor = newsroom.section_editor
    assert list(selectors.moderation_queue(actor=editor)) == [politics]
    services.comment_approve(actor=editor, comments=[politics])
    with pytest.raises(PermissionDenied):
        services.comment_approve(actor=editor, comments=[economy])
    assert selectors.pending_count(actor=editor) == 0
    assert selectors.pending_count(actor=newsroom.admin) == 1


def test_an_edit_is_recorded_with_the_text_before(
    post: Post, newsroom: Any, sent: list[tuple[str, Any]], commit: Callable[[], Any]
) -> None:
    comment = post(body="a typo hre").comment
    services.comment_approve(actor=newsroom.editor, comments=[comment])
    with commit():
        services.comment_edit(actor=newsroom.editor, comment=comment, body="a typo here")
    edit = comment.edits.get()
    assert (edit.body_before, edit.body_after, edit.editor) == (
        "a typo hre",
        "a typo here",
        newsroom.editor,
    )
    assert Comment.objects.get().body == "a typo here"
    assert sent[-1] == ("comment_edited", comment)


def test_a_newsroom_reply_is_shown_at_once_one_level_deep(post: Post, newsroom: Any) -> None:
    comment = post().comment
    services.comment_approve(actor=newsroom.editor, comments=[comment])
    reply = services.comment_reply(actor=newsroom.editor, comment=comment, body="شكرا")
    again = services.comment_reply(actor=newsroom.editor, comment=reply, body="وأيضا")
    assert reply.is_newsroom and reply.status == Comment.Status.APPROVED
    assert again.parent == comment  # a reply to a reply joins the thread
    shown = selectors.article_comments(article=comment.article)
    assert shown.count == 3
    assert [thread.comment for thread in shown.threads] == [comment]
    assert shown.threads[0].replies == [reply, again]


def test_a_reader_reply_to_a_reply_joins_the_thread_at_its_root(post: Post) -> None:
    top = post(body="first").comment
    child = post(body="second", parent=top).comment
    grandchild = post(body="third", parent=child).comment
    assert child.parent == top
    assert grandchild.parent is None  # not a reply to a reply: a comment of its own


def test_blocking_the_sender_blocks_their_email_and_network(post: Post, newsroom: Any) -> None:
    comment = post(email="pest@example.com", address="203.0.113.9").comment
    assert services.comment_block_sender(actor=newsroom.editor, comments=[comment]) == 2
    assert BlockedEmail.objects.get().pattern == "pest@example.com"
    assert BlockedNetwork.objects.get().network_hash == comment.network_hash
    assert Comment.objects.get().status == Comment.Status.SPAM
    with pytest.raises(services.CommentRefused):
        post(body="new text", address="203.0.113.77")  # the same /24


def test_an_editor_closes_comments_on_an_article(
    post: Post,
    newsroom: Any,
    sample_article: Article,
    sent: list[tuple[str, Any]],
    commit: Callable[[], Any],
) -> None:
    with commit():
        services.comments_close(actor=newsroom.editor, article=sample_article)
    assert not Article.objects.get().comments_open
    assert sent == [("comments_closed", sample_article)]
    with pytest.raises(services.CommentsClosed):
        post()
    with pytest.raises(PermissionDenied):
        services.comments_close(actor=newsroom.reporter, article=sample_article)


def test_most_commented_counts_approved_comments_only(post: Post, newsroom: Any) -> None:
    comments = [post(body=f"c{n}", address=f"192.0.2.{n}").comment for n in range(3)]
    services.comment_approve(actor=newsroom.editor, comments=comments[:2])
    article = comments[0].article
    (listed,) = selectors.most_commented(edition=article.edition)
    assert (listed, listed.comment_count) == (article, 2)
    assert selectors.comment_counts(article_ids=[article.pk]) == {article.pk: 2}


def test_most_commented_ranks_the_editions_public_articles_by_comments_in_the_window(
    edition_ar: Any, edition_fa: Any
) -> None:
    def article(edition: Any = edition_ar, **fields: Any) -> Article:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
        return article_services.article_create(
            actor=IMPORTER, edition=edition, headline="خبر", **fields
        )

    def approved(article: Article, count: int, days_ago: int = 0) -> None:
        for _ in range(count):
            comment = Comment.objects.create(
                article=article,
                body="تعليق",
                status=Comment.Status.APPROVED,
                submission_key=uuid.uuid4().hex,
                body_key="",
            )
            created = timezone.now() - datetime.timedelta(days=days_ago)
            Comment.objects.filter(pk=comment.pk).update(created_at=created)

    earlier = timezone.now() - datetime.timedelta(hours=2)  # published before the others
    most, older_tie, newer_tie = article(), article(published_at=earlier), article()
    taken_down, persian, scheduled = article(), article(edition=edition_fa), article()
    approved(most, 3)
    approved(older_tie, 2)
    approved(newer_tie, 2)
    approved(most, 5, days_ago=limits.MOST_COMMENTED_DAYS + 1)  # before the window
    for other in (taken_down, persian, scheduled):
        approved(other, 4)
    workflow.article_unpublish(actor=IMPORTER, article=taken_down)
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    listed = selectors.most_commented(edition=edition_ar)
    assert [(a.pk, a.comment_count) for a in listed] == [
        (most.pk, 3),
        (newer_tie.pk, 2),
        (older_tie.pk, 2),
    ]


def test_most_commented_starts_from_the_windows_comments_not_the_editions_articles(
    edition_ar: Any,
) -> None:
    """Without the planner's statistics (before the worker's first ANALYZE), a join filter
    on the article made SQLite walk every article of the edition on each home page."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's planner chooses by its statistics")
    with CaptureQueriesContext(connection) as captured:
        selectors.most_commented(edition=edition_ar)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {captured[-1]['sql']}")
        steps = [row[-1] for row in cursor.fetchall()]
    reads = [step for step in steps if step.startswith(("SEARCH", "SCAN"))]
    comments = [step for step in reads if "comment_status_created" in step]
    articles = [step for step in reads if step not in comments and "ranking" not in step]
    assert comments and reads.index(comments[0]) == 0, steps
    assert articles and all("PRIMARY KEY" in step for step in articles), steps


def test_the_pending_count_starts_from_the_pending_comments_not_the_editions_articles(
    newsroom: Any,
) -> None:
    """The newsroom's navigation counts on every page: an editor's count joins the
    articles of their editions, and must not walk all of them to find a few comments."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's planner chooses by its statistics")
    with CaptureQueriesContext(connection) as captured:
        selectors.pending_count(actor=newsroom.editor)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {captured[-1]['sql']}")
        first = cursor.fetchall()[0][-1]
    assert "comments_comment" in first and "comment_status_article" in first, first
