"""Comment moderation pages, per role: the queue, bulk actions, edit, reply, close."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from khabar.articles import services as article_services
from khabar.articles.models import Article
from khabar.comments import services
from khabar.comments.clients import client_from_address
from khabar.comments.models import BlockedEmail, Comment
from khabar.core.actors import IMPORTER

pytestmark = pytest.mark.django_db


def comment_on(article: Article, body: str, **fields: Any) -> Comment:
    return services.comment_post(
        article=article,
        client=client_from_address(fields.pop("address", "203.0.113.5")),
        name=fields.pop("name", "قارئ"),
        email=fields.pop("email", ""),
        body=body,
        form_age=60,
    ).comment


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pending(sample_article: Article) -> Comment:
    return comment_on(
        sample_article, "<script>alert('x')</script>", name="<i>n</i>", email="r@example.com"
    )


def test_an_editor_sees_the_queue_escaped_with_the_pending_count(
    newsroom: Any, pending: Comment
) -> None:
    response = signed_in(newsroom.editor).get("/newsroom/comments/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<i>n</i>" not in html
    assert 'class="nr-badge">۱<' in html  # the interface's (Persian) digits
    assert "r@example.com" in html  # moderators see the email; readers never do


def test_a_reporter_has_no_comments_in_the_queue_and_no_link(
    newsroom: Any, pending: Comment
) -> None:
    html = signed_in(newsroom.reporter).get("/newsroom/comments/").content.decode()
    assert "alert" not in html and "nr-badge" not in html


def test_a_section_editor_sees_only_their_sections(
    newsroom: Any, pending: Comment, edition_fa: Any, sample_article: Article
) -> None:
    politics = article_services.article_create(
        actor=IMPORTER,
        edition=edition_fa,
        code=5,
        headline="سیاست",
        body="<p>متن</p>",
        section=newsroom.fa_politics,
        published_at=sample_article.published_at,
    )
    comment_on(politics, "نظر سیاسی")
    html = signed_in(newsroom.section_editor).get("/newsroom/comments/").content.decode()
    assert "نظر سیاسی" in html and "alert" not in html


def test_approving_in_bulk_shows_the_comments(newsroom: Any, sample_article: Article) -> None:
    ids = [comment_on(sample_article, f"c{n}", address=f"192.0.2.{n}").pk for n in range(3)]
    response = signed_in(newsroom.editor).post(
        "/newsroom/comments/act", {"comment": ids[:2], "action": "approve"}
    )
    assert response.status_code == 302
    assert list(Comment.objects.approved().values_list("pk", flat=True)) == ids[:2]


def test_a_moderator_outside_the_edition_is_refused_with_a_reason(
    newsroom: Any, pending: Comment
) -> None:
    response = signed_in(newsroom.section_editor).post(
        "/newsroom/comments/act", {"comment": [pending.pk], "action": "approve"}
    )
    assert response.status_code == 403
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert (
        signed_in(newsroom.section_editor).get(f"/newsroom/comments/{pending.pk}/").status_code
        == 404
    )


def test_blocking_the_sender_from_the_queue(newsroom: Any, pending: Comment) -> None:
    signed_in(newsroom.editor).post(
        "/newsroom/comments/act", {"comment": [pending.pk], "action": "block"}
    )
    assert BlockedEmail.objects.get().pattern == "r@example.com"
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_editing_a_typo_is_recorded_and_shown_in_the_history(
    newsroom: Any, pending: Comment
) -> None:
    client = signed_in(newsroom.editor)
    client.post(f"/newsroom/comments/{pending.pk}/", {"body": "fixed text"})
    html = client.get(f"/newsroom/comments/{pending.pk}/").content.decode()
    assert Comment.objects.get().body == "fixed text"
    assert '<del dir="auto">&lt;script&gt;' in html


def test_replying_as_the_newsroom(newsroom: Any, pending: Comment) -> None:
    signed_in(newsroom.editor).post(f"/newsroom/comments/{pending.pk}/", {"reply": "شكرا"})
    reply = Comment.objects.get(is_newsroom=True)
    assert (reply.parent, reply.status, reply.body) == (pending, Comment.Status.APPROVED, "شكرا")


def test_an_editor_closes_comments_and_a_reporter_cannot(
    newsroom: Any, sample_article: Article
) -> None:
    url = f"/newsroom/articles/{sample_article.pk}/close-comments"
    assert signed_in(newsroom.reporter).post(url).status_code == 403
    assert Article.objects.get().comments_open
    assert signed_in(newsroom.editor).post(url).status_code == 302
    assert not Article.objects.get().comments_open
