"""`make bench`: the public site's figures of DESIGN §10, measured against nginx in the same run.

    make bench                          # 100,000 articles (seeded once, then re-used)
    BENCH_ARTICLES=2000 make bench      # a quick run
    .venv/bin/python -m bench.run       # the same, once wrk and nginx are installed

Options (environment): BENCH_ARTICLES (100000), BENCH_DURATION (10s, per wrk run),
BENCH_CONNECTIONS (16), BENCH_WORKERS (one per core, with Redis or without, as `make serve`
runs them), BENCH_DATABASE_URL (PostgreSQL instead of
var/bench/*.sqlite3, see bench.database), BENCH_REDIS_URL (the shared cache; by default
redis://127.0.0.1:6379/9 when a local Redis answers, emptied first; set it to "" to measure
the embedded in-process cache).

What it does, stopping everything it started on the way out (errors and Ctrl-C included):
1. seeds the archive (bench.seed), collects static files into var/bench/static;
2. starts the production server as `make serve` does (granian, WSGI, DEBUG=false, workers)
   on a free loopback port, and nginx (config generated into var/bench/, `daemon off`)
   serving the app's own HTML of the sample article (ar/14027) as a static file;
3. counts the queries of an uncached article page in-process (django.test.Client);
4. checks the page cache answers X-Cache MISS then HIT for the same article;
5. sends 10,000 pages, half cached and half first renders, and reads the workers' RSS;
6. measures with wrk (--latency) from loopback: nginx's static copy (the reference), the
   cached article, home and keyword pages; nginx and the cached article in turns (TURNS ×
   TURN_DURATION: the median of their ratios is the cached figure); and uncached article
   pages on one connection and on BENCH_CONNECTIONS, each request a different article of
   the archive (bench/pages.lua), with the CPU time the server's processes (and Redis)
   spent per request;
7. prints the table and writes var/bench/results.json and var/bench/results.md;
8. with --profile, profiles uncached article pages in-process (bench.profiling) and prints
   the top items.

The parts live apart: bench.processes (starting, measuring and stopping the servers),
bench.wrk (the load generator and its output), bench.archive (the pages asked for),
bench.report (the table and its Markdown), bench.environment (this process as the server
runs, the archive seeded and its static files collected).

Figures are ratios and limits from DESIGN §10; absolute numbers drift with the machine's load
(the load average is recorded with the results). Timings are never unit tests: this script
only prints them.
"""

# Subprocesses here run fixed tools (wrk, nginx, granian) with argument lists, never a shell.

from __future__ import annotations

import argparse
import datetime
import functools
import http.client
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from bench import cpu_reference, database, profiling
from bench.archive import query_counts, site_paths
from bench.environment import archive_served, main_run, redis_default, server_workers
from bench.processes import (
    BENCH_DIR,
    Processes,
    concurrently,
    cpu_split,
    fetch,
    redis_cpu_seconds,
    say,
    server_environ,
    start_app,
    start_nginx,
    terminate,
    workers_rss_mb,
)
from bench.report import git_commit, render_markdown, table
from bench.wrk import WrkResult, seconds, write_lines, wrk

MEMORY_PAGES = 10_000
PROFILE_PAGES = 200
# The cached article against nginx, measured in turns: a neighbour's load that comes and
# goes on a shared machine moved the ratio of two runs 20 s apart by a third (0.35 to 0.62
# on one day); in turns of a few seconds, both sides of each ratio see the same machine.
TURNS = 4
TURN_DURATION = "4s"


def hit_headers(port: int, path: str) -> list[tuple[str, str]]:
    """The headers of a cache hit of `path`, as the server sends them (names and all)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for _ in range(2):  # the first may render
            connection.request("GET", path)
            answer = connection.getresponse()
            answer.read()
        return answer.getheaders()
    finally:
        connection.close()


def split_distinct(
    paths: list[str], duration_s: float, *, profiled: int = 0
) -> dict[str, list[str]]:
    """Disjoint slices of the archive so that no run asks for a page another one rendered."""
    probe, profile = paths[:10], paths[10 : 10 + profiled]
    rest = paths[10 + profiled :]
    wanted = {
        "memory": MEMORY_PAGES // 2,
        # One connection renders up to ~400 pages a second now: room for 600.
        "single": int(duration_s * 600),
    }
    if sum(wanted.values()) * 2 > len(rest):  # a small archive: share it out instead
        wanted = {"memory": len(rest) * 2 // 5, "single": len(rest) // 5}
    memory = rest[: wanted["memory"]]
    single = rest[wanted["memory"] : wanted["memory"] + wanted["single"]]
    many = rest[wanted["memory"] + wanted["single"] :]
    return {
        "probe": probe,
        "profile": profile,
        "memory": memory,
        "single": single,
        "many": many,
    }


# `make bench` owns this database of a local Redis (bench.environment.redis_default).
BENCH_REDIS_DEFAULT = "redis://127.0.0.1:6379/9"


def measured(
    run: Callable[[], WrkResult],
    *,
    server: int,
    redis_url: str,
    reference: Callable[[], float] | None = None,
) -> dict[str, Any]:
    """A wrk run with the CPU time the server's processes (and Redis) spent per request; with
    `reference`, the CPU reference timed just before and just after it, whose mean is what
    the run's CPU is compared with (a neighbour's load moved it from 66 to 115 ms in one run)."""
    reference_before = reference() if reference is not None else 0.0
    (user_before, system_before), redis_before = cpu_split(server), redis_cpu_seconds(redis_url)
    result = asdict(run())
    user_after, system_after = cpu_split(server)
    server_cpu = user_after - user_before + system_after - system_before
    redis_cpu = redis_cpu_seconds(redis_url) - redis_before if redis_url else 0.0
    requests = max(result["requests"], 1)
    result["cpu"] = {
        "server_s": round(server_cpu, 3),
        "server_system_s": round(system_after - system_before, 3),
        "redis_s": round(redis_cpu, 3),
        "server_ms_per_request": 1000 * server_cpu / requests,
        "redis_ms_per_request": 1000 * redis_cpu / requests,
    }
    if reference is not None:
        result["cpu"]["reference_ms"] = (reference_before + reference()) / 2
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then profile uncached article pages in-process and print the top items",
    )
    options = parser.parse_args(argv)
    articles = int(os.environ.get("BENCH_ARTICLES") or database.DEFAULT_ARTICLES)
    duration = os.environ.get("BENCH_DURATION") or "10s"
    duration_s = seconds(duration)
    connections = int(os.environ.get("BENCH_CONNECTIONS") or 16)
    redis_default(BENCH_REDIS_DEFAULT)
    workers = server_workers()
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        say(f"Missing {' and '.join(missing)}: `make bench` installs them (apt-get).")
        return 2
    started = time.monotonic()
    bench_db = database.bench_database(articles)
    seeded = archive_served(bench_db)  # Django set up in this process, on the bench database
    env = server_environ(bench_db)
    say("Listing the archive's pages…")
    site = site_paths()
    profiled = 2 * PROFILE_PAGES + profiling.WARM_UP if options.profile else 0
    slices = split_distinct(site.distinct, duration_s, profiled=profiled)
    queries = query_counts(
        {"article": slices["many"][-1], "home": site.home_path, "keyword": site.keyword_path}
    )
    slices["many"] = slices["many"][:-1]

    redis_shared = bool(os.environ.get("BENCH_REDIS_URL"))
    say("Timing the CPU reference (pyperformance's django_template)…")
    reference_ms = cpu_reference.django_template_ms()
    results: dict[str, Any] = {
        "started_at": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "articles": seeded.articles,
        "keywords": seeded.keywords,
        "seed_seconds": round(seeded.seconds, 1),
        "seed_reused": seeded.reused,
        "database": bench_db.label,
        "cache": "Redis" if redis_shared else "per-worker memory",
        "shared_cache": redis_shared,
        "cpu_reference_ms": reference_ms,
        "workers": workers,
        "duration": duration,
        "connections": connections,
        "memory_pages": MEMORY_PAGES,
        "load_average_before": os.getloadavg(),
        "paths": {
            "article": site.article_path,
            "home": site.home_path,
            "keyword": site.keyword_path,
            "keyword_articles": site.keyword_articles,
        },
        "queries": queries,
        "runs": {},
    }
    processes = Processes()
    previous = signal.signal(signal.SIGTERM, terminate)
    redis_url = os.environ.get("BENCH_REDIS_URL", "")
    try:
        say(f"Starting granian ({workers} workers) and nginx…")
        app_port, app_pid = start_app(processes, env, workers)
        article = fetch(app_port, site.article_path)
        for path in (site.home_path, site.keyword_path):
            if (status := fetch(app_port, path).status) != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        if article.status != 200:
            raise RuntimeError(f"{site.article_path} answered {article.status}, not 200")
        nginx_port = start_nginx(processes, article.body)
        results["page_bytes"] = len(article.body)
        results["cache_probe"] = cache_probe(app_port, slices["probe"])
        say(f"  page cache: {results['cache_probe']['summary']}")

        say(f"Sending {MEMORY_PAGES:,} pages (half cached, half first renders)…")
        results["rss_mb_at_start"] = workers_rss_mb(app_pid)
        cached_paths = [site.article_path, site.home_path, site.keyword_path]
        # Two cached then two uncached, so that each of wrk's threads (every other line) mixes.
        mixed = _interleave(cached_paths, slices["memory"])
        results["runs"]["memory"] = send_pages(app_port, mixed[:MEMORY_PAGES], connections)
        results["rss_mb_after_10000"] = workers_rss_mb(app_pid)

        runs = results["runs"]
        say(f"nginx, static copy ({len(article.body):,} bytes), {connections} connections…")
        runs["nginx"] = asdict(
            wrk(nginx_port, "/article.html", connections=connections, duration=duration)
        )
        say(f"granian serving the page from memory without Django, {connections} connections…")
        ceiling_port, _pid = start_app(
            processes,
            {**env, "BENCH_CEILING_PAGE": str(BENCH_DIR / "www" / "article.html")},
            workers,
            app="bench.ceiling:application",
            name="granian-ceiling",
        )
        runs["ceiling"] = asdict(wrk(ceiling_port, "/", connections=connections, duration=duration))
        processes.stop("granian-ceiling")
        say(f"granian serving it with Khabar's headers of a hit, {connections} connections…")
        headers_file = BENCH_DIR / "www" / "article.headers.json"
        headers_file.write_text(json.dumps(hit_headers(app_port, site.article_path)))
        ceiling_port, _pid = start_app(
            processes,
            {
                **env,
                "BENCH_CEILING_PAGE": str(BENCH_DIR / "www" / "article.html"),
                "BENCH_CEILING_HEADERS": str(headers_file),
            },
            workers,
            app="bench.ceiling:application",
            name="granian-ceiling-headers",
        )
        runs["ceiling_headers"] = asdict(
            wrk(ceiling_port, "/", connections=connections, duration=duration)
        )
        processes.stop("granian-ceiling-headers")
        for name, path in (
            ("cached_article", site.article_path),
            ("cached_home", site.home_path),
            ("cached_keyword", site.keyword_path),
        ):
            say(f"Khabar {name.replace('_', ' ')} page, {connections} connections…")
            wrk(app_port, path, connections=connections, duration="2s")  # every worker warm
            cache = fetch(app_port, path).headers.get("x-cache", "(no X-Cache header)")
            result = asdict(wrk(app_port, path, connections=connections, duration=duration))
            result["x_cache_after_warming"] = cache
            runs[name] = result
        say(f"nginx and Khabar's cached article in turns, {TURNS} × {TURN_DURATION} each…")
        results["cached_turns"] = cached_turns(nginx_port, app_port, site.article_path, connections)
        for name, count, lines in (
            ("uncached_1", 1, slices["single"]),
            ("uncached_many", connections, slices["many"]),
        ):
            say(f"Khabar uncached article pages, {count} connection(s)…")
            paths_file = write_lines(f"paths-{name}.txt", lines)
            runs[name] = measured(
                functools.partial(
                    wrk,
                    app_port,
                    "/",
                    connections=count,
                    duration=duration,
                    script_args=[paths_file],
                ),
                server=app_pid,
                redis_url=redis_url,
                reference=cpu_reference.django_template_ms,
            )
        results["rss_mb_at_end"] = workers_rss_mb(app_pid)
        processes.check()
    finally:
        processes.stop_all()
        signal.signal(signal.SIGTERM, previous)
    results["load_average_after"] = os.getloadavg()
    results["seconds"] = round(time.monotonic() - started, 1)
    rows = table(results)
    results["table"] = [asdict(row) for row in rows]
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    markdown = render_markdown(results, rows)
    (BENCH_DIR / "results.md").write_text(markdown)
    print()
    print(markdown)
    if options.profile:
        say(f"Profiling {PROFILE_PAGES} uncached article pages in-process…")
        print(profiling.report(profiling.profile_pages(slices["profile"])))
    return 0


def cached_turns(
    nginx_port: int, app_port: int, path: str, connections: int
) -> list[dict[str, float]]:
    """Requests/s of nginx's static copy and of Khabar's cached `path`, one after the other,
    TURNS times."""
    turns = []
    for _ in range(TURNS):
        reference = wrk(
            nginx_port, "/article.html", connections=connections, duration=TURN_DURATION
        )
        khabar = wrk(app_port, path, connections=connections, duration=TURN_DURATION)
        turns.append({"nginx": reference.requests_per_s, "khabar": khabar.requests_per_s})
    return turns


def _interleave(cached: list[str], distinct: list[str]) -> list[str]:
    """MEMORY_PAGES paths, two cached then two distinct (from the start again if it runs out)."""
    lines: list[str] = []
    index = 0
    while len(lines) < MEMORY_PAGES:
        pair = [distinct[(index + n) % len(distinct)] for n in range(2)]
        lines += [cached[index % 3], cached[(index + 1) % 3], *pair]
        index += 2
    return lines[:MEMORY_PAGES]


def send_pages(port: int, paths: list[str], connections: int) -> dict[str, Any]:
    """GET each path once over `connections` keep-alive connections; what came back.

    Not a timing (wrk's runs are): wrk cannot stop after a number of requests.
    """
    queue = iter(paths)
    lock = threading.Lock()
    counts = {"responses": 0, "non200": 0, "hits": 0, "misses": 0, "wrapped": 0}

    def client(_number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                response = fetch(port, path, connection)
                cache = response.headers.get("x-cache")
                with lock:
                    counts["responses"] += 1
                    counts["non200"] += response.status != 200
                    counts["hits"] += cache == "HIT"
                    counts["misses"] += cache == "MISS"
        finally:
            connection.close()

    started = time.monotonic()
    concurrently(client, connections)
    seconds = time.monotonic() - started
    return {
        "requests_per_s": round(counts["responses"] / seconds, 1),
        "requests": counts["responses"],
        "non_2xx_3xx": 0,
        "socket_errors": 0,
        "counts": counts,
    }


def cache_probe(port: int, paths: list[str]) -> dict[str, Any]:
    """Each path twice on one connection (so one worker): MISS, then HIT, if the cache works."""
    first: list[str] = []
    second: list[str] = []
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            first.append(fetch(port, path, connection).headers.get("x-cache", "-"))
            second.append(fetch(port, path, connection).headers.get("x-cache", "-"))
        finally:
            connection.close()
    if set(first) == {"-"}:
        summary = "no X-Cache header: the page cache is not in place, every request renders"
    else:
        summary = (
            f"first requests {first.count('MISS')}/{len(paths)} MISS, "
            f"second {second.count('HIT')}/{len(paths)} HIT"
        )
    return {"first": first, "second": second, "summary": summary, "active": "HIT" in second}


if __name__ == "__main__":
    main_run(main)
