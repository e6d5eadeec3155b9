"""A process-local copy of pages and key generations in front of a shared cache (Redis).

With Redis, each hit would cost two network round trips (the page, then its keys'
generations); under breaking-news load that, not Django, is the ceiling. This
copy keeps recently served pages in the process, bounded, and trusts a key's
generation for PAGECACHE_NEAR_SECONDS after reading it. So an invalidation made
by another process reaches this one within that many seconds (one by default;
the proxy in front holds pages for max-age anyway); one made by this process
applies at once. With 0 seconds, every hit asks the shared cache for generations
(as on the embedded setup, where only the pages are kept here, as objects: the
generations are in the process already).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from typing import Any

# Pages found fresh that are remembered at most (NearCache.remember_fresh).
FRESH_PAGES_MAX = 1024


class NearCache:
    def __init__(self, *, seconds: float, max_pages: int, page_seconds: float = 600) -> None:
        self.seconds = seconds
        self.page_seconds = page_seconds
        self.max_pages = max_pages
        self._generations: dict[str, tuple[int | None, float]] = {}
        self._pages: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        # A new value at every change to the readings (next() of a count is atomic).
        self._changes = itertools.count(1)
        self._readings = 0
        # Pages found fresh from readings alone: (page, until, readings) by id(page).
        self._fresh: dict[int, tuple[Any, float, int]] = {}

    def readings(self) -> int:
        """Which state of the readings this is: read it before reading generations."""
        return self._readings

    def found_fresh(self, page: Any) -> bool:
        """Whether `page` was found fresh from readings that have not changed since and are
        all still trusted: it would be found fresh again (a hit skips reading its keys)."""
        found = self._fresh.get(id(page))
        return (
            found is not None
            and found[0] is page
            and found[2] == self._readings
            and time.monotonic() < found[1]
        )

    def remember_fresh(self, page: Any, keys: tuple[str, ...], readings: int) -> None:
        """`page` was found fresh from the readings of its `keys` as of state `readings`."""
        taken = [self._generations.get(key) for key in keys]
        if any(reading is None for reading in taken):
            return
        until = min((reading[1] for reading in taken if reading), default=0.0) + self.seconds
        if len(self._fresh) >= FRESH_PAGES_MAX:
            self._fresh.clear()
        self._fresh[id(page)] = (page, until, readings)

    def generations(self, keys: list[str]) -> tuple[dict[str, int | None], list[str]]:
        """The generations still trusted here, and the keys to ask the shared cache for."""
        now = time.monotonic()
        known: dict[str, int | None] = {}
        unknown: list[str] = []
        for key in keys:
            found = self._generations.get(key)
            if found is not None and now - found[1] < self.seconds:
                known[key] = found[0]
            else:
                unknown.append(key)
        return known, unknown

    def remember_generations(self, generations: dict[str, int | None]) -> None:
        if self.seconds <= 0:
            return
        now = time.monotonic()
        for key, generation in generations.items():
            self._generations[key] = (generation, now)
        if len(self._generations) > 50 * self.max_pages:
            # Old readings are worthless after `seconds`; drop them all rather than track age.
            self._generations.clear()
        self._readings = next(self._changes)  # after the change: see `readings`

    def page(self, key: str) -> Any:
        """The page kept here, while it is younger than the shared cache's timeout.

        Without the lock: every cache hit comes here, and each step is one call into the
        C OrderedDict, which no other thread can interleave with; only a page dropped by
        another thread between the two is to be expected."""
        found = self._pages.get(key)
        if found is None:
            return None
        page, expires = found
        if time.monotonic() >= expires:
            with self._lock:
                if self._pages.get(key) is found:
                    del self._pages[key]
            return None
        try:
            self._pages.move_to_end(key)
        except KeyError:
            pass  # dropped meanwhile: still this request's page
        return page

    def remember_page(self, key: str, page: Any) -> None:
        with self._lock:
            self._pages[key] = (page, time.monotonic() + self.page_seconds)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
        self._generations.clear()
        self._readings = next(self._changes)

    def forget_page(self, key: str) -> None:
        with self._lock:
            self._pages.pop(key, None)
