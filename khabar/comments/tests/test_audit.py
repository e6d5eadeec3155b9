"""Every moderation act and blocklist change is in the audit log: who, what, to which comment."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.comments import services
from khabar.comments.models import BlockedWord, Comment
from khabar.comments.tests.conftest import Post

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def entries(*actions: str) -> list[tuple[str, str, str, str]]:
    """(action, actor, target type, target id) of the entries with these actions, oldest first."""
    rows = AuditEntry.objects.filter(action__in=actions).order_by("at", "pk")
    return [(e.action, e.actor_name, e.target_type, e.target_id) for e in rows]


@pytest.mark.parametrize(
    ("service", "action", "status"),
    [
        (services.comment_approve, Action.COMMENT_APPROVE, Comment.Status.APPROVED),
        (services.comment_reject, Action.COMMENT_REJECT, Comment.Status.REJECTED),
        (services.comment_mark_spam, Action.COMMENT_SPAM, Comment.Status.SPAM),
    ],
)
def test_each_status_change_is_recorded_once_per_comment_with_the_status_before(
    post: Post, newsroom: Any, service: Any, action: str, status: str
) -> None:
    first, second = post(body="الأول").comment, post(body="الثاني", name="آخر").comment
    service(actor=newsroom.editor, comments=[first, second])
    service(actor=newsroom.editor, comments=[first])  # no change, no entry
    assert entries(action) == [
        (action, "editor_ar", "comment", str(first.pk)),
        (action, "editor_ar", "comment", str(second.pk)),
    ]
    entry = AuditEntry.objects.filter(action=action).first()
    assert entry is not None
    assert entry.edition_code == "ar"
    assert entry.data == {"article": first.article_id, "before": "pending"}
    assert Comment.objects.get(pk=first.pk).status == status


def test_an_edit_a_reply_and_closing_comments_are_recorded(
    post: Post, newsroom: Any, sample_article: Article
) -> None:
    comment = post().comment
    services.comment_edit(actor=newsroom.editor, comment=comment, body="تعليق مصحح")
    services.comment_edit(actor=newsroom.editor, comment=comment, body="تعليق مصحح")  # same
    reply = services.comment_reply(actor=newsroom.editor, comment=comment, body="شكرا لك")
    services.comments_close(actor=newsroom.editor, article=sample_article)
    services.comments_close(actor=newsroom.editor, article=sample_article)  # already closed
    assert entries(Action.COMMENT_EDIT, Action.COMMENT_REPLY, Action.COMMENTS_CLOSE) == [
        (Action.COMMENT_EDIT, "editor_ar", "comment", str(comment.pk)),
        (Action.COMMENT_REPLY, "editor_ar", "comment", str(reply.pk)),
        (Action.COMMENTS_CLOSE, "editor_ar", "article", str(sample_article.pk)),
    ]
    reply_entry = AuditEntry.objects.get(action=Action.COMMENT_REPLY)
    assert reply_entry.data == {"article": sample_article.pk, "reply_to": comment.pk}


def test_blocking_a_sender_is_recorded_without_their_email(post: Post, newsroom: Any) -> None:
    comment = post(email="spammer@example.com").comment
    services.comment_block_sender(actor=newsroom.editor, comments=[comment])
    assert entries(Action.COMMENT_BLOCK, Action.COMMENT_SPAM) == [
        (Action.COMMENT_BLOCK, "editor_ar", "comment", str(comment.pk)),
        (Action.COMMENT_SPAM, "editor_ar", "comment", str(comment.pk)),
    ]
    block = AuditEntry.objects.get(action=Action.COMMENT_BLOCK)
    assert block.data == {"article": comment.article_id, "email": True, "network": True}
    assert "spammer" not in str(AuditEntry.objects.values_list("data", "target_repr").all())


def test_blocklist_additions_and_removals_are_recorded_and_a_repeat_is_not(
    newsroom: Any,
) -> None:
    word = services.blocked_word_add(actor=newsroom.admin, word="كازينو")
    services.blocked_word_add(actor=newsroom.admin, word="كـازينو")  # the same word again
    services.blocked_remove(actor=newsroom.admin, row=word)
    assert [
        (e.action, e.actor_name, e.target_repr, e.data)
        for e in AuditEntry.objects.filter(action__startswith="blocklist.").order_by("pk")
    ] == [
        (Action.BLOCKLIST_ADD, "admin", "كازينو", {"list": "blockedword"}),
        (Action.BLOCKLIST_REMOVE, "admin", "كازينو", {"list": "blockedword"}),
    ]
    assert not BlockedWord.objects.exists()


def test_a_refused_act_leaves_no_entry(post: Post, newsroom: Any) -> None:
    comment = post().comment
    with pytest.raises(PermissionDenied):
        services.comment_approve(actor=newsroom.reporter, comments=[comment])
    with pytest.raises(PermissionDenied):
        services.blocked_word_add(actor=newsroom.section_editor, word="كلمة")
    assert not AuditEntry.objects.filter(action__startswith="comment").exists()
    assert not AuditEntry.objects.filter(action__startswith="blocklist").exists()


def test_the_audit_log_shows_a_moderated_comment_escaped(post: Post, newsroom: Any) -> None:
    comment = post(name="<b>x</b>", body="<script>alert(1)</script> مرحبا").comment
    services.comment_reject(actor=newsroom.editor, comments=[comment])
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(newsroom.admin)
    page = client.get("/newsroom/audit/", {"action": Action.COMMENT_REJECT}).content.decode()
    assert "Comment rejected" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>x</b>" not in page
