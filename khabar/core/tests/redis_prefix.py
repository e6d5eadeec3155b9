"""Django's cache on the machine's Redis, as production configures it from REDIS_URL, under
a key prefix of one test's own: the tests that need a Redis shared by processes use it."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


@contextlib.contextmanager
def prefixed_cache(settings: Any, url: str) -> Iterator[str]:
    """The default cache on Redis at `url` under a fresh key prefix (yielded), whose keys are
    deleted afterwards; the test is skipped when Redis does not answer (CI has one)."""
    if not redis_answers(url):
        pytest.skip(f"Redis does not answer at {url} (CI has it)")
    prefix = f"khabar-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "khabar.core.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(url)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
