"""`khabar worker` as a real process: on time, once with two workers, and catching up."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _worker_env() -> dict[str, str]:
    """The environment of a process that uses the test database."""
    # Unbuffered: what the worker logged is in the pipe even when it is terminated.
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "test-suite-only",
        "PYTHONUNBUFFERED": "1",
    }
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = ""
        env["SQLITE_PATH"] = str(name)
    else:
        settings = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{name}"
        )
    return env


@pytest.fixture
def start_worker() -> Iterator[Any]:
    processes: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "config.manage", "worker", "--no-startup-delay"],
            env=_worker_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=10)


def _wait_published(pks: list[int], timeout: float = 20) -> dict[int, datetime.datetime]:
    """When each article was seen public, polling every 20 ms."""
    seen: dict[int, datetime.datetime] = {}
    deadline = time.monotonic() + timeout
    while len(seen) < len(pks) and time.monotonic() < deadline:
        for pk in Article.objects.published().filter(pk__in=pks).values_list("pk", flat=True):
            seen.setdefault(pk, timezone.now())
        time.sleep(0.02)
    return seen


def _scheduled(edition: Edition, at: datetime.datetime, count: int = 1) -> list[Article]:
    articles = []
    for number in range(count):
        article = services.article_create(actor=IMPORTER, edition=edition, headline=f"خبر {number}")
        workflow.article_schedule(actor=IMPORTER, article=article, at=at)
        articles.append(article)
    return articles


def test_a_worker_publishes_a_scheduled_article_within_two_seconds_and_not_before(
    edition_ar: Edition, start_worker: Any
) -> None:
    worker = start_worker()
    time.sleep(2)  # started and polling
    at = timezone.now() + datetime.timedelta(seconds=3)
    [article] = _scheduled(edition_ar, at)
    seen = _wait_published([article.pk])
    assert article.pk in seen, worker.stdout
    assert at <= seen[article.pk] <= at + datetime.timedelta(seconds=2)


def test_two_workers_publish_each_article_exactly_once(
    edition_ar: Edition, start_worker: Any
) -> None:
    start_worker(), start_worker()
    time.sleep(2)
    articles = _scheduled(edition_ar, timezone.now() + datetime.timedelta(seconds=2), count=5)
    pks = [article.pk for article in articles]
    assert len(_wait_published(pks)) == 5
    time.sleep(1.5)  # let a second worker finish whatever it picked up
    publishes = AuditEntry.objects.filter(action="article.publish", target_id__in=map(str, pks))
    assert sorted(int(entry.target_id) for entry in publishes) == sorted(pks)


def test_a_worker_started_after_the_due_time_publishes_at_once_and_says_how_late(
    edition_ar: Edition, start_worker: Any
) -> None:
    [article] = _scheduled(edition_ar, timezone.now() + datetime.timedelta(seconds=1))
    time.sleep(3)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    worker = start_worker()
    assert article.pk in _wait_published([article.pk], timeout=15)
    worker.terminate()
    output, _ = worker.communicate(timeout=10)
    assert "late" in output


def test_a_scheduled_article_reaches_every_cached_list_within_two_seconds_of_its_time(
    edition_ar: Edition, start_worker: Any, settings: Any, client: Any
) -> None:
    """Home, section, keyword pages and feeds are in the page cache when the worker (another
    process) publishes: its invalidation reaches this process through the journal."""
    from khabar.editions import services as edition_services

    settings.PAGECACHE_ENABLED = True
    section = edition_services.section_create(
        actor=IMPORTER, edition=edition_ar, name="سياسة", slug="politics"
    )
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="عاجل مجدول",
        section=section,
        keywords=["شمخاني"],
    )
    # The keyword page exists already: another article, published, carries the keyword.
    services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="قديم",
        keywords=["شمخاني"],
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    pages = ["/ar/", "/ar/section/politics/", "/ar/tag/شمخاني/", "/ar/rss.xml", "/ar/atom.xml"]
    # The worker writes its invalidations to this test's journal.
    os.environ["PAGECACHE_JOURNAL"] = settings.PAGECACHE_JOURNAL
    try:
        start_worker()
    finally:
        del os.environ["PAGECACHE_JOURNAL"]
    # The promise holds for a running worker: wait until it has published a first article
    # (however long it took to start on a busy machine), then cache the pages.
    [probe] = _scheduled(edition_ar, timezone.now() + datetime.timedelta(seconds=0.5))
    assert probe.pk in _wait_published([probe.pk])
    for page in pages:
        client.get(page)
        assert client.get(page)["X-Cache"] == "HIT", page
    at = timezone.now() + datetime.timedelta(seconds=3)
    workflow.article_schedule(actor=IMPORTER, article=article, at=at)
    shown: dict[str, datetime.datetime] = {}
    deadline = time.monotonic() + 20
    while len(shown) < len(pages) and time.monotonic() < deadline:
        for page in pages:
            if page not in shown and "عاجل مجدول" in client.get(page).content.decode():
                shown[page] = timezone.now()
        time.sleep(0.05)
    assert set(shown) == set(pages)
    for page, when in shown.items():
        assert at <= when <= at + datetime.timedelta(seconds=2), (page, when - at)
