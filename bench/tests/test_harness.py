"""The parts every benchmark shares: figures, child processes, databases, the environment."""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import pytest

from bench import environment
from bench.children import child_run
from bench.database import own_database
from bench.processes import Processes, concurrently, cpu_seconds, group_members, redis_cpu_seconds
from bench.report import load_averages, percentile
from bench.seed import shares


def test_a_percentile_is_the_nearest_ranked_value_and_none_of_nothing() -> None:
    values = [float(n) for n in range(100, 0, -1)]
    assert percentile(values, 0.5) == 51.0
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 1.0) == 100.0
    assert percentile([7.0], 0.99) == 7.0
    assert math.isnan(percentile([], 0.5))


def test_load_averages_read_before_then_after() -> None:
    assert load_averages((1.0, 0.5, 0.25), (2.04, 1.0, 0.5)) == "1.0/0.5/0.2 → 2.0/1.0/0.5"


def test_an_archive_is_shared_out_evenly_the_larger_shares_first() -> None:
    assert shares(10, 3) == [4, 3, 3]
    assert shares(2, 3) == [1, 1, 0]
    assert sum(shares(100_001, 3)) == 100_001


def test_a_child_hands_back_its_result_line_and_its_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert child_run("bench.tests.child_sample", "a", "b") == (0, {"args": ["a", "b"]})
    assert capsys.readouterr().out == "working\n"  # its other lines, shown; not the result
    assert child_run("bench.tests.child_sample", "fail")[0] == 3


def test_a_benchmark_refuses_to_drop_a_database_postgresql_needs() -> None:
    assert own_database("postgres://u@h:5432/bench_x?options=y", "V") == (
        "bench_x",
        "postgres://u@h:5432/postgres",
    )
    for url in ("postgres://u@h/postgres", "postgres://u@h/template1", "postgres://u@h"):
        with pytest.raises(SystemExit, match="V must name a database of its own"):
            own_database(url, "V")


def test_a_server_group_is_its_live_processes_and_their_cpu(tmp_path: Path) -> None:
    """A parent and the worker it forked, each spending 0.2 s of CPU, then idle."""
    busy = (
        "import os, time\nos.fork()\nend = time.process_time() + 0.2\n"
        "while time.process_time() < end: pass\ntime.sleep(60)\n"
    )
    processes = Processes()
    try:
        pid = processes.start(
            "busy", [sys.executable, "-c", busy], env=dict(os.environ), log=tmp_path / "log"
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if len(group_members(pid)) == 2 and cpu_seconds(pid) >= 0.35:
                break
            time.sleep(0.1)
        assert pid in group_members(pid) and len(group_members(pid)) == 2
        assert cpu_seconds(pid) >= 0.35
    finally:
        processes.stop_all()


def test_every_client_runs_once_in_its_own_thread() -> None:
    seen: list[int] = []
    concurrently(seen.append, 5)
    assert sorted(seen) == [0, 1, 2, 3, 4]


def test_a_benchmark_runs_as_served_never_on_the_callers_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere/1")
    monkeypatch.setenv("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.setenv("BENCH_WORKERS", "")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    environment.as_served()
    assert os.environ["REDIS_URL"] == "redis://127.0.0.1:6379/9"
    assert os.environ["DEBUG"] == "false"
    assert os.environ["STATIC_ROOT"] == str(environment.STATIC_ROOT)
    assert environment.server_workers() == 2  # one per core, as config/serve.py runs it
    monkeypatch.delenv("BENCH_REDIS_URL")
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere/1")
    environment.as_served()
    assert "REDIS_URL" not in os.environ
    assert environment.server_workers() == 2  # the embedded setup too (one per core)
    monkeypatch.setenv("BENCH_WORKERS", "1")
    assert environment.server_workers() == 1


def test_without_redis_its_cpu_is_none_spent() -> None:
    """BENCH_REDIS_URL="" measures the embedded setup: no URL to ask, not a crash."""
    assert redis_cpu_seconds("") == 0.0
