"""The near copy remembers a page found fresh only while the readings it was found from hold."""

from __future__ import annotations

import pytest

from khabar.pagecache import near as near_module
from khabar.pagecache.near import NearCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock()
    monkeypatch.setattr(near_module.time, "monotonic", ticking)
    return ticking


def found_fresh(near: NearCache, page: object, keys: tuple[str, ...]) -> None:
    readings = near.readings()
    near.remember_generations(dict.fromkeys(keys, 1))
    near.remember_fresh(page, keys, near.readings())
    assert readings != near.readings()


def test_a_page_found_fresh_is_remembered_until_a_reading_changes(clock: Clock) -> None:
    near = NearCache(seconds=1.0, max_pages=10)
    page = object()
    found_fresh(near, page, ("a", "b"))
    assert near.found_fresh(page)
    assert not near.found_fresh(object())  # another page
    near.remember_generations({"z": 7})  # any reading: the page's own or another's
    assert not near.found_fresh(page)


def test_a_page_found_fresh_is_forgotten_when_its_oldest_reading_is_no_longer_trusted(
    clock: Clock,
) -> None:
    near = NearCache(seconds=1.0, max_pages=10)
    near.remember_generations({"a": 1})
    clock.now += 0.6
    near.remember_generations({"b": 1})
    page = object()
    near.remember_fresh(page, ("a", "b"), near.readings())
    clock.now += 0.3
    assert near.found_fresh(page)
    clock.now += 0.2  # "a" was read 1.1 s ago
    assert not near.found_fresh(page)


def test_readings_taken_before_a_change_remember_nothing(clock: Clock) -> None:
    near = NearCache(seconds=1.0, max_pages=10)
    near.remember_generations({"a": 1})
    before = near.readings()
    near.remember_generations({"a": 2})  # e.g. this process invalidated "a" meanwhile
    page = object()
    near.remember_fresh(page, ("a",), before)
    assert not near.found_fresh(page)
    near.remember_fresh(page, ("a", "unread"), near.readings())
    assert not near.found_fresh(page)  # a key never read: nothing to vouch for it
    near.clear()
    near.remember_fresh(page, ("a",), near.readings())
    assert not near.found_fresh(page)


def test_pages_read_while_other_threads_store_and_drop_them_are_whole_or_none() -> None:
    """A hit reads the near copy without its lock while other threads store pages and push
    the oldest out: each read is the page stored under its key, or nothing."""
    import sys
    import threading

    near = NearCache(seconds=1, max_pages=4, page_seconds=600)
    pages = {f"k{n}": object() for n in range(16)}
    stop = threading.Event()
    wrong: list[object] = []

    def store() -> None:
        while not stop.is_set():
            for key, page in pages.items():
                near.remember_page(key, page)

    def read() -> None:
        while not stop.is_set():
            for key, page in pages.items():
                try:
                    found = near.page(key)
                except Exception as error:  # what the test looks for
                    wrong.append(error)
                    continue
                if found is not None and found is not page:
                    wrong.append(found)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change as often as the interpreter lets them
    try:
        threads = [threading.Thread(target=work) for work in (store, store, read, read)]
        for thread in threads:
            thread.start()
        stop.wait(0.5)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert wrong == []
    assert len(near._pages) <= 4
