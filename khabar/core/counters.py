"""Counts in fixed time windows, kept in Django's cache: Redis shared by every app process
when REDIS_URL is set, each process's own memory on the embedded setup."""

from __future__ import annotations

import logging

from django.core.cache import cache

from khabar.core.redis_cache import UNREACHABLE

logger = logging.getLogger(__name__)


def window_count(key: str, seconds: int) -> int | None:
    """Count one more under `key`, a window's name, kept a second longer than the window;
    the count so far, this one included. None when the cache cannot be reached: the caller
    decides what an uncounted attempt may do (a rate limit lets it through), and the outage
    is logged here."""
    try:
        cache.add(key, 0, timeout=seconds + 1)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds + 1)
            return 1
    except UNREACHABLE as error:
        logger.warning("Not counted (%s): the cache is unreachable (%s)", key.split(":")[0], error)
        return None
