"""The page cache's tests on the machine's Redis, configured as production configures it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from pytest_django import Settings

# A database of its own on the shared Redis, and a fresh key prefix per test.
REDIS_URL = "redis://127.0.0.1:6379/5"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def prefix(settings: Settings) -> Iterator[str]:
    """This process's page cache on Redis, as production configures it from REDIS_URL, under
    a key prefix of the test's own (its keys deleted afterwards); every hit asks Redis."""
    if not redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS_URL} (CI has it)")
    prefix = f"khabar-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "khabar.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGECACHE_NEAR_SECONDS = 0
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
