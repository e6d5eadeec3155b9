"""`make bench-passes`: URLs whose answers cannot be stored, under load (README, passes).

A 404 (an article code that does not exist), an old slug's redirect to an article's address
and `/healthz` are never stored by the page cache. Before passes (khabar/pagecache/cache.py),
each request for such a URL waited for the render lock the one before it held, so the
whole cluster rendered it one request at a time; now, after the first render, requests for
it render side by side. Each URL is asked by 1 connection, then by 16 (wrk), two server
processes with Redis, as `make serve` runs them; printed: requests a second, p50 and p99,
and 16 connections ÷ 1 (target ≥ 1.4 on two processes: one at a time reads about 1.0).

    make bench-passes                  # 100,000 articles, 8 s a run
    BENCH_ARTICLES=2000 make bench-passes

Results in var/bench/passes-results.json. Timings are never unit tests: this only prints.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass

import redis

from bench import database
from bench.environment import archive_served, main_run
from bench.processes import BENCH_DIR, Processes, fetch, say, server_environ, start_app
from bench.report import verdict
from bench.wrk import wrk

# A Redis database of its own (bench.run has 9, the API 10, instructions 11, the storm 12,
# the outage 8).
PASSES_REDIS_URL = os.environ.get("PASSES_REDIS_URL") or "redis://127.0.0.1:6379/7"
WORKERS = 2
CONNECTIONS = 16
TARGET = 1.4


@dataclass
class Figures:
    url: str
    status: int
    one_per_s: float
    one_p99_ms: float
    many_per_s: float
    many_p50_ms: float
    many_p99_ms: float

    @property
    def ratio(self) -> float:
        return self.many_per_s / self.one_per_s if self.one_per_s else 0.0


def measure(port: int, name: str, path: str, seconds: int) -> Figures:
    status = fetch(port, path).status
    say(f"{name} ({status}): 1 then {CONNECTIONS} connections, {seconds} s each")
    one = wrk(port, path, connections=1, duration=f"{seconds}s")
    many = wrk(port, path, connections=CONNECTIONS, duration=f"{seconds}s")
    return Figures(
        url=name,
        status=status,
        one_per_s=one.requests_per_s,
        one_p99_ms=one.p99_ms,
        many_per_s=many.requests_per_s,
        many_p50_ms=many.p50_ms,
        many_p99_ms=many.p99_ms,
    )


def main() -> int:
    seconds = int(os.environ.get("PASSES_SECONDS") or 8)
    bench_db = database.bench_database()
    os.environ.pop("BENCH_REDIS_URL", None)
    archive_served(bench_db)
    from bench.archive import site_paths

    article = site_paths().article_path
    prefix, _slug = article.rsplit("/", 1)
    edition = article.strip("/").split("/")[0]
    urls = {
        "404: an article code that does not exist": f"/{edition}/news/999999999/x",
        "301: an article's old slug": f"{prefix}/an-old-headline",
        "/healthz": "/healthz",
    }
    redis.Redis.from_url(PASSES_REDIS_URL).flushdb()
    env = {**server_environ(bench_db), "REDIS_URL": PASSES_REDIS_URL}
    processes = Processes()
    try:
        port, _pid = start_app(processes, env, workers=WORKERS, name="passes")
        found = [measure(port, name, path, seconds) for name, path in urls.items()]
    finally:
        processes.stop_all()

    lines = [f"## Answers that cannot be stored ({WORKERS} server processes, Redis, {seconds} s)"]
    for figures in found:
        lines.append(
            f"- {figures.url} (status {figures.status}): 1 connection {figures.one_per_s:,.0f} "
            f"req/s, p99 {figures.one_p99_ms:.1f} ms; {CONNECTIONS} connections "
            f"{figures.many_per_s:,.0f} req/s, p50 {figures.many_p50_ms:.1f} ms, p99 "
            f"{figures.many_p99_ms:.1f} ms; {CONNECTIONS} ÷ 1: {figures.ratio:.2f} "
            f"(target ≥ {TARGET}) {verdict(figures.ratio >= TARGET)}"
        )
    print("\n".join(lines), flush=True)
    with contextlib.suppress(OSError):
        (BENCH_DIR / "passes-results.json").write_text(
            json.dumps(
                {"articles": bench_db.articles, "runs": [asdict(f) for f in found]}, indent=2
            )
        )
    return 0


if __name__ == "__main__":
    main_run(main)
