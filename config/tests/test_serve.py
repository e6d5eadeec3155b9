"""The production server keeps answering while slow clients hold connections (DESIGN §10)."""

from __future__ import annotations

from bench.slow_clients import soak


def test_64_slow_connections_do_not_keep_readers_waiting() -> None:
    result = soak(slow=64, seconds=6)
    assert result.normal_failures == 0
    assert result.worst_seconds < 2.0, result
    assert result.normal_requests >= 8


def test_a_connection_that_never_finishes_its_headers_is_closed() -> None:
    result = soak(slow=4, seconds=7, env={"WEB_HEADER_TIMEOUT": "2"})
    assert result.slow_closed_by_server == 4, result
