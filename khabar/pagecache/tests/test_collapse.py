"""One render per page per invalidation: the others get the previous version or wait for it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from django.test import Client, RequestFactory
from pytest_django import Settings

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.pagecache import store
from khabar.pagecache.cache import Miss, keys_invalidate, page_cache
from khabar.pagecache.middleware import CHECKED, PageCacheMiddleware
from khabar.pagecache.tests.urls import Slow

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def slow_page() -> Iterator[None]:
    Slow.seconds, Slow.failing, Slow.renders, Slow.gate = 0.0, False, 0, None
    yield
    Slow.seconds, Slow.failing, Slow.gate = 0.0, False, None


def together(
    path: str, count: int, answered: threading.Event | None = None
) -> list[tuple[str, bytes]]:
    """`count` requests for `path` sent at the same moment, each from its own thread.

    `answered` is set once all but one of them have their answer.
    """
    barrier = threading.Barrier(count)
    results: list[tuple[str, bytes]] = []
    results_lock = threading.Lock()

    def read() -> None:
        client = Client()
        barrier.wait()
        response = client.get(path)
        with results_lock:
            results.append((response["X-Cache"], response.content))
            if answered is not None and len(results) == count - 1:
                answered.set()

    threads = [threading.Thread(target=read) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def render_elsewhere(path: str) -> Miss:
    """Another request has taken the page's render and has not finished it."""
    request = RequestFactory().get(path)
    miss = page_cache().lookup(request.META, store.page_key(request))
    assert isinstance(miss, Miss) and miss.token is not None
    return miss


def test_concurrent_requests_for_a_new_page_wait_for_one_render() -> None:
    Slow.seconds = 0.3
    results = together("/slow/s1", 8)
    assert Slow.renders == 1
    assert sorted(status for status, _ in results) == ["HIT"] * 7 + ["MISS"]
    assert {body for _, body in results} == {b"<p>version 1</p>"}


def test_after_an_edit_one_request_renders_while_the_others_get_the_previous_version(
    client: Client,
) -> None:
    client.get("/slow/s2")
    keys_invalidate(["s2"])
    # The render is held open until the seven others are answered: on a busy machine a thread
    # could otherwise arrive after the render and be (rightly) served the new version.
    Slow.gate = threading.Event()
    results = together("/slow/s2", 8, answered=Slow.gate)
    assert Slow.renders == 2
    assert sorted(results) == [("MISS", b"<p>version 2</p>")] + [("STALE", b"<p>version 1</p>")] * 7
    assert client.get("/slow/s2")["X-Cache"] == "HIT"


def test_a_request_that_takes_the_lock_just_after_another_render_let_go_serves_that_render(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit storm's second render per edit: another process stored the new version and
    released the lock between this request's look at the page and its try for the lock."""
    client.get("/slow/s8")
    keys_invalidate(["s8"])
    elsewhere = render_elsewhere("/slow/s8")
    coordination = page_cache().coordination
    take = coordination.lock_take

    def take_once_the_other_render_is_stored(key: str, token: str, seconds: float) -> bool:
        if not elsewhere.released:  # the other render ends: it stores its page, lets go
            request = RequestFactory().get("/slow/s8")
            request.META[CHECKED] = elsewhere
            PageCacheMiddleware(lambda request: Slow.view(request, "s8"))(request)
        return take(key, token, seconds)

    monkeypatch.setattr(coordination, "lock_take", take_once_the_other_render_is_stored)
    response = client.get("/slow/s8")
    assert Slow.renders == 2
    assert (response["X-Cache"], response.content) == ("HIT", b"<p>version 2</p>")
    monkeypatch.undo()
    keys_invalidate(["s8"])
    response = client.get("/slow/s8")  # the lock taken for nothing was given back
    assert (response["X-Cache"], response.content) == ("MISS", b"<p>version 3</p>")


def test_the_previous_version_is_served_no_longer_than_the_stale_seconds(
    client: Client, settings: Settings
) -> None:
    settings.PAGECACHE_STALE_SECONDS = 0.3
    client.get("/slow/s3")
    keys_invalidate(["s3"])
    render_elsewhere("/slow/s3")  # and it never finishes
    assert client.get("/slow/s3")["X-Cache"] == "STALE"
    time.sleep(0.4)
    response = client.get("/slow/s3")
    assert (response["X-Cache"], response.content) == ("MISS", b"<p>version 2</p>")


def test_a_request_that_waited_too_long_for_another_render_renders_itself(
    client: Client, settings: Settings
) -> None:
    settings.PAGECACHE_WAIT_SECONDS = 0.2
    render_elsewhere("/slow/s4")  # a new page, rendered elsewhere, never finished
    started = time.monotonic()
    response = client.get("/slow/s4")
    assert time.monotonic() - started >= 0.2
    assert (response["X-Cache"], response.content) == ("MISS", b"<p>version 1</p>")


@pytest.mark.parametrize(
    ("change", "answer"),
    [
        (
            lambda article: services.article_update(actor=IMPORTER, article=article, headline="ج"),
            "STALE",
        ),
        (lambda article: workflow.article_unpublish(actor=IMPORTER, article=article), "MISS"),
        (
            lambda article: services.correction_add(actor=IMPORTER, article=article, text="تصحيح"),
            "MISS",
        ),
    ],
    ids=["an edit may be served stale", "a take-down never", "a correction never"],
)
def test_take_downs_and_corrections_are_never_served_stale(
    client: Client,
    settings: Settings,
    sample_article: Article,
    django_capture_on_commit_callbacks: Callable,
    change: Callable[[Article], object],
    answer: str,
) -> None:
    settings.PAGECACHE_WAIT_SECONDS = 0.1
    page = f"/article/{sample_article.pk}"
    client.get(page)
    with django_capture_on_commit_callbacks(execute=True):
        change(sample_article)
    render_elsewhere(page)
    assert client.get(page)["X-Cache"] == answer


def test_a_failed_render_serves_the_previous_version_and_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client(raise_request_exception=False)
    client.get("/slow/s6")
    keys_invalidate(["s6"])
    Slow.failing = True
    with caplog.at_level(logging.ERROR, logger="khabar.pagecache.middleware"):
        response = client.get("/slow/s6")
    assert (response.status_code, response["X-Cache"]) == (200, "STALE")
    assert response.content == b"<p>version 1</p>"
    assert "Render of /slow/s6 failed with 500" in caplog.text
    # Nothing stored from the failure: once the page renders again, readers get it.
    Slow.failing = False
    assert client.get("/slow/s6").content == b"<p>version 3</p>"


def test_a_failed_render_after_a_hard_purge_serves_no_previous_version() -> None:
    client = Client(raise_request_exception=False)
    client.get("/slow/s7")
    keys_invalidate(["s7"], hard=True)
    Slow.failing = True
    assert client.get("/slow/s7").status_code == 500


def test_a_page_changed_while_it_rendered_is_the_previous_version_for_the_next_render(
    client: Client,
) -> None:
    """Edits faster than a render must not leave readers on the version before them all."""
    client.get("/racing")  # invalidates its own key while it renders
    render_elsewhere("/racing")
    response = client.get("/racing")
    assert (response["X-Cache"], response.content) == ("STALE", b"<p>maybe old</p>")
