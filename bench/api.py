"""`make bench-api`: the content API beside the article page, measured in the same run.

    make bench-api                          # 6,000 articles (seeded once, then re-used)
    BENCH_ARTICLES=100000 make bench-api    # the archive of `make bench`
    .venv/bin/python -m bench.api           # the same, once wrk is installed

Options (environment): BENCH_ARTICLES (6000), BENCH_DURATION (5s per wrk run),
BENCH_CONNECTIONS (16), BENCH_WORKERS, BENCH_DATABASE_URL and BENCH_REDIS_URL as for
`make bench` (bench/run.py), except that the default Redis is database 10 of a local
Redis, emptied first, so that this bench and `make bench` never empty each other's cache.

Issue 12's figure: uncached API detail at least as fast as the uncached article page. The
reference is measured in the same run, on the same server, because this machine is noisy;
only the ratio is the figure. What it does, stopping everything it started on the way out:
1. seeds the archive (bench.seed) and collects static files, as `make bench` does;
2. starts the production server as `make serve` does, with API_RATE_PER_MINUTE raised to
   10^9: wrk is one client, and the figure is the API's cost, not its 429s (the limit is
   still counted on every request, cache hits included);
3. with wrk at BENCH_CONNECTIONS: the cached article page and the cached API detail and list
   (the same URL repeated, after a warm-up); then the uncached article page and uncached API
   detail, each request a different article (bench/pages.lua over two disjoint halves of
   the archive, so neither run meets a page the other rendered);
4. prints the table and writes var/bench/api-results.md.

The default archive is 6,000 rather than `make bench`'s 2,000 quick run so that each half
(3,000) outlasts a 5 s uncached run at up to 600 requests a second; the table says how many
requests wrapped round their list (those may be cache hits and flatter the figure).
"""

# Subprocesses here run fixed tools (wrk, granian) with argument lists, never a shell.

from __future__ import annotations

import datetime
import os
import random
import shutil
import signal
import time
from dataclasses import dataclass

from bench import database
from bench.archive import SAMPLE
from bench.environment import archive_served, main_run, redis_default, server_workers
from bench.processes import (
    BENCH_DIR,
    Processes,
    fetch,
    say,
    server_environ,
    start_app,
    terminate,
)
from bench.report import git_commit, load_averages, verdict
from bench.wrk import WrkResult, seconds, write_lines, wrk

DEFAULT_ARTICLES = 6000
BENCH_REDIS_DEFAULT = "redis://127.0.0.1:6379/10"
# One client for the whole run: a limit it can never reach.
RATE_PER_MINUTE = 10**9
TARGET_RATIO = 1.0


@dataclass
class Paths:
    page: str  # the sample article's page
    detail: str  # the same article in the API
    listing: str  # the newest articles of its edition in the API
    pages: list[str]  # one article page per line, for the uncached page run
    details: list[str]  # one API detail per line, other articles, for the uncached API run


def bench_paths() -> Paths:
    from khabar.articles.models import Article
    from khabar.editions.models import Edition
    from khabar.web import urls_for

    editions = {edition.pk: edition for edition in Edition.objects.all()}
    articles = [
        article
        for article in Article.objects.published()
        .only("edition_id", "code", "slug")
        .order_by("pk")
        .iterator(chunk_size=5000)
        if (editions[article.edition_id].code, article.code) != SAMPLE
    ]
    # The same order every run; spread over editions and years.
    random.Random("khabar-bench-api").shuffle(articles)  # noqa: S311
    half = len(articles) // 2
    sample_edition = next(e for e in editions.values() if e.code == SAMPLE[0])
    sample = Article.objects.get(edition=sample_edition, code=SAMPLE[1])
    return Paths(
        page=urls_for.article_url(sample, sample_edition),
        detail=api_detail(SAMPLE[0], SAMPLE[1]),
        listing=f"/api/v1/articles?edition={SAMPLE[0]}",
        pages=[urls_for.article_url(a, editions[a.edition_id]) for a in articles[:half]],
        details=[api_detail(editions[a.edition_id].code, a.code) for a in articles[half:]],
    )


def api_detail(edition: str, code: int) -> str:
    return f"/api/v1/articles/{edition}/{code}"


@dataclass
class Run:
    name: str
    result: WrkResult
    against: str | None  # the run this one is a ratio of; None for a reference

    def row(self, reference: WrkResult | None) -> str:
        r = self.result
        ratio = f"{r.requests_per_s / reference.requests_per_s:.2f}" if reference else "reference"
        counts = r.counts
        scripted = (
            f"{counts['misses']:,} MISS / {counts['hits']:,} HIT, {counts['wrapped']} wrapped"
            if counts
            else "same URL"
        )
        # wrk counts only 4xx/5xx; the script also counts redirects, which render nothing.
        errors = r.socket_errors + (counts["non200"] if counts else r.non_2xx_3xx)
        return (
            f"| {self.name} | {r.requests_per_s:,.0f} | {r.p50_ms:.2f} / {r.p99_ms:.2f} ms "
            f"| {ratio} | {scripted}{f', {errors} errors' if errors else ''} |"
        )


def main() -> int:
    articles = int(os.environ.get("BENCH_ARTICLES") or DEFAULT_ARTICLES)
    duration = os.environ.get("BENCH_DURATION") or "5s"
    seconds(duration)  # refuses a malformed duration before anything starts
    connections = int(os.environ.get("BENCH_CONNECTIONS") or 16)
    redis_default(BENCH_REDIS_DEFAULT)
    shared = bool(os.environ.get("BENCH_REDIS_URL"))
    workers = server_workers()
    if shutil.which("wrk") is None:
        say("Missing wrk: `make bench-api` installs it (apt-get).")
        return 2
    started = time.monotonic()
    bench_db = database.bench_database(articles)
    seeded = archive_served(bench_db)  # Django set up in this process, on the bench database
    env = {**server_environ(bench_db), "API_RATE_PER_MINUTE": str(RATE_PER_MINUTE)}
    paths = bench_paths()
    load_before = os.getloadavg()
    runs: list[Run] = []
    processes = Processes()
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        say(f"Starting granian ({workers} workers), API_RATE_PER_MINUTE={RATE_PER_MINUTE:,}…")
        port, _pid = start_app(processes, env, workers)
        for path in (paths.page, paths.detail, paths.listing, paths.pages[0], paths.details[0]):
            if (status := fetch(port, path).status) != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        for name, path, against in (
            ("cached article page", paths.page, None),
            ("cached API detail", paths.detail, "cached article page"),
            ("cached API list", paths.listing, "cached article page"),
        ):
            say(f"{name}, {connections} connections…")
            wrk(port, path, connections=connections, duration="2s")  # every worker warm
            if (cache := fetch(port, path).headers.get("x-cache")) != "HIT":
                raise RuntimeError(f"{path} is not a cache hit after warming (X-Cache {cache})")
            result = wrk(port, path, connections=connections, duration=duration)
            runs.append(Run(name, result, against))
        for name, lines, file, against in (
            ("uncached article page", paths.pages, "api-paths-pages.txt", None),
            (
                "uncached API detail",
                paths.details,
                "api-paths-details.txt",
                "uncached article page",
            ),
        ):
            say(f"{name}, each request a different article, {connections} connections…")
            script_args = [write_lines(file, lines)]
            result = wrk(
                port, "/", connections=connections, duration=duration, script_args=script_args
            )
            runs.append(Run(name, result, against))
        processes.check()
    finally:
        processes.stop_all()
        signal.signal(signal.SIGTERM, previous)
    by_name = {run.name: run.result for run in runs}
    ratio = (
        by_name["uncached API detail"].requests_per_s
        / by_name["uncached article page"].requests_per_s
    )
    load_after = os.getloadavg()
    lines = [
        f"# Khabar API bench, {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"{seeded.articles:,} articles on {bench_db.label}; cache: "
        f"{'Redis' if shared else 'per-worker memory'}; granian {workers} workers; wrk "
        f"{duration} per run, {connections} connections; API_RATE_PER_MINUTE="
        f"{RATE_PER_MINUTE:,} (one client; still counted on every API request); commit "
        f"{git_commit()}; load average {load_averages(load_before, load_after)}; "
        f"{time.monotonic() - started:.0f} s in all.",
        "",
        "| run | req/s | p50 / p99 | ratio | requests |",
        "|---|---|---|---|---|",
        *(run.row(by_name[run.against] if run.against else None) for run in runs),
        "",
        f"Uncached API detail ÷ uncached article page: **{ratio:.2f}** "
        f"(target ≥ {TARGET_RATIO:.0f}: {verdict(ratio >= TARGET_RATIO)}). "
        "Cached API runs are given against the cached article page.",
    ]
    markdown = "\n".join(lines) + "\n"
    (BENCH_DIR / "api-results.md").write_text(markdown)
    print()
    print(markdown)
    return 0


if __name__ == "__main__":
    main_run(main)
