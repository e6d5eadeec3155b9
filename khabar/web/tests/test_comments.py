"""Readers' comments on the public site: the form, its POST, what the article shows."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from khabar.articles.models import Article
from khabar.comments import limits, services, tokens
from khabar.comments.models import Comment
from khabar.core.actors import System
from khabar.text import to_digits
from khabar.web import fragments
from khabar.web.comments import comment_form, form_fields_html
from khabar.web.urls_for import article_url

MODERATOR = System("tests")
URL = "/ar/news/14027/comment"


@pytest.fixture
def page(sample_article: Article) -> str:
    return article_url(sample_article)


def form_token(client: Client, page: str) -> str:
    match = re.search(r'name="form" value="([^"]+)"', client.get(page).content.decode())
    assert match is not None
    return match.group(1)


@pytest.fixture
def send(client: Client, page: str, sample_article: Article) -> Callable[..., Any]:
    """POST the form as a browser sends it from the article page, filled in a minute ago."""
    token = tokens.token_issue(article_id=sample_article.pk, now=time.time() - 60)

    def post(**fields: str) -> Any:
        headers = {"Sec-Fetch-Site": fields.pop("fetch_site", "same-origin")}
        data = {"form": token, "name": "سامي", "email": "", "body": "تعليق", "website": ""}
        data.update(fields)
        return client.post(URL, data, headers=headers)

    return post


def approve_all() -> None:
    services.comment_approve(actor=MODERATOR, comments=Comment.objects.all())


def test_the_article_page_has_a_form_that_works_without_javascript(
    client: Client, page: str
) -> None:
    html = client.get(page).content.decode()
    assert f'<form class="comment-form" method="post" action="{URL}">' in html
    assert "csrfmiddlewaretoken" not in html
    assert "<script" not in html.split('id="comments"')[1].split("</section>")[0]


RECEIVED = f"{URL}/received"


def test_a_comment_is_received_and_waits_for_moderation(
    send: Callable[..., Any], client: Client
) -> None:
    response = send()
    assert response.status_code == 303
    assert response["Location"] == RECEIVED
    assert "no-store" in response["Cache-Control"]
    # The redirect is the acknowledgement: the comment is committed before it is sent.
    assert Comment.objects.get().status == Comment.Status.PENDING
    received = client.get(response["Location"])
    html = received.content.decode()
    assert received.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "وهو بانتظار المراجعة" in html  # in the edition's language
    assert f'href="{article_url(Comment.objects.get().article)}"' in html  # the way back


def test_the_received_page_is_one_page_for_all_readers_kept_by_the_page_cache(
    settings: Any, client: Client, send: Callable[..., Any]
) -> None:
    settings.PAGECACHE_ENABLED = True
    send()
    first, second = client.get(RECEIVED), client.get(RECEIVED)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert "no-store" not in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert second.content == first.content


def test_the_received_page_of_an_unknown_or_withdrawn_article_is_not_found(
    client: Client, sample_article: Article
) -> None:
    assert client.get("/ar/news/999999/comment/received").status_code == 404
    assert client.get("/xx/news/14027/comment/received").status_code == 404
    Article.objects.filter(pk=sample_article.pk).update(status=Article.Status.DRAFT)
    assert client.get(RECEIVED).status_code == 404


def test_the_same_post_twice_is_stored_once_and_answered_alike(send: Callable[..., Any]) -> None:
    first, second = send(), send()
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"] == RECEIVED
    assert Comment.objects.count() == 1


def test_a_post_reads_the_article_once(send: Callable[..., Any]) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert send().status_code == 303
    article_reads = [q["sql"] for q in queries if 'FROM "articles_article"' in q["sql"]]
    assert len(article_reads) == 1, article_reads


@pytest.mark.parametrize(
    "token",
    ["", "forged", tokens.token_issue(article_id=999_999, now=time.time() - 60)],
    ids=["missing", "forged", "another-article"],
)
def test_a_missing_or_forged_token_is_refused(send: Callable[..., Any], token: str) -> None:
    response = send(form=token)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_post_from_another_site_is_refused(
    send: Callable[..., Any], client: Client, sample_article: Article
) -> None:
    assert send(fetch_site="cross-site").status_code == 403
    token = tokens.token_issue(article_id=sample_article.pk, now=time.time() - 60)
    response = client.post(
        URL, {"form": token, "body": "x"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_an_expired_form_is_shown_again_with_the_text_kept(
    send: Callable[..., Any], sample_article: Article
) -> None:
    old = tokens.token_issue(
        article_id=sample_article.pk, now=time.time() - limits.FORM_AGE_MAX_SECONDS - 5
    )
    response = send(form=old, body="نص طويل كتبته")
    assert response.status_code == 400
    assert "نص طويل كتبته</textarea>" in response.content.decode()
    assert not Comment.objects.exists()
    fresh = re.search(r'name="form" value="([^"]+)"', response.content.decode())
    assert fresh is not None
    assert send(form=fresh.group(1), body="نص طويل كتبته").status_code == 303


def test_a_refusal_does_not_say_which_rule_tripped(send: Callable[..., Any]) -> None:
    honeypot = send(website="http://spam.example").content.decode()
    links = send(body="https://a.example https://b.example https://c.example").content.decode()
    with translation.override("ar"):
        message = services.CommentRefused("x").message
    assert message in honeypot and message in links
    assert not Comment.objects.exists()


def test_an_invalid_field_is_named_and_the_form_kept(send: Callable[..., Any]) -> None:
    response = send(email="not-an-email", body="   ")
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('role="alert"') == 2
    assert 'value="not-an-email"' in html


def test_approved_comments_are_shown_escaped_oldest_first_without_emails(
    send: Callable[..., Any], client: Client, page: str
) -> None:
    send(name="<b>bold</b>", email="secret@example.com", body="<script>alert(1)</script>")
    send(name="", body="second")
    approve_all()
    html = client.get(page).content.decode()
    comments = html.split('id="comments"')[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comments
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "secret@example.com" not in html
    assert comments.index("alert(1)") < comments.index("second")
    assert "مجهول" in comments  # "anonymous" in the edition's language
    assert "(۲)" in comments  # the Arabic edition counts in Persian digits, as the sample


def test_a_newsroom_reply_is_marked(send: Callable[..., Any], client: Client, page: str) -> None:
    send()
    approve_all()
    services.comment_reply(actor=MODERATOR, comment=Comment.objects.get(), body="رد التحرير")
    html = client.get(page).content.decode()
    assert 'class="comment comment-newsroom"' in html
    assert "رد التحرير" in html


def test_closed_comments_show_a_notice_instead_of_the_form(
    client: Client, page: str, sample_article: Article, send: Callable[..., Any]
) -> None:
    services.comments_close(actor=MODERATOR, article=sample_article)
    html = client.get(page).content.decode()
    assert 'class="comments-closed"' in html and "comment-form" not in html
    assert send().status_code == 403


def test_a_cached_article_page_shows_a_comment_once_it_is_approved(
    settings: Any,
    client: Client,
    page: str,
    send: Callable[..., Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.PAGECACHE_ENABLED = True
    assert client.get(page)["X-Cache"] == "MISS"
    assert client.get(page)["X-Cache"] == "HIT"
    send(body="من الذاكرة")
    assert "من الذاكرة" not in client.get(page).content.decode()  # pending: still the hit
    with django_capture_on_commit_callbacks(execute=True):
        approve_all()
    response = client.get(page)
    assert response["X-Cache"] == "MISS"
    assert "من الذاكرة" in response.content.decode()


def test_lists_and_the_home_page_show_counts_and_most_commented(
    settings: Any,
    client: Client,
    send: Callable[..., Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.PAGECACHE_ENABLED = True
    assert "most-commented" not in client.get("/ar/").content.decode()
    send()
    with django_capture_on_commit_callbacks(execute=True):
        approve_all()
    html = client.get("/ar/").content.decode()
    assert 'class="most-commented"' in html
    assert html.count('class="comment-count"') == 2  # the latest list and most commented


def test_a_blank_form_is_rendered_once_per_language_and_digits(
    sample_article: Article, edition_ar: Any, edition_en: Any
) -> None:
    form = comment_form(sample_article, edition_ar)
    with translation.override("ar"):
        first = form_fields_html(form=form, prefix="c", reply_to="", edition=edition_ar)
        assert form_fields_html(form=form, prefix="c", reply_to="", edition=edition_ar) is first
        reply = form_fields_html(form=form, prefix="r", reply_to=7, edition=edition_ar)
        latin = form_fields_html(form=form, prefix="c", reply_to="", edition=edition_en)
    with translation.override("en"):
        english = form_fields_html(form=form, prefix="c", reply_to="", edition=edition_ar)
    assert 'name="reply_to" value="7"' in reply and 'id="r7-body"' in reply
    assert "reply_to" not in first and 'id="c-body"' in first

    def help_text(html: str) -> str:
        return html.split('-body-help">')[2].split("</span>")[0]

    assert to_digits(str(limits.BODY_MAX), "persian") in help_text(first)
    assert str(limits.BODY_MAX) in help_text(latin)  # the English edition's digits
    assert "Send comment" in english and "Send comment" not in first


def test_what_a_reader_typed_is_shown_again_but_never_kept_in_the_process(
    sample_article: Article, edition_ar: Any
) -> None:
    typed = comment_form(
        sample_article,
        edition_ar,
        values={"name": "سامي", "email": "", "body": "نص خاص"},
        errors={"email": ["Enter a valid email address."]},
    )
    kept = fragments._rendered.cache_info().currsize
    with translation.override("ar"):
        html = form_fields_html(form=typed, prefix="c", reply_to="", edition=edition_ar)
        blank = form_fields_html(
            form=comment_form(sample_article, edition_ar),
            prefix="c",
            reply_to="",
            edition=edition_ar,
        )
    assert "نص خاص</textarea>" in html and 'value="سامي"' in html and 'role="alert"' in html
    assert "نص خاص" not in blank and 'role="alert"' not in blank
    assert fragments._rendered.cache_info().currsize <= kept + 1  # the blank form alone
