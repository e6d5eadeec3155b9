"""The page cache as one object, built once from settings: `page_cache()`.

It holds the store (Django's cache: in-process on the embedded setup, Redis in
production), this process's near copy, the timeouts and the header values, and it is
what the WSGI front and the middleware both ask. `store.py` says how pages and
generations are kept; this module says how a request is answered from them.

Request collapsing (one render per page per invalidation). When a request finds its
page stale, it tries to take the page's render lock (a short-lived key: SET NX PX on
Redis, so one process of the cluster renders; an `add` to the in-process cache on the
embedded setup, so one thread per process). The winner renders. The others get the
previous version, marked `X-Cache: STALE`, while the lock lives — at most
PAGECACHE_STALE_SECONDS, after which the next request takes the lock and renders
itself. Where there is no previous version (a new page, or one purged hard) they wait
for the winner's page, up to PAGECACHE_WAIT_SECONDS, then render themselves.

Hard purges: a take-down or a correction must never be served stale. Those
invalidations also write the new generation under a "hard" key; a stale page older
than a key's hard generation is not served at all (the readers wait for the render).
On the embedded setup every invalidation that arrives from another process through the
journal is applied hard: that process has no way to know, and the readers it keeps
waiting are the few that arrive during one render.
"""

from __future__ import annotations

import functools
import logging
import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches

from khabar.core.redis_cache import RedisCache
from khabar.pagecache import serve
from khabar.pagecache.journal import Journal
from khabar.pagecache.near import NearCache
from khabar.pagecache.store import CLOCK, CachedPage, generation_key, hard_key, lock_key

logger = logging.getLogger(__name__)


@functools.cache
def page_cache() -> PageCache:
    """This process's page cache (the tests rebuild it when they change settings)."""
    return PageCache.from_settings()


def keys_invalidate(keys: Iterable[str], *, hard: bool = False) -> None:
    """Make every cached page showing `keys` stale; `hard`: never serve those pages stale."""
    page_cache().invalidate(keys, hard=hard)


class Local:
    """The embedded setup: a cache in each process, invalidations shared through a journal."""

    def __init__(self, store: BaseCache, journal: Journal) -> None:
        self.store = store
        self.journal = journal

    def lock_take(self, key: str, token: str, seconds: float) -> bool:
        return self.store.add(key, token, timeout=seconds)

    def lock_release(self, key: str, token: str) -> None:
        # Another thread may take the lock between these two calls if it expired: the
        # price is one extra render, not a wrong page.
        if self.store.get(key) == token:
            self.store.delete(key)

    def add_many(self, values: dict[str, int]) -> None:
        for key, value in values.items():  # in-process: no round trip to save
            self.store.add(key, value, timeout=None)

    def announce(self, keys: set[str]) -> None:
        self.journal.append(keys)

    def news(self) -> set[str] | None:
        return self.journal.news()


_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0
"""


class Shared:
    """Redis: every process of the cluster shares pages, generations and render locks."""

    def __init__(self, store: RedisCache) -> None:
        self.store = store

    def _client(self) -> Any:
        # Django's cache API has neither SET NX PX nor a pipeline: the same client, raw.
        return self.store.client()

    def lock_take(self, key: str, token: str, seconds: float) -> bool:
        name = self.store.make_and_validate_key(key)
        return bool(self._client().set(name, token, nx=True, px=max(1, int(seconds * 1000))))

    def lock_release(self, key: str, token: str) -> None:
        """Delete the lock if it is still ours (it may have expired and been taken again)."""
        self._client().eval(_RELEASE, 1, self.store.make_and_validate_key(key), token)

    def add_many(self, values: dict[str, int]) -> None:
        """Each key set only if absent (never over a newer generation), in one round trip."""
        pipeline = self._client().pipeline(transaction=False)
        for key, value in values.items():
            # Django's Redis serializer stores ints as they are: `get` reads these back.
            pipeline.set(self.store.make_and_validate_key(key), value, nx=True)
        pipeline.execute()

    def announce(self, keys: set[str]) -> None:
        """Redis itself is what the processes share."""

    def news(self) -> set[str] | None:
        return set()


@dataclass
class Miss:
    """A request the cache did not answer: the view renders it, then `release`."""

    key: str
    cache: PageCache
    # The version before the invalidation, served if the render fails (stale-if-error).
    previous: CachedPage | None
    # The render lock's token when this request holds it.
    token: str | None = None
    released: bool = field(default=False)

    def release(self) -> None:
        if self.token is not None and not self.released:
            self.released = True
            self.cache.lock_release(self.key, self.token)


class PageCache:
    def __init__(
        self,
        *,
        store: BaseCache,
        coordination: Local | Shared,
        near: NearCache | None,
        enabled: bool,
        timeout: int,
        stale_seconds: float,
        wait_seconds: float,
        cache_control: str,
        render_log: Path | None,
    ) -> None:
        self.store = store
        self.coordination = coordination
        self.near = near
        self.enabled = enabled
        self.timeout = timeout
        self.stale_seconds = stale_seconds
        self.wait_seconds = wait_seconds
        self.cache_control = cache_control
        self.render_log = render_log

    @classmethod
    def from_settings(cls) -> PageCache:
        store = caches[settings.PAGECACHE_CACHE_ALIAS]
        coordination: Local | Shared
        near: NearCache | None
        pages, timeout = settings.PAGECACHE_NEAR_PAGES, settings.PAGECACHE_TIMEOUT
        if isinstance(store, RedisCache):
            coordination = Shared(store)
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
            coordination = Local(store, journal)
            # Pages kept as objects (no unpickling per hit); generations read every time.
            near = NearCache(seconds=0, max_pages=pages, page_seconds=timeout)
        return cls(
            store=store,
            coordination=coordination,
            near=near,
            enabled=settings.PAGECACHE_ENABLED,
            timeout=timeout,
            stale_seconds=settings.PAGECACHE_STALE_SECONDS,
            wait_seconds=settings.PAGECACHE_WAIT_SECONDS,
            cache_control=(
                f"public, max-age={settings.PAGECACHE_MAX_AGE}, "
                f"stale-while-revalidate={settings.PAGECACHE_STALE_WHILE_REVALIDATE}, "
                f"stale-if-error={settings.PAGECACHE_STALE_IF_ERROR}"
            ),
            render_log=Path(log) if (log := settings.PAGECACHE_RENDER_LOG) else None,
        )

    def serves(self, method: str) -> bool:
        return self.enabled and method in ("GET", "HEAD")

    # Reading

    def lookup(self, environ: dict[str, Any], key: str) -> serve.Answer | Miss:
        """The answer from the cache (fresh, stale during a render, or after waiting for
        one), or a Miss: this request renders."""
        self._catch_up()
        page = self._page(key)
        previous = None
        if page is not None:
            if self.generations_read(page.generations) == page.generations:
                return serve.answer(environ, page, "HIT")
            # The near copy may be behind the store (another process has rendered the page,
            # or this one trusts readings older than its own render): ask the store itself.
            page = self.store.get(key) or page
            current = self._read_store(page.generations)
            if self.near:
                self.near.remember_generations(current)
            if current == page.generations:
                if self.near:
                    self.near.remember_page(key, page)
                return serve.answer(environ, page, "HIT")
            if self.near:
                self.near.forget_page(key)
            if self._may_serve_stale(page, current):
                previous = page
        token = self._lock_take(key)
        if token is not None:
            # The render before may have stored its page and let go of the lock between the
            # look above and this one (the edit storm's second render per edit with Redis,
            # one time in two: the other processes keep asking while it renders).
            page = self._fresh(key)
            if page is not None:
                self.lock_release(key, token)
                return serve.answer(environ, page, "HIT")
            return Miss(key, self, previous, token)
        if previous is not None:
            return serve.answer(environ, previous, "STALE")
        return self._wait(environ, key)

    def _wait(self, environ: dict[str, Any], key: str) -> serve.Answer | Miss:
        """Wait for another request's render of the page rather than start one."""
        deadline = time.monotonic() + self.wait_seconds
        pause = 0.002
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            page = self._fresh(key)
            if page is not None:
                return serve.answer(environ, page, "HIT")
            # The render ended without storing a page (it failed, or raced an edit) — or it
            # stored one and let go of the lock just after the look above: look again.
            token = self._lock_take(key)
            if token is not None:
                page = self._fresh(key)
                if page is not None:
                    self.lock_release(key, token)
                    return serve.answer(environ, page, "HIT")
                return Miss(key, self, None, token)
        logger.warning("Gave up waiting %.1f s for another render of %s", self.wait_seconds, key)
        return Miss(key, self, None)

    def _fresh(self, key: str) -> CachedPage | None:
        page = self.store.get(key)
        if page is None or self._read_store(page.generations) != page.generations:
            return None
        return page

    def _page(self, key: str) -> CachedPage | None:
        page: CachedPage | None = self.near.page(key) if self.near else None
        if page is None:
            page = self.store.get(key)
            if page is not None and self.near:
                self.near.remember_page(key, page)
        return page

    def _may_serve_stale(self, page: CachedPage, current: dict[str, int | None]) -> bool:
        """Not when a key changed by a hard purge (take-down, correction) since the render."""
        changed = [key for key, value in page.generations.items() if current.get(key) != value]
        hard = self.store.get_many([hard_key(key) for key in changed])
        return all(hard.get(hard_key(key), 0) <= page.generations[key] for key in changed)

    def generations_read(self, keys: Iterable[str]) -> dict[str, int | None]:
        """The current generation of each key (None when the cache has none); readings
        younger than the near copy's time limit are taken from it."""
        near = self.near
        current, unknown = near.generations(list(keys)) if near else ({}, list(keys))
        if unknown:
            names = {generation_key(key): key for key in unknown}
            found = self.store.get_many(list(names))
            fetched = {key: found.get(name) for name, key in names.items()}
            if near:
                near.remember_generations(fetched)
            current.update(fetched)
        return current

    def _catch_up(self) -> None:
        """Apply what the setup's other processes invalidated (journal.py), hard."""
        news = self.coordination.news()
        if news is None:
            self.store.clear()
            if self.near:
                self.near.clear()
        elif news:
            self._bump(news, hard=True)

    # Render locks

    def _lock_take(self, key: str) -> str | None:
        token = uuid.uuid4().hex
        taken = self.coordination.lock_take(lock_key(key), token, self.stale_seconds)
        return token if taken else None

    def lock_release(self, key: str, token: str) -> None:
        self.coordination.lock_release(lock_key(key), token)

    # Writing

    def clock(self) -> int:
        """The clock's value, setting it first if the cache lost it.

        A restarted clock begins at the current time in nanoseconds, far above any
        value handed out before (one per invalidation), so a generation that
        disappeared and comes back never repeats an old one.
        """
        self.store.add(CLOCK, time.time_ns(), timeout=None)
        value = self.store.get(CLOCK)
        return int(value) if value is not None else time.time_ns()

    def save(self, key: str, page: CachedPage, keys: Iterable[str], clock: int) -> None:
        """Store a page showing `keys` whose render began when the clock read `clock`.

        A key invalidated since then may have changed after the page read it: the page is
        stored already stale, with `clock` as that key's generation. Newer than the version
        it replaces, it is what readers get while the next render runs — so in a storm of
        edits faster than a render, readers still move on — but it is never served as fresh,
        nor stale past a hard purge made during its render.
        """
        current = self._generations_settle(keys, clock)
        page.generations.update(
            {
                key: clock if value is None or value > clock else value
                for key, value in current.items()
            }
        )
        self.store.set(key, page, self.timeout)
        if self.near:
            # Fresh readings: older ones kept here would make the new page look stale.
            self.near.remember_generations(current)
            self.near.remember_page(key, page)

    def _generations_settle(self, keys: Iterable[str], clock: int) -> dict[str, int | None]:
        """The keys' generations; keys never seen before start at `clock`, added in one
        round trip."""
        current = self._read_store(keys)
        missing = [key for key, value in current.items() if value is None]
        if missing:
            self.coordination.add_many({generation_key(key): clock for key in missing})
            current.update(self._read_store(missing))
        return current

    def _read_store(self, keys: Iterable[str]) -> dict[str, int | None]:
        names = {generation_key(key): key for key in keys}
        found = self.store.get_many(list(names))
        return {key: found.get(name) for name, key in names.items()}

    def invalidate(self, keys: Iterable[str], *, hard: bool = False) -> None:
        keys = set(keys)
        if not keys:
            return
        self._bump(keys, hard=hard)
        self.coordination.announce(keys)

    def _bump(self, keys: set[str], *, hard: bool) -> None:
        try:
            generation = self.store.incr(CLOCK)
        except ValueError:
            self.clock()
            generation = self.store.incr(CLOCK)
        values = {generation_key(key): generation for key in keys}
        if hard:
            values.update({hard_key(key): generation for key in keys})
        self.store.set_many(values, timeout=None)
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
