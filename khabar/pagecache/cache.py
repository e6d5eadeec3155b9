"""The page cache as one object, built once from settings: `page_cache()`.

It holds what the processes share (`Shared`: Django's Redis cache in production;
`Local` on the embedded setup, where each process keeps its own), this process's near
copy, the timeouts and the header values, and it is what the WSGI front and the
middleware both ask. `store.py` says how pages and
generations are kept; this module says how a request is answered from them.

Freshness: a page keeps its surrogate keys and the clock's value read before its render
began (`store.py`); it is fresh while none of its keys has a newer generation. Storing
it therefore needs no read of its keys first: one Redis script stores it, starts the keys
never seen before at its clock and lets go of the render lock, and one more before the
render reads the page or takes the lock and the clock — two round trips for an uncached
page. On the embedded setup generations are plain dicts in `Local`, so a hit reads no
cache at all (the page is an object in the near copy).

Request collapsing (one render per page per invalidation). When a request finds its
page stale, it tries to take the page's render lock (a short-lived key: SET NX PX on
Redis, so one process of the cluster renders; an entry in a dict on the embedded setup,
so one thread per process). The winner renders. The others get the
previous version, marked `X-Cache: STALE`, while the lock lives — at most
PAGECACHE_STALE_SECONDS, after which the next request takes the lock and renders
itself. Where there is no previous version (a new page, or one purged hard) they wait
for the winner's page, up to PAGECACHE_WAIT_SECONDS, then render themselves.

Passes (Varnish's "hit-for-miss"): a render that cannot be stored — a 404, a redirect,
a page with a cookie or its own Cache-Control — would otherwise make every later request
for the URL wait for the next one's render in turn, the lock handed from one to the next,
since no page ever comes: a viral link to a taken-down article, or an old slug's
redirect, at one render at a time for the whole cluster. So such a render, when it lets go
of the lock, marks the URL as passing for PAGECACHE_PASS_SECONDS and drops the page stored
for it (stale: the render is the truth now). While the mark lives, requests with no page
stored render at once, side by side, taking no lock; one whose page can be stored after
all (the article is out) stores it, and the next requests hit it.

Hard purges: a take-down or a correction must never be served stale. Those
invalidations also write the new generation under a "hard" key; a stale page older
than a key's hard generation is not served at all (the readers wait for the render).
On the embedded setup every invalidation that arrives from another process through the
journal is applied hard: that process has no way to know, and the readers it keeps
waiting are the few that arrive during one render.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import redis
from django.conf import settings
from django.core.cache import caches
from redis.commands.core import Script
from redis.connection import AbstractConnection
from redis.exceptions import NoScriptError

from khabar.core.redis_cache import UNREACHABLE, RedisCache, Unreachable
from khabar.pagecache import serve, tasks
from khabar.pagecache.journal import Journal
from khabar.pagecache.near import NearCache
from khabar.pagecache.store import (
    CLOCK,
    CachedPage,
    environ_page_key,
    generation_key,
    hard_key,
    lock_key,
    page_key_environ,
    pass_key,
)

logger = logging.getLogger(__name__)


class _Built:
    """This process's page cache, built once from settings (`cache_clear`: the tests rebuild
    it when they change settings).

    Not functools.cache, which lets threads arriving together build one each: on the
    embedded setup the generations live in the object, so an invalidation given to a copy
    that is then dropped would be lost.
    """

    def __init__(self) -> None:
        self._built: PageCache | None = None
        self._lock = threading.Lock()

    def __call__(self) -> PageCache:
        built = self._built
        if built is None:
            with self._lock:
                if self._built is None:
                    self._built = PageCache.from_settings()
                built = self._built
        return built

    def cache_clear(self) -> None:
        self._built = None


page_cache = _Built()


def keys_invalidate(keys: Iterable[str], *, hard: bool = False) -> None:
    """Make every cached page showing `keys` stale; `hard`: never serve those pages stale."""
    page_cache().invalidate(keys, hard=hard)


# Keys whose generations the embedded setup keeps before it starts again from nothing
# (about 10 MB): every page is then rendered again, once.
LOCAL_GENERATIONS_MAX = 100_000
# Pages whose freshness the embedded setup remembers, then forgets all at once: the hot
# ones. Few, since the memory keeps them alive (about 20 KB each).
VERIFIED_MAX = 256
# URLs whose page keys are remembered at most (PageCache.page_key).
PAGE_KEYS_KEPT = 10_000
# Page keys the embedded setup keeps passing at most (Local.lock_release_passing).
PASSES_MAX = 10_000


# A lock_take's answer when another request holds the lock (clocks are positive).
NO_LOCK = 0


def new_token() -> str:
    """A render lock's owner: unique across the processes sharing the lock."""
    return uuid.uuid4().hex


class Local:
    """The embedded setup: a cache in each process, invalidations shared through a journal.

    Everything is in the process, as objects: the pages (a bounded copy, PAGECACHE_NEAR_PAGES
    of them, as the near copy keeps in front of Redis), and generations, hard purges, the
    clock and render locks in plain dicts. A hit reads no cache: no lock, no unpickling of
    the page or of its keys' generations (a home page shows a few dozen keys).
    """

    def __init__(self, pages: NearCache, journal: Journal) -> None:
        self.pages = pages
        self.journal = journal
        self._clock = time.time_ns()
        self._generations: dict[str, int] = {}
        self._hard: dict[str, int] = {}
        self._locks: dict[str, tuple[str, float]] = {}
        # Page keys passing (module docstring), until when (time.monotonic()).
        self._passes: dict[str, float] = {}
        # Pages rendered before this clock are neither fresh nor served stale: what their
        # keys' generations and hard purges were has been forgotten.
        self._floor = 0
        # Pages found fresh (by id, with the page itself so an id reused is not mistaken),
        # and the clock then.
        self._verified: dict[int, tuple[CachedPage, int]] = {}
        # Writers only: a dict read is atomic, and readers take what is there.
        self._lock = threading.Lock()

    def page(self, key: str) -> CachedPage | None:
        page: CachedPage | None = self.pages.page(key)
        return page

    def page_or_lock(self, key: str, seconds: float) -> tuple[CachedPage | None, int, str | None]:
        page = self.page(key)
        if page is not None:
            return page, NO_LOCK, ""  # a hit makes no token (uuid4 reads os.urandom)
        until = self._passes.get(key)
        if until is not None and until > time.monotonic():
            return None, self._clock, None
        token = new_token()
        return None, self.lock_take(key, token, seconds, [])[0], token

    def lock_take(
        self, key: str, token: str, seconds: float, hard_of: list[str]
    ) -> tuple[int, dict[str, int]]:
        now = time.monotonic()
        with self._lock:
            held = self._locks.get(key)
            taken = held is None or held[1] <= now
            if taken:
                self._locks[key] = (token, now + seconds)
        hard = {k: self._hard.get(k, self._floor) for k in hard_of}
        return (self._clock if taken else NO_LOCK), hard

    def lock_release(self, key: str, token: str) -> None:
        with self._lock:
            if self._locks.get(key, ("",))[0] == token:
                del self._locks[key]

    def lock_release_passing(self, key: str, token: str, seconds: float) -> None:
        """Let go of the lock, mark the page key passing for `seconds` and drop its page."""
        now = time.monotonic()
        with self._lock:
            if len(self._passes) >= PASSES_MAX:  # junk URLs cannot grow it without bound
                self._passes = {k: until for k, until in self._passes.items() if until > now}
                if len(self._passes) >= PASSES_MAX:
                    self._passes.clear()
            self._passes[key] = now + seconds
        self.pages.forget_page(key)
        self.lock_release(key, token)

    def generations(self, keys: Iterable[str]) -> dict[str, int | None]:
        found = self._generations
        return {key: found.get(key) for key in keys}

    def verified(self, page: CachedPage) -> bool:
        """Whether `page` is fresh, remembered until the next invalidation: a home page
        shows dozens of keys, and thousands of hits arrive between two invalidations."""
        clock = self._clock  # read first: `bump` moves it after the generations
        known = self._verified.get(id(page))
        if known is not None and known[0] is page and known[1] == clock:
            return True
        if not page.fresh(self.generations(page.keys)):
            return False
        if len(self._verified) >= VERIFIED_MAX:
            self._verified.clear()
        self._verified[id(page)] = (page, clock)
        return True

    def clock(self) -> int:
        return self._clock

    def save(self, key: str, page: CachedPage, token: str | None) -> dict[str, int]:
        with self._lock:
            self._bound(len(page.keys))
            start = max(page.clock, self._floor)
            current = {k: self._generations.setdefault(k, start) for k in page.keys}
        self.pages.remember_page(key, page)
        if token is not None:
            self.lock_release(key, token)
        return current

    def bump(self, keys: set[str], *, hard: bool) -> int:
        with self._lock:
            self._bound(len(keys))
            generation = self._clock + 1
            self._generations.update(dict.fromkeys(keys, generation))
            if hard:
                self._hard.update(dict.fromkeys(keys, generation))
            # Last: a reader that sees the new clock sees the new generations (`verified`).
            self._clock = generation
        return generation

    def _bound(self, adding: int) -> None:
        if len(self._generations) + adding > LOCAL_GENERATIONS_MAX:
            self._forget()

    def _forget(self) -> None:
        """Every generation and hard purge, which makes every page older than now unusable;
        the clock goes on, so nothing repeats an old value."""
        self._generations.clear()
        self._hard.clear()
        self._floor = self._clock + 1
        self._clock = self._floor

    def announce(self, keys: set[str]) -> None:
        self.journal.append(keys)

    def news(self) -> set[str] | None:
        news = self.journal.news()
        if news is None:
            with self._lock:
                self._forget()
            self.pages.clear()
        return news


# Each redis.call costs Redis a few microseconds here, far more than the command itself, so
# the scripts make as few as they can (the clock and generations read first, written only
# when missing).

# The miss of a page nobody has stored: read the page, else (unless the page key is passing:
# then the clock and a third item) take its render lock and read the clock, in one round
# trip. KEYS: page, lock, clock, pass. ARGV: token, milliseconds, now.
# A lock already held by the same token counts as taken: the script may run twice
# (Shared._send).
_PAGE_OR_LOCK = """
local page = redis.call("get", KEYS[1])
if page then return {page} end
local passing = redis.call("exists", KEYS[4]) == 1
if not passing and not redis.call("set", KEYS[2], ARGV[1], "nx", "px", ARGV[2])
  and redis.call("get", KEYS[2]) ~= ARGV[1] then return {false} end
local clock = redis.call("get", KEYS[3])
if not clock then redis.call("set", KEYS[3], ARGV[3]); clock = ARGV[3] end
if passing then return {false, clock, 1} end
return {false, clock}
"""
# Take the render lock (and read the clock if taken), and read hard purges; a lock held by
# the same token counts as taken. KEYS: lock, clock, hard keys… ARGV: token, milliseconds, now.
_LOCK_TAKE = """
local found = {false}
if redis.call("set", KEYS[1], ARGV[1], "nx", "px", ARGV[2])
  or redis.call("get", KEYS[1]) == ARGV[1] then
  found[1] = redis.call("get", KEYS[2])
  if not found[1] then redis.call("set", KEYS[2], ARGV[3]); found[1] = ARGV[3] end
end
if #KEYS > 2 then
  local hard = redis.call("mget", unpack(KEYS, 3))
  for i = 1, #hard do found[i + 1] = hard[i] end
end
return found
"""
# After a page is stored (a plain SET in the same round trip: passed through Lua, its 20 KB
# cost Redis 40 µs more): its keys never seen start at its clock; the lock let go if still
# ours. KEYS: lock, generation keys… ARGV: token or "", clock.
_SAVE = """
local current = {}
if #KEYS > 1 then
  current = redis.call("mget", unpack(KEYS, 2))
  for i = 1, #current do
    if not current[i] then redis.call("set", KEYS[i + 1], ARGV[2]); current[i] = ARGV[2] end
  end
end
if ARGV[1] ~= "" and redis.call("get", KEYS[1]) == ARGV[1] then redis.call("del", KEYS[1]) end
return current
"""
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0
"""
# After a render that could not be stored: the page key passing, its stale page dropped,
# the lock let go if still ours. KEYS: lock, pass, page. ARGV: token, milliseconds.
_RELEASE_PASSING = """
redis.call("set", KEYS[2], "1", "px", ARGV[2])
redis.call("del", KEYS[3])
if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0
"""
# A new generation from the clock (set first if the cache lost it) for every key given.
# KEYS: clock, generation (and hard) keys… ARGV: now.
_BUMP = """
if redis.call("exists", KEYS[1]) == 0 then redis.call("set", KEYS[1], ARGV[1]) end
redis.call("incr", KEYS[1])
-- Read back as a string: Lua's numbers are doubles, exact only below 2^53.
local generation = redis.call("get", KEYS[1])
for i = 2, #KEYS do redis.call("set", KEYS[i], generation) end
return generation
"""


class Shared:
    """Redis: every process of the cluster shares pages, generations and render locks.

    Each step of a request is one round trip: a script where it reads and writes several
    keys (Django's cache API has neither SET NX PX nor scripts: the same server, on
    connections of Django's pool). An uncached page costs two — the page or its render lock
    with the clock, then the page stored with its keys' generations and the lock let go —
    and a hit one or two.
    """

    def __init__(self, store: RedisCache, *, timeout: int) -> None:
        self.store = store
        self.timeout = timeout  # how long Redis keeps a stored page
        # Keys are the cache's own (digests, fixed names): nothing to check for memcached's
        # sake, which cost an uncached page twenty passes through Django's key warnings.
        self.name = store.make_key
        client = store.client()
        self._pool = client.connection_pool
        self._threads = threading.local()
        self._page_or_lock = client.register_script(_PAGE_OR_LOCK)
        self._lock_take = client.register_script(_LOCK_TAKE)
        self._save = client.register_script(_SAVE)
        self._release = client.register_script(_RELEASE)
        self._release_passing = client.register_script(_RELEASE_PASSING)
        self._bump = client.register_script(_BUMP)

    def connection(self) -> AbstractConnection:
        """This thread's connection to Redis, kept between requests (made by Django's pool,
        so with its timeouts, and guarded by the process's `Outage` like every other).

        Commands are written on it and answers read with redis-py's own connection — its
        protocol, parser and errors — but not through redis-py's client, which for each
        command borrows a connection, takes a lock, records metrics and wraps it all in
        retries: 45 → 30 µs of CPU a command here, and `_send` puts several commands in one
        round trip at the price of one. A process made by fork makes its own (the socket is
        the parent's).
        """
        threads = self._threads
        connection: AbstractConnection | None = getattr(threads, "connection", None)
        if connection is None or threads.pid != os.getpid():
            # The pool makes its own kind (`Guarded` over TCP, TLS or a socket file).
            connection = threads.connection = cast(AbstractConnection, self._pool.make_connection())
            threads.pid = os.getpid()
        return connection

    def _send(self, *commands: tuple[Any, ...]) -> Any:
        """`commands` in one round trip on this thread's connection: the last one's answer
        (an error answer to any of them raises). Sent once more if Redis had closed the
        connection (a restart, an idle timeout, CLIENT KILL): redis-py lets a broken one go
        and the second try connects again. Sent twice, a command does no harm: the reads
        read again, a lock script finds the lock held by its own token and counts it as
        taken, a store writes the same again, and a second bump only moves the generations
        once more."""
        try:
            return self._exchange(commands)
        except redis.ConnectionError as error:
            if isinstance(error, Unreachable):
                raise
            return self._exchange(commands)

    def _exchange(self, commands: tuple[tuple[Any, ...], ...]) -> Any:
        connection = self.connection()
        connection.send_packed_command(connection.pack_commands(commands))  # connects first
        last = len(commands) - 1
        for number in range(last + 1):
            try:
                answer = connection.read_response()
            except redis.ResponseError:
                if number < last:
                    connection.disconnect()  # the later answers are never read
                raise
        return answer

    def _run(
        self, script: Script, keys: list[Any], args: list[Any], *before: tuple[Any, ...]
    ) -> Any:
        """Run a script by its digest, after the `before` commands in the same round trip;
        where Redis lacks it (a new or flushed server), load it and run it again."""
        evalsha = ("EVALSHA", script.sha, len(keys), *keys, *args)
        try:
            return self._send(*before, evalsha)
        except NoScriptError:
            self._send(("SCRIPT", "LOAD", script.script))
            return self._send(evalsha)

    def page(self, key: str) -> CachedPage | None:
        # Bytes: the pool is Django's, which never decodes answers.
        found = cast(bytes | None, self._send(("GET", self.name(key))))
        return None if found is None else self.store.decode(found)

    def verified(self, page: CachedPage) -> bool:
        """Never without asking Redis (or the near copy): the caller reads the generations."""
        return False

    def page_or_lock(self, key: str, seconds: float) -> tuple[CachedPage | None, int, str | None]:
        """The page; else the clock and a token when this request took the render lock, the
        clock and no token when the page key is passing, NO_LOCK when another holds it."""
        token = new_token()
        found = self._run(
            self._page_or_lock,
            [
                self.name(key),
                self.name(lock_key(key)),
                self.name(CLOCK),
                self.name(pass_key(key)),
            ],
            [token, _milliseconds(seconds), time.time_ns()],
        )
        if found[0] is not None:
            return self.store.decode(found[0]), NO_LOCK, token
        if len(found) > 2:
            return None, int(found[1]), None
        return None, int(found[1]) if len(found) > 1 else NO_LOCK, token

    def lock_take(
        self, key: str, token: str, seconds: float, hard_of: list[str]
    ) -> tuple[int, dict[str, int]]:
        found = self._run(
            self._lock_take,
            [
                self.name(lock_key(key)),
                self.name(CLOCK),
                *(self.name(hard_key(k)) for k in hard_of),
            ],
            [token, _milliseconds(seconds), time.time_ns()],
        )
        clock = int(found[0]) if found[0] is not None else NO_LOCK
        hard = zip(hard_of, found[1:], strict=True)
        return clock, {k: int(v) if v is not None else 0 for k, v in hard}

    def lock_release(self, key: str, token: str) -> None:
        """Delete the lock if it is still ours (it may have expired and been taken again)."""
        self._run(self._release, [self.name(lock_key(key))], [token])

    def lock_release_passing(self, key: str, token: str, seconds: float) -> None:
        """Let go of the lock, mark the page key passing for `seconds` and drop its page."""
        self._run(
            self._release_passing,
            [self.name(lock_key(key)), self.name(pass_key(key)), self.name(key)],
            [token, _milliseconds(seconds)],
        )

    def generations(self, keys: Iterable[str]) -> dict[str, int | None]:
        keys = list(keys)
        names = [self.name(generation_key(key)) for key in keys]
        found = self._send(("MGET", *names))
        return {key: int(v) if v is not None else None for key, v in zip(keys, found, strict=True)}

    def clock(self) -> int:
        name = self.name(CLOCK)
        return int(self._send(("SET", name, time.time_ns(), "NX"), ("GET", name)))

    def save(self, key: str, page: CachedPage, token: str | None) -> dict[str, int]:
        """Store `page`, then start its new keys and let go of the lock, in one round trip.

        Not atomic: a reader between the two may find the page with a new key not yet
        started, count it stale and get it as the previous version, or wait for the lock,
        which is let go a moment later — never a page served as fresher than it is."""
        seconds = self.store.get_backend_timeout(self.timeout)
        name = self.name(key)
        store: tuple[Any, ...]
        if seconds is None:
            store = ("SET", name, self.store.encode(page))
        elif seconds == 0:
            store = ("DEL", name)
        else:
            store = ("SET", name, self.store.encode(page), "EX", seconds)
        current = self._run(
            self._save,
            [self.name(lock_key(key)), *(self.name(generation_key(k)) for k in page.keys)],
            [token or "", page.clock],
            store,
        )
        return {k: int(v) for k, v in zip(page.keys, current, strict=True)}

    def bump(self, keys: set[str], *, hard: bool) -> int:
        names = [self.name(generation_key(key)) for key in keys]
        if hard:
            names += [self.name(hard_key(key)) for key in keys]
        return int(self._run(self._bump, [self.name(CLOCK), *names], [time.time_ns()]))

    def announce(self, keys: set[str]) -> None:
        """Redis itself is what the processes share."""

    def news(self) -> set[str] | None:
        return set()


def _milliseconds(seconds: float) -> int:
    return max(1, int(seconds * 1000))


@dataclass
class Miss:
    """A request the cache did not answer: the view renders it, then `release`."""

    key: str
    cache: PageCache
    # The version before the invalidation, served if the render fails (stale-if-error).
    previous: CachedPage | None
    # The clock before the render: a key invalidated after it may have changed during it.
    clock: int
    # The render lock's token when this request holds it.
    token: str | None = None
    released: bool = field(default=False)
    # False when the cache could not be asked (Redis unreachable): the page is rendered and
    # not stored, since what invalidated it meanwhile is unknown.
    keep: bool = True
    # Set when the render could not be stored: the lock is let go with the page key passing.
    passing: bool = False

    def release(self) -> None:
        if self.token is not None and not self.released:
            self.released = True
            cache = self.cache
            try:
                if self.passing:
                    if cache.near:
                        cache.near.forget_page(self.key)
                    cache.coordination.lock_release_passing(
                        self.key, self.token, cache.pass_seconds
                    )
                else:
                    cache.coordination.lock_release(self.key, self.token)
            except redis.RedisError:
                pass  # logged by Shared; the lock expires after PAGECACHE_STALE_SECONDS


class PageCache:
    def __init__(
        self,
        *,
        coordination: Local | Shared,
        near: NearCache | None,
        enabled: bool,
        timeout: int,
        stale_seconds: float,
        wait_seconds: float,
        pass_seconds: float,
        cache_control: str,
        render_log: Path | None,
    ) -> None:
        self.coordination = coordination
        # Other processes' invalidations arrive through a journal on the embedded setup;
        # with Redis they are in Redis itself.
        self._journal = isinstance(coordination, Local)
        self.near = near
        self.enabled = enabled
        self.timeout = timeout
        self.stale_seconds = stale_seconds
        self.wait_seconds = wait_seconds
        self.pass_seconds = pass_seconds
        self.cache_control = cache_control
        self.render_log = render_log
        # The page keys of the URLs seen lately, by what of the environ makes them.
        self._page_key_environ = page_key_environ()
        self._page_keys: dict[tuple[Any, ...], str] = {}

    @classmethod
    def from_settings(cls) -> PageCache:
        store = caches[settings.PAGECACHE_CACHE_ALIAS]
        coordination: Local | Shared
        near: NearCache | None
        pages, timeout = settings.PAGECACHE_NEAR_PAGES, settings.PAGECACHE_TIMEOUT
        if isinstance(store, RedisCache):
            coordination = Shared(store, timeout=timeout)
            seconds = settings.PAGECACHE_NEAR_SECONDS
            near = (
                NearCache(seconds=seconds, max_pages=pages, page_seconds=timeout)
                if seconds > 0
                else None
            )
        else:
            journal = Journal(
                Path(settings.PAGECACHE_JOURNAL), interval=settings.PAGECACHE_NEAR_SECONDS
            )
            coordination = Local(
                NearCache(seconds=0, max_pages=pages, page_seconds=timeout), journal
            )
            near = None  # `Local` is in the process already
        return cls(
            coordination=coordination,
            near=near,
            enabled=settings.PAGECACHE_ENABLED,
            timeout=timeout,
            stale_seconds=settings.PAGECACHE_STALE_SECONDS,
            wait_seconds=settings.PAGECACHE_WAIT_SECONDS,
            pass_seconds=settings.PAGECACHE_PASS_SECONDS,
            cache_control=(
                f"public, max-age={settings.PAGECACHE_MAX_AGE}, "
                f"stale-while-revalidate={settings.PAGECACHE_STALE_WHILE_REVALIDATE}, "
                f"stale-if-error={settings.PAGECACHE_STALE_IF_ERROR}"
            ),
            render_log=Path(log) if (log := settings.PAGECACHE_RENDER_LOG) else None,
        )

    def serves(self, method: str) -> bool:
        return self.enabled and method in ("GET", "HEAD")

    def page_key(self, environ: dict[str, Any]) -> str:
        """`store.environ_page_key`, remembered for each set of the environ's values it reads.

        Under breaking news the same few URLs arrive again and again, and working a key out
        (the path decoded as Django decodes it, the host's port cut off, the query filtered,
        a digest) was two fifths of a cache hit's own time. What it reads of the settings
        is fixed for the life of this object (a test that changes them builds a new one).
        """
        seen = tuple(map(environ.get, self._page_key_environ))
        key = self._page_keys.get(seen)
        if key is None:
            if len(self._page_keys) >= PAGE_KEYS_KEPT:
                self._page_keys.clear()  # junk URLs cannot grow it without bound
            key = self._page_keys[seen] = environ_page_key(environ)
        return key

    # Reading

    def lookup(self, environ: dict[str, Any], key: str) -> serve.Answer | Miss:
        """The answer from the cache (fresh, stale during a render, or after waiting for
        one), or a Miss: this request renders.

        A Redis that cannot be reached, or refuses (out of memory), costs the cache, not the
        page: the request renders from the database, which is the truth, and nothing is
        stored. Pages the near copy still trusts are served as always (a reading younger
        than PAGECACHE_NEAR_SECONDS is the same promise with Redis up); a page it no longer
        trusts is not served stale, since an invalidation — a take-down — may have been made
        that this process cannot see.
        """
        try:
            return self._lookup(environ, key)
        except redis.RedisError as error:
            if not isinstance(error, UNREACHABLE):
                logger.error("The page cache failed (%s): rendering %s without it", error, key)
            return Miss(key, self, None, NO_LOCK, keep=False)

    def _lookup(self, environ: dict[str, Any], key: str) -> serve.Answer | Miss:
        if self._journal:
            self._catch_up()
        near = self.near
        page = near.page(key) if near else None
        from_near = page is not None
        if page is None:
            page, clock, token = self.coordination.page_or_lock(key, self.stale_seconds)
            if page is None:
                if clock != NO_LOCK:
                    return Miss(key, self, None, clock, token)
                return self._wait(environ, key)
            if near:
                near.remember_page(key, page)
        if self.coordination.verified(page):
            return serve.answer(environ, page, "HIT")
        # The near copy's readings, when it trusts them: a page found fresh from them is
        # fresh until one changes or grows old.
        trusting = near if near is not None and near.seconds > 0 else None
        if trusting is not None and trusting.found_fresh(page):
            return serve.answer(environ, page, "HIT")
        readings = trusting.readings() if trusting is not None else 0
        current = self.generations_read(page.keys)
        fresh = page.fresh(current)
        if fresh and trusting is not None:
            trusting.remember_fresh(page, page.keys, readings)
        if not fresh and near is not None and near.seconds > 0:
            # The near copy may be behind Redis (another process has rendered the page, or
            # this one trusts readings older than its own render): ask Redis itself.
            if from_near:
                page = self.coordination.page(key) or page
            current = self.coordination.generations(page.keys)
            near.remember_generations(current)
            near.remember_page(key, page)
            fresh = page.fresh(current)
        if fresh:
            return serve.answer(environ, page, "HIT")
        if near:
            near.forget_page(key)
        changed = [k for k, value in current.items() if value is None or value > page.clock]
        token = new_token()
        clock, hard = self.coordination.lock_take(key, token, self.stale_seconds, changed)
        # Not past a hard purge (take-down, correction) made since the render began.
        previous = page if all(value <= page.clock for value in hard.values()) else None
        if clock != NO_LOCK:
            return self._locked(environ, key, previous, clock, token)
        if previous is not None:
            return serve.answer(environ, previous, "STALE")
        return self._wait(environ, key)

    def _locked(
        self,
        environ: dict[str, Any],
        key: str,
        previous: CachedPage | None,
        clock: int,
        token: str,
    ) -> serve.Answer | Miss:
        """This request holds the render lock: it renders, unless the render before stored
        its page and let go of the lock just before it was taken (the edit storm's second
        render per edit with Redis, one time in two: other processes keep asking meanwhile)."""
        fresh_page = self._fresh(key)
        if fresh_page is not None:
            self.coordination.lock_release(key, token)
            return serve.answer(environ, fresh_page, "HIT")
        return Miss(key, self, previous, clock, token)

    def _wait(self, environ: dict[str, Any], key: str) -> serve.Answer | Miss:
        """Wait for another request's render of the page rather than start one."""
        deadline = time.monotonic() + self.wait_seconds
        pause = 0.002
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            page, clock, token = self.coordination.page_or_lock(key, self.stale_seconds)
            if page is not None:
                if page.fresh(self.coordination.generations(page.keys)):
                    return serve.answer(environ, page, "HIT")
                # Stored stale (its render raced an edit): render it again, one request.
                token = new_token()
                clock, _ = self.coordination.lock_take(key, token, self.stale_seconds, [])
            if clock != NO_LOCK:
                if token is None:  # the render could not be stored: the page key is passing
                    return Miss(key, self, None, clock)
                # The render ended without storing a page (it failed, or raced an edit) — or
                # it stored one and let go of the lock just after the look: look again.
                return self._locked(environ, key, None, clock, token)
        logger.warning("Gave up waiting %.1f s for another render of %s", self.wait_seconds, key)
        return Miss(key, self, None, self.coordination.clock())

    def _fresh(self, key: str) -> CachedPage | None:
        page = self.coordination.page(key)
        if page is None or not page.fresh(self.coordination.generations(page.keys)):
            return None
        return page

    def generations_read(self, keys: Iterable[str]) -> dict[str, int | None]:
        """The current generation of each key (None when the cache has none); readings
        younger than the near copy's time limit are taken from it."""
        near = self.near
        if near is None or near.seconds <= 0:
            return self.coordination.generations(keys)
        current, unknown = near.generations(list(keys))
        if unknown:
            fetched = self.coordination.generations(unknown)
            near.remember_generations(fetched)
            current.update(fetched)
        return current

    def _catch_up(self) -> None:
        """Apply what the setup's other processes invalidated (journal.py), hard."""
        news = self.coordination.news()
        if news is None:
            if self.near:
                self.near.clear()
        elif news:
            self._bump(news, hard=True)

    # Writing

    def save(self, miss: Miss, page: CachedPage) -> None:
        """Store a page rendered for `miss` (its clock read before the render began) and let
        go of the render lock, in one step.

        A key invalidated since that clock may have changed after the page read it: the page
        is stored already stale (its clock is older than that key's generation). Newer than
        the version it replaces, it is what readers get while the next render runs — so in a
        storm of edits faster than a render, readers still move on — but it is never served
        as fresh, nor stale past a hard purge made during its render. Keys never seen before
        start at the page's clock.
        """
        if not miss.keep:
            return
        token = miss.token if not miss.released else None
        miss.released = True
        try:
            current = self.coordination.save(miss.key, page, token)
        except redis.RedisError as error:
            if not isinstance(error, UNREACHABLE):
                logger.error("The page cache failed (%s): %s not stored", error, miss.key)
            return
        if self.near:
            # Fresh readings: older ones kept here would make the new page look stale.
            self.near.remember_generations(dict(current))
            self.near.remember_page(miss.key, page)

    def invalidate(self, keys: Iterable[str], *, hard: bool = False) -> None:
        """Make every page showing `keys` stale. When Redis cannot take it, the invalidation
        is kept in the database and delivered by the worker (tasks.py): a page
        stored before it would otherwise be served as fresh once Redis answers again."""
        keys = set(keys)
        if not keys:
            return
        try:
            self._bump(keys, hard=hard)
        except redis.RedisError as error:
            logger.error(
                "Could not invalidate %s (%s): kept for the worker to deliver",
                " ".join(sorted(keys)),
                error,
            )
            tasks.invalidate_later(keys, hard=hard, failed_at=time.time())
            return
        self.coordination.announce(keys)

    def invalidate_again(self, keys: set[str], *, hard: bool) -> None:
        """The worker's delivery of invalidations that failed (tasks.py); raises Redis's
        error while it still cannot take them."""
        self._bump(keys, hard=hard)

    def kept_since(self, failed_at: float) -> bool:
        """Whether a page stored before `failed_at` may still be in the cache."""
        coordination = self.coordination
        seconds = (
            coordination.store.get_backend_timeout(self.timeout)
            if isinstance(coordination, Shared)
            else self.timeout
        )
        return seconds is None or time.time() - failed_at <= seconds

    def _bump(self, keys: set[str], *, hard: bool) -> None:
        generation = self.coordination.bump(keys, hard=hard)
        if self.near:
            self.near.remember_generations(dict.fromkeys(keys, generation))

    def rendered(self, path: str, seconds: float) -> None:
        """Count a render for the edit-storm benchmark (PAGECACHE_RENDER_LOG; off by default)."""
        if self.render_log is None:
            return
        line = f"{os.getpid()} {time.time():.3f} {seconds * 1000:.1f} {path}\n"
        descriptor = os.open(self.render_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, line.encode())
        finally:
            os.close(descriptor)
