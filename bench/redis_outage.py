"""`make bench-outage`: the site while its Redis is down (README, "Fast under breaking news").

Three runs of 16 connections (wrk, bench/pages.lua) over the same first renders of article
pages, two server processes each, as `make serve` runs them on this two-core machine:

- reference: Redis up (a database of its own, emptied first): each request a first render,
  stored in Redis — the uncached figure of `make bench`, measured again in this run;
- refused: REDIS_URL names a server that drops every connection at once (a Redis process down
  on a host that is up);
- silent: REDIS_URL names a server that takes connections and never answers (a host gone, a
  network cut): a try holds the process's one thread for REDIS_TIMEOUT.

Both dead servers are khabar/core/tests/redis_switch.py's relay in front of nothing, which
counts the connections the servers try. Printed for each run: requests a second and their
ratio to the reference, p50 and p99, answers other than 2xx (target: none), and the
connections tried to the dead Redis (the Outage's tries, core/redis_cache.py: a few per
process, however many requests). Targets: refused ≥ 0.9 × the reference (no Redis work at
all), silent ≥ 0.75 × the reference over the default 10 s (about four tries per process,
each holding it for REDIS_TIMEOUT; the longer the outage, the rarer the tries).

    make bench-outage                                     # 100,000 articles, 10 s a run
    BENCH_ARTICLES=2000 OUTAGE_SECONDS=5 make bench-outage   # a quick run

Results in var/bench/outage-results.json. Timings are never unit tests: this only prints.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass

import redis

from bench import database
from bench.environment import archive_served, main_run
from bench.processes import BENCH_DIR, Processes, say, server_environ, start_app
from bench.report import verdict
from bench.wrk import write_lines, wrk

# A Redis database of its own (bench.run has 9, the API 10, instructions 11, the storm 12).
OUTAGE_REDIS_URL = os.environ.get("OUTAGE_REDIS_URL") or "redis://127.0.0.1:6379/8"
WORKERS = 2
CONNECTIONS = 16
# Enough distinct articles that no run asks for one twice at the reference's pace.
PATHS = 20_000
TARGETS = {"refused": 0.9, "silent": 0.75}


@dataclass
class Run:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    not_2xx: int
    socket_errors: int
    tries: int | None  # connections the servers tried to the dead Redis
    ratio: float = 1.0


def run(name: str, redis_url: str, paths_file: str, seconds: int, env: dict[str, str]) -> Run:
    processes = Processes()
    try:
        port, _pid = start_app(
            processes,
            {**env, "REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "khabar-outage"},
            workers=WORKERS,
            name=f"outage-{name}",
        )
        say(f"{name}: {CONNECTIONS} connections, {seconds} s of first renders")
        found = wrk(
            port, "/", connections=CONNECTIONS, duration=f"{seconds}s", script_args=[paths_file]
        )
    finally:
        processes.stop_all()
    return Run(
        name=name,
        requests_per_s=found.requests_per_s,
        p50_ms=found.p50_ms,
        p99_ms=found.p99_ms,
        requests=found.requests,
        not_2xx=found.non_2xx_3xx,
        socket_errors=found.socket_errors,
        tries=None,
    )


def main() -> int:
    from khabar.core.tests.redis_switch import RedisSwitch

    seconds = int(os.environ.get("OUTAGE_SECONDS") or 10)
    bench_db = database.bench_database()
    os.environ.pop("BENCH_REDIS_URL", None)  # each run names its own Redis
    archive_served(bench_db)
    from bench.archive import site_paths

    paths_file = write_lines("outage-paths.txt", site_paths().distinct[:PATHS])
    env = server_environ(bench_db)
    say(f"Redis outage on {bench_db.label}, {bench_db.articles:,} articles")

    redis.Redis.from_url(OUTAGE_REDIS_URL).flushdb()
    runs = [run("reference", OUTAGE_REDIS_URL, paths_file, seconds, env)]
    for name, mode in (("refused", "refusing"), ("silent", "silent")):
        switch = RedisSwitch()
        switch.set(mode)  # type: ignore[arg-type]
        try:
            found = run(name, switch.url(db=8), paths_file, seconds, env)
            # Less the server's start-up (its health check is a page too, on the same Redis).
            found.tries = switch.connections
        finally:
            switch.close()
        found.ratio = found.requests_per_s / runs[0].requests_per_s
        runs.append(found)

    lines = [f"## The site while Redis is down ({WORKERS} server processes, {seconds} s a run)"]
    for found in runs:
        line = (
            f"- {found.name}: {found.requests_per_s:,.0f} req/s, p50 {found.p50_ms:.1f} ms, "
            f"p99 {found.p99_ms:.1f} ms, {found.not_2xx} answers not 2xx/3xx, "
            f"{found.socket_errors} socket errors"
        )
        if found.name in TARGETS:
            target = TARGETS[found.name]
            line += (
                f"; {found.tries} connections tried to the dead Redis; ÷ reference "
                f"{found.ratio:.2f} (target ≥ {target}) "
                f"{verdict(found.ratio >= target and found.not_2xx == 0)}"
            )
        lines.append(line)
    print("\n".join(lines), flush=True)
    with contextlib.suppress(OSError):
        (BENCH_DIR / "outage-results.json").write_text(
            json.dumps(
                {
                    "articles": bench_db.articles,
                    "seconds": seconds,
                    "runs": [asdict(found) for found in runs],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    main_run(main)
