"""Views are counted in memory and written in batches, one row per article and day."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.pageviews import recorder
from khabar.pageviews.bots import is_bot
from khabar.pageviews.models import ArticleViewDay


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def test_recording_views_writes_nothing_until_the_flush(
    sample_article: Article, django_assert_num_queries: Callable
) -> None:
    with django_assert_num_queries(0):
        for _ in range(3):
            recorder.record(sample_article.pk)
    assert not ArticleViewDay.objects.exists()
    assert recorder.flush() == 3
    row = ArticleViewDay.objects.get()
    assert (row.article_id, row.day, row.count) == (sample_article.pk, today(), 3)
    assert recorder.pending() == {}


def test_a_flush_adds_to_the_days_count(sample_article: Article, edition_ar: Edition) -> None:
    other = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="آخر", published_at=None
    )
    recorder.record(sample_article.pk)
    recorder.flush()
    for _ in range(4):
        recorder.record(sample_article.pk)
    recorder.record(other.pk)
    assert recorder.flush() == 5
    counts = dict(ArticleViewDay.objects.values_list("article_id", "count"))
    assert counts == {sample_article.pk: 5, other.pk: 1}


def test_one_flush_is_one_transaction_whatever_the_number_of_articles(
    edition_ar: Edition, django_assert_max_num_queries: Callable
) -> None:
    articles = [
        services.article_create(actor=IMPORTER, edition=edition_ar, headline=f"خبر {n}")
        for n in range(20)
    ]
    for article in articles:
        recorder.record(article.pk)
    # savepoint, the articles still there, one upsert, release
    with django_assert_max_num_queries(4):
        assert recorder.flush() == 20
    assert ArticleViewDay.objects.count() == 20


def test_views_of_an_article_deleted_before_the_flush_are_dropped(
    sample_article: Article, edition_ar: Edition
) -> None:
    gone = services.article_create(actor=IMPORTER, edition=edition_ar, headline="محذوف")
    recorder.record(gone.pk)
    recorder.record(sample_article.pk)
    Article.objects.filter(pk=gone.pk).delete()
    assert recorder.flush() == 1
    assert list(ArticleViewDay.objects.values_list("article_id", flat=True)) == [sample_article.pk]


def test_a_failed_flush_keeps_the_views_for_the_next_one(sample_article: Article) -> None:
    recorder.record(sample_article.pk)
    with (
        mock.patch.object(recorder, "_write", side_effect=DatabaseError("down")),
        pytest.raises(DatabaseError),
    ):
        recorder.flush()
    recorder.record(sample_article.pk)
    assert recorder.pending() == {(sample_article.pk, today()): 2}
    assert recorder.flush() == 2


def test_the_command_writes_the_buffered_views(sample_article: Article, capsys) -> None:
    recorder.record(sample_article.pk)
    call_command("pageviews_flush")
    assert "1 views written." in capsys.readouterr().out
    assert ArticleViewDay.objects.get().count == 1


@pytest.mark.parametrize(
    ("user_agent", "bot"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", True),
        ("Mozilla/5.0 (compatible; YandexBot/3.0)", True),
        ("Mozilla/5.0 (compatible; Baiduspider/2.0)", True),
        ("Mozilla/5.0 (compatible; Yahoo! Slurp)", True),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", True),
        ("TelegramBot (like TwitterBot)", True),
        ("WhatsApp/2.23.20.0 A", True),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5", True),
        ("Mediapartners-Google", True),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36", True),
        ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/124.0 Mobile", False),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1", False),
        ("curl/8.5.0", False),
        ("wrk/4.2.0", False),
        ("", False),
    ],
)
def test_crawlers_and_preview_fetchers_are_bots_readers_and_tools_are_not(
    user_agent: str, bot: bool
) -> None:
    assert is_bot(user_agent) is bot


@pytest.mark.urls("khabar.pagecache.tests.urls")
def test_bots_head_requests_and_errors_are_not_counted(
    client: Client, sample_article: Article
) -> None:
    page = f"/article/{sample_article.pk}"
    client.get(page, HTTP_USER_AGENT="Googlebot/2.1")
    client.get(page, HTTP_USER_AGENT="Googlebot/2.1")
    client.head(page)
    client.get(f"/gone/{sample_article.pk}")
    assert recorder.pending() == {}
    client.get(page, HTTP_USER_AGENT="Mozilla/5.0 (Android 14) Chrome/124.0 Mobile")
    assert recorder.pending() == {(sample_article.pk, today()): 1}


def test_views_either_side_of_utc_midnight_count_on_their_own_days(
    sample_article: Article, time_machine
) -> None:
    midnight = datetime.datetime(2031, 3, 21, 0, 0, tzinfo=datetime.UTC)
    time_machine.move_to(midnight - datetime.timedelta(seconds=1), tick=False)
    recorder.record(sample_article.pk)
    recorder.record(sample_article.pk)
    time_machine.move_to(midnight, tick=False)
    recorder.record(sample_article.pk)
    assert recorder.pending() == {
        (sample_article.pk, datetime.date(2031, 3, 20)): 2,
        (sample_article.pk, datetime.date(2031, 3, 21)): 1,
    }


def test_views_recorded_by_many_threads_during_flushes_are_each_written_once(
    sample_article: Article, edition_ar: Edition
) -> None:
    """Readers' threads append without a lock while the flush takes views off the other
    end: every view is written, none twice, whatever the interleaving."""
    import sys
    import threading

    other = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="آخر", published_at=None
    )
    per_thread = 20_000

    def read(article_id: int) -> None:
        for _ in range(per_thread):
            recorder.record(article_id)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [
            threading.Thread(target=read, args=(pk,))
            for pk in (sample_article.pk, other.pk, sample_article.pk)
        ]
        for thread in threads:
            thread.start()
        written = 0
        while any(thread.is_alive() for thread in threads):
            written += recorder.flush()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    written += recorder.flush()
    assert written == 3 * per_thread
    counts = dict(ArticleViewDay.objects.values_list("article_id", "count"))
    assert counts == {sample_article.pk: 2 * per_thread, other.pk: per_thread}


def test_a_past_days_buffer_is_kept_a_day_then_dropped(
    sample_article: Article, time_machine
) -> None:
    time_machine.move_to(datetime.datetime(2031, 3, 20, 23, 59, tzinfo=datetime.UTC), tick=False)
    recorder.record(sample_article.pk)
    time_machine.move_to(datetime.datetime(2031, 3, 21, 12, 0, tzinfo=datetime.UTC), tick=False)
    recorder.record(sample_article.pk)
    assert recorder.flush() == 2
    assert set(recorder._views) == {datetime.date(2031, 3, 20), datetime.date(2031, 3, 21)}
    time_machine.move_to(datetime.datetime(2031, 3, 22, 12, 0, tzinfo=datetime.UTC), tick=False)
    recorder.record(sample_article.pk)
    assert recorder.flush() == 1
    assert set(recorder._views) == {datetime.date(2031, 3, 21), datetime.date(2031, 3, 22)}
