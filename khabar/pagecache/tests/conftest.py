"""The page cache's tests on the machine's Redis, configured as production configures it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import Settings

from khabar.core.tests import redis_prefix

# A database of its own on the shared Redis, and a fresh key prefix per test.
REDIS_URL = "redis://127.0.0.1:6379/5"


def redis_answers() -> bool:
    return redis_prefix.redis_answers(REDIS_URL)


@pytest.fixture
def prefix(settings: Settings) -> Iterator[str]:
    """This process's page cache on Redis, as production configures it from REDIS_URL, under
    a key prefix of the test's own (its keys deleted afterwards); every hit asks Redis."""
    with redis_prefix.prefixed_cache(settings, REDIS_URL) as prefix:
        settings.PAGECACHE_NEAR_SECONDS = 0
        yield prefix
