"""`make bench-storm`: reading while the news breaks (issue 11, DESIGN §10 "edit storm").

16 connections (wrk, bench/pages.lua) read the home page and the newest article while that
article is edited once a second through the real service (`articles.services.
article_update`), against the same load with no edits, measured just before in the same run.
Two server processes, as `make serve` runs them on this two-core machine; by default once
with Redis (the production setup) and once on the embedded setup (in-process caches, the
journal between them).

Printed for each setup:
- throughput during the storm as a ratio of the quiet run's (target ≥ 0.8), and its p99
  (target < 50 ms);
- renders per edit per page, counted by the servers themselves (PAGECACHE_RENDER_LOG: each
  render appends a line; off outside benchmarks). Target: one per cluster with Redis, one
  per process without;
- freshness: two more readers (Python, one per page) note the version each response shows
  (the overline the editor writes, "storm <n>") and when the request was sent; the worst
  lag is the longest any request sent after an edit's commit still got an older version.
  Target: within PAGECACHE_STALE_SECONDS + PAGECACHE_NEAR_SECONDS.

    make bench-storm                                   # 100,000 articles, both setups, 30 s
    BENCH_ARTICLES=2000 STORM_SECONDS=10 make bench-storm   # a quick run
    STORM_SETUPS=redis (or embedded)                   # one setup only
    STORM_THREADS=4                                    # WEB_THREADS of the servers
    STORM_REDIS_URL=redis://127.0.0.1:6379/13          # another Redis database (default 12)

Results in var/bench/storm-results.json. Timings are never unit tests: this only prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bench import database
from bench.environment import archive_served
from bench.processes import BENCH_DIR, Processes, fetch, say, server_environ, start_app
from bench.report import verdict
from bench.wrk import write_lines, wrk

# A Redis database of its own (`make bench` owns 9), emptied before each run.
STORM_REDIS_URL = os.environ.get("STORM_REDIS_URL") or "redis://127.0.0.1:6379/12"
STORM_PREFIX = "khabar-storm"
WORKERS = 2
TARGET_RATIO = 0.8
TARGET_P99_MS = 50.0


@dataclass
class Edit:
    number: int
    started: float  # time.time() as article_update was called
    committed: float  # time.time() once article_update returned: committed, invalidated


@dataclass
class Render:
    process: str
    started: float  # time.time() as the render began (the log's stamp less its duration)
    ms: float
    page: str


@dataclass
class Reading:
    sent: float
    path: str
    version: int
    cache: str


@dataclass
class SetupResult:
    setup: str
    quiet_rps: float
    storm_rps: float
    ratio: float
    quiet_p99_ms: float
    storm_p99_ms: float
    storm_cache: dict[str, int]
    edits: int
    renders: dict[str, int]  # page → renders during the storm
    renders_by_process: dict[str, dict[str, int]]
    renders_per_edit: dict[str, float]
    render_ms: dict[str, float]  # page → its slowest render during the storm
    bound_s: float
    worst_lag_s: dict[str, float]
    readings: int
    versions_seen: dict[str, int] = field(default_factory=dict)
    # page → renders that overlapped an edit's commit (stored already stale, by design), and
    # renders begun just after another process's render of it ended (a lock handed over)
    renders_explained: dict[str, dict[str, int]] = field(default_factory=dict)
    edit_times: list[Edit] = field(default_factory=list)
    render_times: list[Render] = field(default_factory=list)


class Reader(threading.Thread):
    """Reads one page in a loop over one connection, noting the version each answer shows."""

    def __init__(self, port: int, path: str, marker: re.Pattern[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.path, self.marker = port, path, marker
        self.readings: list[Reading] = []
        self.stop = threading.Event()

    def run(self) -> None:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self.stop.is_set():
            sent = time.time()
            answer = fetch(self.port, self.path, connection)
            found = self.marker.search(answer.body.decode())
            version = int(found.group(1)) if found else 0
            self.readings.append(
                Reading(sent, self.path, version, answer.headers.get("x-cache", "?"))
            )
            time.sleep(0.01)
        connection.close()


def worst_lag(readings: list[Reading], edits: list[Edit]) -> float:
    """The longest time after an edit's commit that a request was still answered older."""
    committed = {edit.number: edit.committed for edit in edits}
    worst = 0.0
    for reading in readings:
        newest = max((e.number for e in edits if e.committed <= reading.sent), default=0)
        if reading.version < newest:
            worst = max(worst, reading.sent - committed[reading.version + 1])
    return worst


# A render begun this soon after another process's render of the same page ended, with no
# edit between, took the lock the other had just let go of.
HANDOVER_S = 0.05


def renders_explained(renders: list[Render], edits: list[Edit]) -> dict[str, int]:
    """How many of one page's renders raced an edit (stored already stale, so the next one
    is due), or began at once after another process's fresh render of the page (a lock
    handed over: a render too many)."""

    def ended(render: Render) -> float:
        return render.started + render.ms / 1000

    ordered = sorted(renders, key=lambda render: render.started)
    raced = [
        any(render.started < edit.committed and ended(render) > edit.started for edit in edits)
        for render in ordered
    ]
    handed_over = 0
    for number, render in enumerate(ordered):
        for before, stale in zip(ordered[:number], raced[:number], strict=True):
            gap = render.started - ended(before)
            edited = any(ended(before) <= edit.committed <= render.started for edit in edits)
            if before.process != render.process and 0 <= gap <= HANDOVER_S and not stale:
                handed_over += not edited
                break
    return {"raced an edit (stored stale)": sum(raced), "just after another's render": handed_over}


def renders_between(log: Path, start: float, end: float, names: dict[str, str]) -> list[Render]:
    """Each render of the pages `names` (path → page) the servers logged in [start, end]."""
    if not log.exists():
        return []
    found = []
    for line in log.read_text().splitlines():
        pid, stamp, milliseconds, path = line.split(" ", 3)
        if start <= float(stamp) <= end and path in names:
            ms = float(milliseconds)
            found.append(Render(pid, float(stamp) - ms / 1000, ms, names[path]))
    return found


def storm(setup: str, bench_db: database.BenchDatabase, seconds: int) -> SetupResult:
    from django.conf import settings
    from django.test import override_settings

    from khabar.articles import services
    from khabar.articles.models import Article
    from khabar.core.actors import IMPORTER
    from khabar.pagecache.cache import page_cache
    from khabar.web.urls_for import article_url

    render_log = BENCH_DIR / f"storm-renders-{setup}.log"
    render_log.unlink(missing_ok=True)
    journal = BENCH_DIR / "storm-journal"
    env = {
        **server_environ(bench_db),
        "PAGECACHE_RENDER_LOG": str(render_log),
        "PAGECACHE_JOURNAL": str(journal),
        "PAGEVIEWS_FLUSH_SECONDS": "0",
    }
    if threads := os.environ.get("STORM_THREADS"):
        env["WEB_THREADS"] = threads
    if setup == "redis":
        import redis

        redis.Redis.from_url(STORM_REDIS_URL).flushdb()
        env.update({"REDIS_URL": STORM_REDIS_URL, "CACHE_KEY_PREFIX": STORM_PREFIX})
        caches = {
            "default": {
                "BACKEND": "khabar.core.redis_cache.RedisCache",
                "LOCATION": STORM_REDIS_URL,
                "KEY_PREFIX": STORM_PREFIX,
            }
        }
    else:
        env["REDIS_URL"] = ""
        caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    bound = settings.PAGECACHE_STALE_SECONDS + settings.PAGECACHE_NEAR_SECONDS

    article = Article.objects.published().filter(edition__code="ar").latest_first().first()
    assert article is not None  # noqa: S101 - the seeded archive has articles
    paths = {"home": "/ar/", "article": article_url(article)}
    run = f"{time.time():.0f}"
    marker = re.compile(rf"storm {run} (\d+)")

    processes = Processes()
    # This process edits; its invalidations must reach the servers' cache the way theirs do.
    with override_settings(CACHES=caches, PAGECACHE_JOURNAL=str(journal)):
        page_cache.cache_clear()
        try:
            port, _pid = start_app(processes, env, workers=WORKERS, name=f"storm-{setup}")
            for path in paths.values():
                for _ in range(4):
                    fetch(port, path)
            paths_file = write_lines("storm-paths.txt", list(paths.values()))
            duration = f"{seconds}s"
            say(f"{setup}: {seconds} s of reading, no edits")
            quiet = wrk(port, "/", connections=16, duration=duration, script_args=[paths_file])

            readers = [Reader(port, path, marker) for path in paths.values()]
            edits: list[Edit] = []
            stop = threading.Event()

            def edit() -> None:
                number = 0
                while not stop.wait(1.0):
                    number += 1
                    began = time.time()
                    services.article_update(
                        actor=IMPORTER, article=article, overline=f"storm {run} {number}"
                    )
                    edits.append(Edit(number, began, time.time()))

            editor = threading.Thread(target=edit, daemon=True)
            say(f"{setup}: {seconds} s of reading, the newest article edited once a second")
            started = time.time()
            for reader in readers:
                reader.start()
            editor.start()
            stormy = wrk(port, "/", connections=16, duration=duration, script_args=[paths_file])
            stop.set()
            editor.join(timeout=30)
            time.sleep(bound + 0.5)  # the last edit's readers, within the bound
            for reader in readers:
                reader.stop.set()
                reader.join(timeout=30)
            ended = time.time()
        finally:
            processes.stop_all()
    page_cache.cache_clear()

    names = {unquote(path): name for name, path in paths.items()}  # the servers log paths decoded
    renders: dict[str, int] = dict.fromkeys(paths, 0)
    by_process: dict[str, dict[str, int]] = {}
    render_ms: dict[str, list[float]] = {name: [] for name in paths}
    logged = renders_between(render_log, started, ended, names)
    for render in logged:
        renders[render.page] += 1
        render_ms[render.page].append(render.ms)
        counts = by_process.setdefault(render.process, dict.fromkeys(paths, 0))
        counts[render.page] += 1
    readings = [reading for reader in readers for reading in reader.readings]
    counts = stormy.counts
    return SetupResult(
        setup=setup,
        quiet_rps=quiet.requests_per_s,
        storm_rps=stormy.requests_per_s,
        ratio=stormy.requests_per_s / quiet.requests_per_s,
        quiet_p99_ms=quiet.p99_ms,
        storm_p99_ms=stormy.p99_ms,
        storm_cache={
            "hits": counts.get("hits", 0),
            "misses": counts.get("misses", 0),
            "other (stale)": counts.get("responses", 0)
            - counts.get("hits", 0)
            - counts.get("misses", 0),
            "non200": counts.get("non200", 0),
        },
        edits=len(edits),
        renders=renders,
        renders_by_process=by_process,
        renders_per_edit={name: n / max(1, len(edits)) for name, n in renders.items()},
        render_ms={name: max(times, default=0.0) for name, times in render_ms.items()},
        renders_explained={
            name: renders_explained([r for r in logged if r.page == name], edits) for name in paths
        },
        bound_s=bound,
        worst_lag_s={
            name: worst_lag([r for r in readings if r.path == path], edits)
            for name, path in paths.items()
        },
        readings=len(readings),
        versions_seen={
            name: max((r.version for r in readings if r.path == path), default=0)
            for name, path in paths.items()
        },
        edit_times=edits,
        render_times=logged,
    )


def report(result: SetupResult) -> list[str]:
    per_edit_target = 1 if result.setup == "redis" else WORKERS
    lines = [
        f"## {result.setup} ({WORKERS} server processes)",
        f"- throughput: {result.storm_rps:,.0f} req/s during the storm, "
        f"{result.quiet_rps:,.0f} without edits: ratio {result.ratio:.2f} "
        f"(target ≥ {TARGET_RATIO}) {verdict(result.ratio >= TARGET_RATIO)}",
        f"- p99: {result.storm_p99_ms:.1f} ms during the storm ({result.quiet_p99_ms:.1f} ms "
        f"without) (target < {TARGET_P99_MS:.0f} ms) "
        f"{verdict(result.storm_p99_ms < TARGET_P99_MS)}",
        f"- storm responses: {result.storm_cache}",
    ]
    for name, per_edit in result.renders_per_edit.items():
        # A render an edit landed in was stored already stale, so one more is due: the
        # promise (never fresher than it is) asks for it, and it is not a render too many.
        raced = result.renders_explained[name]["raced an edit (stored stale)"]
        due = (result.renders[name] - raced) / max(1, result.edits)
        lines.append(
            f"- renders of the {name} page: {result.renders[name]} for {result.edits} edits = "
            f"{per_edit:.2f} per edit, {due:.2f} without the {raced} an edit raced "
            f"(target ≤ {per_edit_target}: one per "
            f"{'cluster' if result.setup == 'redis' else 'process'}) "
            f"{verdict(due <= per_edit_target)}"
        )
    lines.append(f"- renders by process: {result.renders_by_process}")
    lines.append(f"- slowest render (ms): {result.render_ms}")
    lines.append(f"- renders explained: {result.renders_explained}")
    for name, lag in result.worst_lag_s.items():
        lines.append(
            f"- {name}: worst lag behind an edit {lag:.2f} s over {result.readings} checked "
            f"responses, newest version seen {result.versions_seen[name]} of {result.edits} "
            f"(bound {result.bound_s:.1f} s) "
            f"{verdict(lag <= result.bound_s and result.versions_seen[name] == result.edits)}"
        )
    return lines


def main() -> int:
    seconds = int(os.environ.get("STORM_SECONDS") or 30)
    setups = (os.environ.get("STORM_SETUPS") or "redis,embedded").split(",")
    bench_db = database.bench_database()
    # Each setup chooses its own cache (storm()): none from BENCH_REDIS_URL here.
    os.environ.pop("BENCH_REDIS_URL", None)
    archive_served(bench_db)
    say(f"Edit storm on {bench_db.label}, {bench_db.articles:,} articles")
    results: list[SetupResult] = []
    lines = []
    for setup in setups:
        result = storm(setup, bench_db, seconds)
        results.append(result)
        lines += report(result)
    print("\n".join(lines), flush=True)
    with contextlib.suppress(OSError):
        (BENCH_DIR / "storm-results.json").write_text(
            json.dumps(
                {"articles": bench_db.articles, "seconds": seconds, **_asdicts(results)}, indent=2
            )
        )
    return 0


def _asdicts(results: list[SetupResult]) -> dict[str, Any]:
    return {result.setup: asdict(result) for result in results}


if __name__ == "__main__":
    raise SystemExit(main())
