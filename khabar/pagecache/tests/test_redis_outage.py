"""Redis down costs the cache, not the site: pages render from the database, an edit made
meanwhile reaches readers once Redis answers again, and an outage costs each process one
wait per interval, not one per request.

Redis is the machine's real one behind a switch the test turns off (`redis_switch`,
khabar/conftest.py): refused connections, or a server that never answers.
"""

from __future__ import annotations

import datetime
import logging
import time
from datetime import UTC

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from khabar.articles.models import Article
from khabar.core.redis_cache import outage_of
from khabar.core.surrogate import article_key
from khabar.core.tests.redis_switch import RedisSwitch
from khabar.pagecache import tasks
from khabar.pagecache.cache import Miss, Shared, keys_invalidate, page_cache
from khabar.pagecache.models import UndeliveredInvalidation
from khabar.pagecache.store import CachedPage
from khabar.pagecache.tasks import RETRY_PAUSE_MAX, deliver, deliver_task

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]

RETRY = 0.3  # REDIS_RETRY_SECONDS in the redis_switch fixture


def headline_set(article: Article, headline: str) -> None:
    Article.objects.filter(pk=article.pk).update(headline=headline)


def rendered(miss: Miss, key: str) -> CachedPage:
    """The page a render for `miss` makes, showing the content of `key`."""
    return CachedPage(
        status=200,
        reason="OK",
        headers=(("Content-Type", "text/html"),),
        content=f"<p>{key}</p>".encode(),
        keys=(key,),
        clock=miss.clock,
        article_id=None,
        etag=f'"{key}"',
        last_modified=0,
    )


def worker_run() -> None:
    """What `khabar worker` does with the queue now, the retries' pauses taken as passed.
    The worker closes the database connection after its tasks: its tests run outside the
    test's transaction (django_db(transaction=True))."""
    DBTaskResult.objects.update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_pages_are_rendered_from_the_database_while_redis_is_down(
    client: Client,
    redis_switch: RedisSwitch,
    sample_article: Article,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"/article/{sample_article.pk}"
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"

    redis_switch.set("refusing")
    with caplog.at_level(logging.WARNING, logger="khabar.core.redis_cache"):
        during = [client.get(url) for _ in range(3)]
        assert [(r.status_code, r["X-Cache"]) for r in during] == [(200, "MISS")] * 3
        assert {r.content.decode() for r in during} == {f"<h1>{sample_article.headline}</h1>"}
        # One error for the outage, not one per request.
        assert caplog.text.count("is unreachable") == 1

        redis_switch.set("up")
        time.sleep(RETRY)
        # The page stored before the outage is still good: nothing changed meanwhile.
        assert client.get(url)["X-Cache"] == "HIT"
        assert "answers again" in caplog.text


def test_a_redis_that_stops_answering_is_asked_again_only_after_the_retry_interval(
    client: Client, redis_switch: RedisSwitch, sample_article: Article
) -> None:
    url = f"/article/{sample_article.pk}"
    client.get(url)
    redis_switch.set("silent")  # accepts connections and never answers: a partition

    first = client.get(url)  # ended by the socket timeout (0.2 s here; REDIS_TIMEOUT)
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    connections = redis_switch.connections
    for _ in range(5):
        assert client.get(url).status_code == 200
    assert redis_switch.connections == connections  # not asked within the interval

    time.sleep(RETRY)
    assert client.get(url).status_code == 200
    assert redis_switch.connections > connections  # asked again after it


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("hard", [False, True], ids=["edit", "take-down"])
def test_an_edit_made_while_redis_is_down_reaches_readers_once_the_worker_retries_it(
    client: Client,
    redis_switch: RedisSwitch,
    sample_article: Article,
    hard: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"/article/{sample_article.pk}"
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"

    redis_switch.set("refusing")
    headline_set(sample_article, "العنوان الجديد")
    with caplog.at_level(logging.ERROR, logger="khabar.pagecache.cache"):
        keys_invalidate({article_key(sample_article.pk)}, hard=hard)
    assert "kept for the worker to deliver" in caplog.text
    [kept] = UndeliveredInvalidation.objects.all()
    assert (kept.keys, kept.hard) == ([article_key(sample_article.pk)], hard)
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == deliver_task.module_path
    assert "العنوان الجديد" in client.get(url).content.decode()  # from the database meanwhile

    redis_switch.set("up")
    time.sleep(RETRY)
    # Redis still holds the page stored before the edit, as fresh: until the worker's retry
    # (within RETRY_PAUSE_MAX of Redis answering again), this is what readers would get.
    assert "العنوان الجديد" not in client.get(url).content.decode()

    worker_run()
    after = client.get(url)
    assert after["X-Cache"] == "MISS"
    assert "العنوان الجديد" in after.content.decode()
    assert DBTaskResult.objects.get().return_value == "done"
    assert not UndeliveredInvalidation.objects.exists()
    if hard:
        # Past a take-down no previous version is served, even while another render runs.
        cache = page_cache()
        _, hard_generations = cache.coordination.lock_take(
            "any-page", "token", 1.0, [article_key(sample_article.pk)]
        )
        assert hard_generations[article_key(sample_article.pk)] > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_retry_while_redis_is_still_down_is_queued_again_with_a_longer_pause(
    redis_switch: RedisSwitch,
) -> None:
    redis_switch.set("refusing")
    keys_invalidate({"k"})
    first = DBTaskResult.objects.get()
    # Not at once: Redis has just failed.
    assert 1 - 0.1 <= (first.run_after - first.enqueued_at).total_seconds() <= 1 + 0.5
    worker_run()
    first.refresh_from_db()
    assert first.return_value == "queued"
    again = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert again.args_kwargs["args"] == [1]
    assert (again.run_after - again.enqueued_at).total_seconds() >= 2 - 0.1
    assert UndeliveredInvalidation.objects.get().keys == ["k"]  # kept, with its first failure


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_edits_during_an_outage_make_one_task_whose_delivery_takes_them_all(
    redis_switch: RedisSwitch,
) -> None:
    cache = page_cache()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/t/c", "HTTP_HOST": "testserver"}
    miss = cache.lookup(environ, "page-c")
    assert isinstance(miss, Miss)
    cache.save(miss, rendered(miss, "c"))
    redis_switch.set("refusing")
    for number in range(30):
        keys_invalidate({f"edit-{number}", "home"})
    keys_invalidate({"c"}, hard=True)
    assert UndeliveredInvalidation.objects.count() == 31
    # One task for them all, retried on its own while Redis still refuses.
    assert DBTaskResult.objects.count() == 1
    worker_run()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert UndeliveredInvalidation.objects.count() == 31

    redis_switch.set("up")
    # The worker's tries during the outage doubled its pause: Redis is asked after it ends.
    time.sleep(max(0.0, outage_of(f"127.0.0.1:{redis_switch.port}").until - time.monotonic()))
    worker_run()
    assert not UndeliveredInvalidation.objects.exists()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.count() == 2
    # The hard one delivered hard: the page showing "c" is past its purge, never served stale.
    _, hard_generations = cache.coordination.lock_take("page-c", "token", 1.0, ["c"])
    assert hard_generations["c"] > 0
    generations = cache.coordination.generations(["edit-0", "edit-29", "home"])
    assert all(generation is not None and generation > 0 for generation in generations.values())


def test_a_delivery_takes_so_many_and_queues_the_next_at_once(
    redis_switch: RedisSwitch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "DELIVERY_MAX", 10)
    now = datetime.datetime.now(tz=UTC)
    UndeliveredInvalidation.objects.bulk_create(
        UndeliveredInvalidation(keys=[f"k{n}"], hard=False, failed_at=now) for n in range(25)
    )
    assert deliver(attempt=0) == "done"
    assert UndeliveredInvalidation.objects.count() == 15
    oldest = UndeliveredInvalidation.objects.first()
    assert oldest is not None and oldest.keys == ["k10"]  # the oldest delivered first
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [0] and queued.run_after <= timezone.now()


def test_a_delivery_drops_what_expired_and_keeps_what_may_still_be_cached(
    redis_switch: RedisSwitch,
) -> None:
    redis_switch.set("refusing")
    cache = page_cache()
    long_ago = time.time() - cache.timeout - 1
    recent = time.time() - cache.timeout + 60
    for keys, failed_at in ((["old"], long_ago), (["new"], recent)):
        UndeliveredInvalidation.objects.create(
            keys=keys, hard=False, failed_at=datetime.datetime.fromtimestamp(failed_at, tz=UTC)
        )
    assert deliver(attempt=4) == "queued"
    assert [i.keys for i in UndeliveredInvalidation.objects.all()] == [["new"]]
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [5]
    pause = (queued.run_after - queued.enqueued_at).total_seconds()
    assert RETRY_PAUSE_MAX - 0.1 <= pause <= RETRY_PAUSE_MAX + 0.1
    UndeliveredInvalidation.objects.update(
        failed_at=datetime.datetime.fromtimestamp(long_ago, tz=UTC)
    )
    assert deliver(attempt=5) == "expired"
    assert not UndeliveredInvalidation.objects.exists()
    assert DBTaskResult.objects.count() == 1  # nothing queued again
    assert deliver(attempt=0) == "none"


def test_a_page_whose_store_fails_is_still_answered_and_its_lock_expires(
    redis_switch: RedisSwitch, settings: Settings
) -> None:
    settings.PAGECACHE_STALE_SECONDS = settings.PAGECACHE_WAIT_SECONDS = 0.5
    cache = page_cache()
    assert isinstance(cache.coordination, Shared)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/t/a", "HTTP_HOST": "testserver"}
    miss = cache.lookup(environ, "page-a")
    assert isinstance(miss, Miss) and miss.token is not None  # it holds the render lock
    redis_switch.set("refusing")
    cache.save(miss, rendered(miss, "a"))  # no exception: the reader still gets the page
    miss.release()
    redis_switch.set("up")
    time.sleep(RETRY)
    # The lock could not be let go (Redis could not be told): it expires on its own, and
    # the next request, finding no page stored, takes it and renders.
    found = cache.lookup(environ, "page-a")
    assert isinstance(found, Miss) and found.token is not None and found.keep


def test_a_request_while_redis_is_down_is_not_stored_when_it_comes_back_mid_render(
    redis_switch: RedisSwitch,
) -> None:
    cache = page_cache()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/t/b", "HTTP_HOST": "testserver"}
    redis_switch.set("refusing")
    miss = cache.lookup(environ, "page-b")
    assert isinstance(miss, Miss) and not miss.keep
    redis_switch.set("up")
    time.sleep(RETRY)
    cache.save(miss, rendered(miss, "b"))
    # Rendered with no clock read before it: what was invalidated meanwhile is unknown.
    assert cache.coordination.page("page-b") is None
