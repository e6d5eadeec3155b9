"""comment_post: what a reader's comment becomes, and what keeps one out."""

from __future__ import annotations

import datetime
import logging
import time

import pytest
from django.core.exceptions import ValidationError

from khabar.articles.models import Article
from khabar.comments import limits, services, spam
from khabar.comments.models import BlockedEmail, BlockedNetwork, Comment
from khabar.comments.tests.conftest import Post
from khabar.core.tests.redis_switch import RedisSwitch

pytestmark = pytest.mark.django_db


def refused_for(post: Post, **fields: object) -> str:
    with pytest.raises(services.CommentRefused) as refusal:
        post(**fields)
    return refusal.value.reason


def test_a_comment_waits_for_moderation(post: Post) -> None:
    posted = post(name="  علی  ", email="Reader@Example.com")
    comment = Comment.objects.get()
    assert posted.created and posted.comment == comment
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "علی"


def test_the_address_is_stored_only_as_keyed_hashes(post: Post) -> None:
    post(address="198.51.100.77")
    comment = Comment.objects.get()
    stored = " ".join(str(value) for value in Comment.objects.values().get().values())
    assert "198.51.100.77" not in stored
    assert len(comment.client_hash) == 64 and comment.client_hash != comment.network_hash


def test_the_same_post_sent_twice_is_stored_once(post: Post) -> None:
    first = post()
    again = post(body="  تعليق مفيد على الخبر ")  # a resubmitted form, spaces and all
    assert first.created and not again.created
    assert again.comment.pk == first.comment.pk
    assert Comment.objects.count() == 1


def test_a_replayed_post_is_answered_even_past_the_rate_limit(post: Post, settings) -> None:
    settings.COMMENTS_RATE_PER_MINUTE = 1
    post()
    assert not post().created


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", ""),
        ("body", " \n\t  "),
        ("body", "\u200b\u2066\u202e"),  # invisible characters only
        ("body", "x" * (limits.BODY_MAX + 1)),
        ("body", "ن" * 1_000_000),  # a 1 MB comment
        ("name", "n" * (limits.NAME_MAX + 1)),
        ("email", "not-an-email"),
        ("email", "a@b"),
        ("email", "x" * 250 + "@example.com"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(post: Post, field: str, value: str) -> None:
    with pytest.raises(ValidationError) as error:
        post(**{field: value})
    assert field in error.value.message_dict
    assert not Comment.objects.exists()


def test_the_length_limit_is_stated_in_the_message(post: Post) -> None:
    with pytest.raises(ValidationError) as error:
        post(body="x" * 5000)
    assert "3000" in error.value.message_dict["body"][0]


def test_bidi_overrides_and_nul_bytes_are_removed_and_zwnj_kept(post: Post) -> None:
    post(name="evil\u202egnp.exe", body="می\u200cخواهم\x00 \u2066بگویم\u2069")
    comment = Comment.objects.get()
    assert comment.name == "evilgnp.exe"
    assert comment.body == "می\u200cخواهم بگویم"


def test_script_and_html_are_stored_as_text(post: Post) -> None:
    post(name="<b>x</b>", email="", body="<script>alert(1)</script><img src=x onerror=y>")
    comment = Comment.objects.get()
    assert comment.body == "<script>alert(1)</script><img src=x onerror=y>"
    assert comment.name == "<b>x</b>"


def test_comments_are_refused_when_the_article_is_closed(
    post: Post, sample_article: Article
) -> None:
    sample_article.comments_open = False
    with pytest.raises(services.CommentsClosed):
        post()


def test_the_edition_closes_comments_after_its_days(post: Post, sample_article: Article) -> None:
    sample_article.edition.comments_close_after_days = 30  # the sample is from 2017
    with pytest.raises(services.CommentsClosed):
        post()
    sample_article.edition.comments_close_after_days = None
    assert post().created


# --- Spam rules: each one, and the message that does not tell which --------------------


def test_a_filled_honeypot_is_refused(post: Post) -> None:
    assert refused_for(post, honeypot="http://spam.example") == spam.HONEYPOT


def test_a_form_sent_faster_than_a_person_types_is_refused(post: Post) -> None:
    assert refused_for(post, form_age=1.0) == spam.TOO_FAST


def test_more_than_two_links_is_refused(post: Post) -> None:
    body = "see https://a.example and http://b.example and www.c.example"
    assert refused_for(post, body=body) == spam.LINKS
    assert post(body="one link https://a.example and www.b.example").created


def test_200_comments_in_a_minute_from_one_client_store_at_most_the_limit(
    post: Post, settings
) -> None:
    settings.COMMENTS_RATE_PER_MINUTE = 5
    accepted = refused = 0
    for number in range(200):
        try:
            post(body=f"comment number {number}")
            accepted += 1
        except services.CommentRefused as refusal:
            assert refusal.reason == spam.RATE
            refused += 1
    assert (accepted, refused) == (5, 195)
    assert Comment.objects.count() == 5
    assert post(body="another reader", address="192.0.2.9").created


def test_the_hourly_limit_holds_across_minutes(post: Post, settings, time_machine) -> None:
    settings.COMMENTS_RATE_PER_HOUR = 3
    time_machine.move_to(datetime.datetime(2030, 1, 1, 10, 0, tzinfo=datetime.UTC))
    for number in range(3):
        time_machine.shift(61)
        post(body=f"comment {number}")
    time_machine.shift(61)
    assert refused_for(post, body="one more") == spam.RATE


def test_the_same_text_under_another_name_on_the_article_is_refused(post: Post) -> None:
    post(name="a")
    assert refused_for(post, name="b", address="192.0.2.1") == spam.DUPLICATE


def test_the_same_text_pasted_on_another_article_is_refused(
    post: Post, sample_article: Article
) -> None:
    from khabar.articles import services as article_services
    from khabar.core.actors import IMPORTER

    other = article_services.article_create(
        actor=IMPORTER,
        edition=sample_article.edition,
        code=14028,
        headline="خبر آخر",
        body="<p>نص</p>",
        published_at=sample_article.published_at,
    )
    post(body="buy cheap watches now")
    assert refused_for(post, article=other, body="BUY cheap   watches now") == spam.DUPLICATE


def test_the_same_short_text_from_another_reader_on_another_article_is_accepted(
    post: Post, sample_article: Article
) -> None:
    from khabar.articles import services as article_services
    from khabar.core.actors import IMPORTER

    other = article_services.article_create(
        actor=IMPORTER,
        edition=sample_article.edition,
        code=14028,
        headline="خبر آخر",
        body="<p>نص</p>",
        published_at=sample_article.published_at,
    )
    post(body="شكرا")
    assert post(article=other, body="شكرا", address="198.51.100.9").created


def test_a_blocked_email_or_domain_is_refused(post: Post) -> None:
    BlockedEmail.objects.create(pattern="spammer@example.com")
    BlockedEmail.objects.create(pattern="@spam.example")
    assert refused_for(post, email="Spammer@Example.com") == spam.BLOCKED_EMAIL
    assert refused_for(post, email="x@spam.example", body="other") == spam.BLOCKED_EMAIL


def test_a_blocked_address_range_is_refused(post: Post) -> None:
    BlockedNetwork.objects.create(cidr="203.0.113.0/24")
    BlockedNetwork.objects.create(cidr="2001:db8::/32")
    assert refused_for(post, address="203.0.113.200") == spam.BLOCKED_NETWORK
    assert refused_for(post, address="2001:db8::1", body="b") == spam.BLOCKED_NETWORK
    assert refused_for(post, address="::ffff:203.0.113.9", body="c") == spam.BLOCKED_NETWORK
    assert post(address="198.51.100.1").created


def test_every_refusal_tells_the_sender_the_same_thing() -> None:
    messages = {services.CommentRefused(reason).message for reason in (spam.RATE, spam.LINKS)}
    assert len(messages) == 1
    (message,) = messages
    for word in ("link", "rate", "block", "fast", "duplicate"):
        assert word not in message.lower()


def test_comments_wait_for_moderation_while_the_cache_that_counts_them_is_down(
    post: Post, settings, redis_switch: RedisSwitch, caplog: pytest.LogCaptureFixture
) -> None:
    # The rate limit cannot count without Redis: it lets the comment through to the
    # moderators (every other check still runs), rather than lose it.
    settings.COMMENTS_RATE_PER_MINUTE = 1
    redis_switch.set("refusing")
    with caplog.at_level(logging.WARNING, logger="khabar.core.counters"):
        assert post(body="first comment").created
        assert post(body="second comment").created
    assert "the cache is unreachable" in caplog.text
    links = "see https://a.example and http://b.example and www.c.example"
    assert refused_for(post, body=links) == spam.LINKS
    redis_switch.set("up")
    time.sleep(settings.REDIS_RETRY_SECONDS)  # asked again only after the pause
    assert post(body="third comment", address="192.0.2.9").created
    assert refused_for(post, body="fourth comment", address="192.0.2.9") == spam.RATE
