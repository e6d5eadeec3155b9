"""App processes share pages and invalidations through Redis (DESIGN §9: many processes).

The second process is a real one (a subprocess with REDIS_URL set, as production
configures it). It touches only the cache: the test database lives inside this
process's transaction, and a cache hit must not need a database anyway.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory
from pytest_django import Settings

from khabar.core.surrogate import tag
from khabar.pagecache import store
from khabar.pagecache.cache import NO_LOCK, Miss, Shared, keys_invalidate, page_cache
from khabar.pagecache.middleware import CHECKED, PageCacheMiddleware
from khabar.pagecache.store import CLOCK, generation_key
from khabar.pagecache.tests.conftest import REDIS_URL, redis_answers

pytestmark = [
    pytest.mark.skipif(
        not redis_answers(),
        reason=f"Redis does not answer at {REDIS_URL}: the shared-cache tests need it (CI has it)",
    ),
    pytest.mark.urls("khabar.pagecache.tests.urls"),
    pytest.mark.django_db,
]


@pytest.fixture
def round_trips(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Requests sent to Redis from now on, counted: a command, a pipeline or a script is one."""
    sent = [0]
    send = redis.connection.AbstractConnection.send_packed_command

    def counted(connection: redis.connection.AbstractConnection, *args: Any, **kwargs: Any) -> Any:
        sent[0] += 1
        return send(connection, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    return sent


def other_process(code: str, prefix: str, tmp_path: Path) -> str:
    """Run `code` in a second app process configured like this one; return what it prints."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        env=_env(prefix, tmp_path),
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _env(prefix: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "testserver",  # the host RequestFactory names
        "CACHE_KEY_PREFIX": prefix,
        "DATABASE_URL": "",
        "KHABAR_VAR_DIR": str(tmp_path),
        "PAGEVIEWS_FLUSH_SECONDS": "0",
    }


# The other process serves `path` through the page cache alone: a miss would
# "render" a 418 there, never a page of its own.
SERVE = """
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from khabar.pagecache.middleware import PageCacheMiddleware

serve = PageCacheMiddleware(lambda request: HttpResponse("not cached", status=418))
with CaptureQueriesContext(connection) as queries:
    response = serve(RequestFactory().get({path!r}))
print(response.status_code, response["X-Cache"], len(queries), response.content.decode())
"""


def test_a_page_cached_by_one_process_is_served_by_another(
    client: Client, prefix: str, tmp_path: Path
) -> None:
    first = client.get("/t/latest-ar")
    assert first["X-Cache"] == "MISS"
    served = other_process(SERVE.format(path="/t/latest-ar"), prefix, tmp_path)
    assert served == f"200 HIT 0 {first.content.decode()}"


def test_an_invalidation_in_another_process_reaches_this_one(
    client: Client, prefix: str, tmp_path: Path
) -> None:
    client.get("/t/a1")
    client.get("/t/a2")
    assert client.get("/t/a1")["X-Cache"] == "HIT"
    other_process(
        "from khabar.pagecache.cache import keys_invalidate\nkeys_invalidate(['a1'])",
        prefix,
        tmp_path,
    )
    assert client.get("/t/a1")["X-Cache"] == "MISS"
    assert client.get("/t/a2")["X-Cache"] == "HIT"


def test_an_invalidation_in_this_process_reaches_another(
    client: Client, prefix: str, tmp_path: Path
) -> None:
    client.get("/t/a1")
    keys_invalidate(["a1"])
    served = other_process(SERVE.format(path="/t/a1"), prefix, tmp_path)
    assert served == "418 MISS 0 not cached"


def test_with_a_near_copy_another_process_s_invalidation_arrives_within_its_seconds(
    client: Client, prefix: str, tmp_path: Path, settings: Settings, monkeypatch
) -> None:
    """Pages and generations are kept in this process for PAGECACHE_NEAR_SECONDS."""
    from khabar.pagecache import near

    settings.PAGECACHE_NEAR_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(near.time, "monotonic", lambda: now[0])
    client.get("/t/a1")
    assert client.get("/t/a1")["X-Cache"] == "HIT"
    other_process(
        "from khabar.pagecache.cache import keys_invalidate\nkeys_invalidate(['a1'])",
        prefix,
        tmp_path,
    )
    assert client.get("/t/a1")["X-Cache"] == "HIT"  # still trusted here
    now[0] += 1.5
    assert client.get("/t/a1")["X-Cache"] == "MISS"


def test_with_a_near_copy_this_process_s_invalidation_applies_at_once(
    client: Client, prefix: str, settings: Settings
) -> None:
    settings.PAGECACHE_NEAR_SECONDS = 60
    client.get("/t/a1")
    assert client.get("/t/a1")["X-Cache"] == "HIT"
    keys_invalidate(["a1"])
    assert client.get("/t/a1")["X-Cache"] == "MISS"


def test_while_one_process_renders_another_serves_the_previous_version(
    client: Client, prefix: str, tmp_path: Path, settings: Settings
) -> None:
    settings.PAGECACHE_STALE_SECONDS = 60  # outlives a start-up
    first = client.get("/t/a1")
    keys_invalidate(["a1"])
    render_elsewhere("/t/a1")  # this process has taken the render and not finished it
    served = other_process(SERVE.format(path="/t/a1"), prefix, tmp_path)
    assert served == f"200 STALE 0 {first.content.decode()}"


def test_with_no_previous_version_another_process_waits_for_this_ones_render(
    prefix: str, tmp_path: Path, settings: Settings
) -> None:
    """The other process prints when it asks; this one then finishes its render."""
    settings.PAGECACHE_STALE_SECONDS = 60
    miss = render_elsewhere("/t/new")
    waiting = other_process_started(
        'print("asking", flush=True)\n' + SERVE.format(path="/t/new"), prefix, tmp_path
    )
    assert waiting.stdout is not None
    assert waiting.stdout.readline().strip() == "asking"
    time.sleep(0.3)
    request = RequestFactory().get("/t/new")
    request.META[CHECKED] = miss
    PageCacheMiddleware(lambda request: tag(HttpResponse("fresh"), ["new"]))(request)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out.strip() == "200 HIT 0 fresh"


def render_elsewhere(path: str) -> Miss:
    request = RequestFactory().get(path)
    miss = page_cache().lookup(request.META, store.page_key(request))
    assert isinstance(miss, Miss) and miss.token is not None
    return miss


def other_process_started(code: str, prefix: str, tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        env=_env(prefix, tmp_path) | {"PAGECACHE_WAIT_SECONDS": "60"},
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_page_another_process_has_rendered_since_is_served_not_rendered_again(
    client: Client, prefix: str, tmp_path: Path, settings: Settings, monkeypatch
) -> None:
    """This process's near copy holds the old page; the store already has the new one."""
    from khabar.pagecache import near

    settings.PAGECACHE_NEAR_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(near.time, "monotonic", lambda: now[0])
    client.get("/t/a1")
    other_process(
        "from django.http import HttpResponse\n"
        "from django.test import RequestFactory\n"
        "from khabar.core.surrogate import tag\n"
        "from khabar.pagecache.cache import keys_invalidate\n"
        "from khabar.pagecache.middleware import PageCacheMiddleware\n"
        "keys_invalidate(['a1'])\n"
        "render = PageCacheMiddleware(lambda request: tag(HttpResponse('v2'), ['a1']))\n"
        "print(render(RequestFactory().get('/t/a1'))['X-Cache'])",
        prefix,
        tmp_path,
    )
    now[0] += 1.5
    response = client.get("/t/a1")
    assert (response["X-Cache"], response.content) == ("HIT", b"v2")


def test_an_uncached_page_costs_two_round_trips_to_redis_and_a_hit_two(
    client: Client, prefix: str, round_trips: list[int]
) -> None:
    """The page or its render lock with the clock; then the page stored with its keys'
    generations and the lock let go. A hit: the page, then its keys' generations."""
    client.get("/t/warm")  # the connection made, the scripts loaded
    round_trips[0] = 0
    assert client.get("/t/a1,latest-ar")["X-Cache"] == "MISS"
    assert round_trips[0] <= 2
    round_trips[0] = 0
    assert client.get("/t/a1,latest-ar")["X-Cache"] == "HIT"
    assert round_trips[0] <= 2


def test_a_page_rendered_again_after_an_invalidation_costs_six_round_trips(
    client: Client, prefix: str, round_trips: list[int]
) -> None:
    """The page, its keys' generations, the render lock with the clock and the hard purges,
    the page and its generations once more (another process may have just stored it), then
    the page stored."""
    client.get("/t/a1,latest-ar")
    keys_invalidate(["a1"])
    client.get("/t/a1,latest-ar")
    keys_invalidate(["a1"])
    round_trips[0] = 0
    assert client.get("/t/a1,latest-ar")["X-Cache"] == "MISS"
    assert round_trips[0] <= 6


def test_a_page_whose_generations_the_cache_lost_is_rendered_again(
    client: Client, prefix: str
) -> None:
    client.get("/t/a1")
    caches["default"].delete(generation_key("a1"))
    assert client.get("/t/a1")["X-Cache"] == "MISS"
    assert client.get("/t/a1")["X-Cache"] == "HIT"


def test_invalidation_after_the_cache_lost_its_clock_still_invalidates(
    client: Client, prefix: str
) -> None:
    client.get("/t/a1")
    caches["default"].delete_many([CLOCK, generation_key("a1")])
    keys_invalidate(["a1"])
    assert client.get("/t/a1")["X-Cache"] == "MISS"


def test_a_redis_that_lost_the_scripts_is_given_them_again(client: Client, prefix: str) -> None:
    """A Redis restarted or flushed (SCRIPT FLUSH) knows none of the scripts: the first
    request that needs one loads it and is answered as usual."""
    client.get("/t/warm")  # the scripts known to Redis
    redis.Redis.from_url(REDIS_URL).script_flush()
    assert client.get("/t/a1")["X-Cache"] == "MISS"
    assert client.get("/t/a1")["X-Cache"] == "HIT"


def test_a_connection_redis_closed_is_made_again(client: Client, prefix: str) -> None:
    """Each thread keeps its connection between requests; when Redis drops it (a restart,
    a timeout, CLIENT KILL), the next command connects again and nothing is lost."""
    client.get("/t/a1")
    shared = _shared()
    kept = shared.connection()
    admin = redis.Redis.from_url(REDIS_URL)
    admin.client_kill_filter(_id=str(kept_id(kept)))
    assert client.get("/t/a1")["X-Cache"] == "HIT"
    assert shared.connection() is kept  # the same connection object, connected again


def kept_id(connection: redis.connection.AbstractConnection) -> int:
    """Redis's id of the client on `connection` (CLIENT ID, sent on that connection)."""
    connection.send_command("CLIENT", "ID")
    return int(connection.read_response())


def _shared() -> Shared:
    coordination = page_cache().coordination
    assert isinstance(coordination, Shared)
    return coordination


def test_each_thread_has_a_connection_of_its_own(prefix: str) -> None:
    """A thread's commands run on the connection it keeps: two threads never share one,
    and one thread keeps the same across calls."""
    shared = _shared()
    found: list[redis.connection.AbstractConnection] = []

    def remember() -> None:
        found.append(shared.connection())
        found.append(shared.connection())

    threads = [threading.Thread(target=remember) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, again, second, _ = found
    assert first is again
    assert first is not second


def test_a_process_made_by_fork_connects_on_its_own(prefix: str) -> None:
    """A forked worker must not write on its parent's socket: it makes its own connection."""
    shared = _shared()
    parent = shared.connection()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        status = 1
        try:
            mine = shared.connection()
            mine.send_command("PING")
            ok = mine is not parent and mine.read_response() == b"PONG"
            os.write(writer, b"yes" if ok else b"no")
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    answer = os.read(reader, 16)
    os.waitpid(child, 0)
    os.close(reader)
    assert answer == b"yes"
    assert shared.connection() is parent


def test_a_lock_script_sent_twice_by_one_request_still_holds_the_lock(
    prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command may reach Redis twice (the connection dropped before its answer, and
    `_send` sent it again): the render lock taken by the first is the request's own,
    not another's to wait for."""
    shared = _shared()
    page = store.location_key("http", "testserver", "/t/twice", "")
    tokens = iter(["mine", "mine", "theirs"])
    monkeypatch.setattr("khabar.pagecache.cache.new_token", lambda: next(tokens))
    assert shared.page_or_lock(page, 5)[1] != NO_LOCK
    assert shared.page_or_lock(page, 5)[1] != NO_LOCK  # sent again: still taken
    assert shared.page_or_lock(page, 5)[1] == NO_LOCK  # another request's: not taken
    assert shared.lock_take(page, "mine", 5, [])[0] != NO_LOCK
    assert shared.lock_take(page, "theirs", 5, [])[0] == NO_LOCK


def test_an_error_answer_in_a_round_trip_leaves_no_answer_for_the_next(prefix: str) -> None:
    """Commands sent together are answered together: when one before the last is refused,
    the answers after it are never read, so the connection is let go rather than hand them
    to the next round trip as its own."""
    shared = _shared()
    name = shared.name("not-a-number")
    shared._send(("SET", name, "text"))
    with pytest.raises(redis.ResponseError):
        shared._send(("INCR", name), ("GET", name))
    assert shared._send(("SET", name, "again"), ("GET", name)) == b"again"
