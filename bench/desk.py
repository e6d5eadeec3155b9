"""`make bench-desk`: the newsroom's pages on the full archive, issue 10's 50 ms p95.

    make bench-desk                      # 100,000 articles (seeded once, then re-used)
    BENCH_ARTICLES=2000 make bench-desk  # a quick run on a small archive

Options (environment): BENCH_ARTICLES (100,000), BENCH_DATABASE_URL (PostgreSQL instead
of SQLite, as for `make bench`), BENCH_DESK_ROUNDS (200 requests per row).

The archive is `make bench`'s (bench.seed, kept in var/bench and re-used). The requests go
through Django's test client in this process, signed in as an editor of every edition: the
figure is the view's own cost (middleware, session, queries, template), which is what the
list's filters, sorts and indexes decide. A real server adds the same fixed cost to every
row and to the reference, and its noise on this shared machine would hide a regression of
a few milliseconds; `make bench` measures the server itself.

The reference, measured in the same run, interleaved request by request with the rows: the
newsroom's sign-in page for a visitor, a trivial view through the same middleware. Each
row prints p50 and p95 in milliseconds and the p95 as a multiple of the reference's.

A row is one entry of ROWS: a name and the URLs it cycles through (a function of the
seeded archive). Keyword autocomplete is one more row, measured after them by
bench/desk_keywords.py's `keyword_autocomplete_figures()` on BENCH_KEYWORDS (50,000)
keywords seeded into the archive's Arabic edition: its p95 is printed against the same
reference, and its own reference (the endpoint for an unknown edition) on a line below.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench import database
from bench.environment import archive_served, staff_user
from bench.report import percentile

TARGET_P95_MS = 50.0
REFERENCE = "/newsroom/login/"
EDITOR = "bench-desk-editor"


@dataclass(frozen=True)
class Row:
    name: str
    urls: Callable[[], list[str]]


def article_list_urls() -> list[str]:
    """The list as editors use it: default order, each sort, filters, a date range, page 5."""
    from khabar.editions.models import Edition, Section

    fa = Edition.objects.get(code="fa")
    section = Section.objects.filter(edition=fa).order_by("pk").first()
    base = "/newsroom/articles/"
    return [
        base,
        f"{base}?sort=-published",
        f"{base}?sort=published",
        f"{base}?sort=headline",
        f"{base}?sort=-code",
        f"{base}?sort=updated&page=5",
        f"{base}?edition={fa.pk}&status=published",
        f"{base}?edition={fa.pk}&section={section.pk if section else ''}&sort=-published",
        f"{base}?edition={fa.pk}&date_from=۱۴۰۰/۰۱/۰۱&date_to=۱۴۰۰/۰۱/۳۱",
        f"{base}?status=draft&sort=headline",
    ]


ROWS = [
    Row("article list (10 filter/sort combinations)", article_list_urls),
]


def _timed(client: Any, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def measure(rounds: int) -> list[tuple[str, list[float]]]:
    """Each row's times and the reference's, in ms, interleaved; after one warm-up pass."""
    from django.test import Client

    from khabar.editions.models import Edition

    editor = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="fa")
    editor.force_login(staff_user(EDITOR, "editor", Edition.objects.all()))
    visitor = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="fa")
    cycles = [(row.name, itertools.cycle(row.urls())) for row in ROWS]
    times: dict[str, list[float]] = {name: [] for name, _ in cycles}
    reference: list[float] = []
    for number in range(rounds + len(ROWS) * 10):
        warm = number >= len(ROWS) * 10
        for name, urls in cycles:
            spent = _timed(editor, next(urls))
            if warm:
                times[name].append(spent)
        spent = _timed(visitor, REFERENCE)
        if warm:
            reference.append(spent)
    return [("reference: sign-in page", reference), *times.items()]


def figures(results: list[tuple[str, list[float]]]) -> list[tuple[str, float, float]]:
    """Each row's name, p50 and p95."""
    return [(name, percentile(values, 0.5), percentile(values, 0.95)) for name, values in results]


def report(
    rows: list[tuple[str, float, float]], label: str, articles: int, requests: int, notes: str
) -> str:
    """The rows' figures, the first being the reference's, then `notes`."""
    reference_p95 = rows[0][2]
    lines = [
        f"Newsroom pages on {articles:,} articles ({label}), in-process, {requests} requests a row",
        f"{'row':<48} {'p50 ms':>8} {'p95 ms':>8} {'p95/ref':>8}",
    ]
    failed = False
    for index, (name, p50, p95) in enumerate(rows):
        verdict = ""
        if index:
            failed |= p95 >= TARGET_P95_MS
            verdict = "  ok" if p95 < TARGET_P95_MS else f"  over {TARGET_P95_MS:.0f} ms"
        ratio = p95 / reference_p95
        lines.append(f"{name:<48} {p50:>8.1f} {p95:>8.1f} {ratio:>7.1f}x{verdict}")
    lines.append(f"target: p95 < {TARGET_P95_MS:.0f} ms — {'MISSED' if failed else 'met'}")
    lines.append(notes)
    return "\n".join(lines)


def keyword_row() -> tuple[tuple[str, float, float], str]:
    """The autocomplete's row, and a note with its own reference's figures."""
    from bench.desk_keywords import keyword_autocomplete_figures

    count = int(os.environ.get("BENCH_KEYWORDS") or 50_000)
    # The reference's 404s are by design: one log line each would bury the report.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    measured = keyword_autocomplete_figures(count)
    row = (
        f"keyword autocomplete ({count:,} keywords)",
        measured["autocomplete_p50"],
        measured["autocomplete_p95"],
    )
    note = (
        f"keyword autocomplete's own reference (the endpoint for an unknown edition): "
        f"p50 {measured['reference_p50']:.1f} ms, p95 {measured['reference_p95']:.1f} ms, "
        f"autocomplete p95 {measured['ratio_p95']:.1f}x it"
    )
    return row, note


def main() -> None:
    bench_db = database.bench_database()
    os.environ.setdefault("PAGECACHE_ENABLED", "false")
    archive_served(bench_db)  # leaves Django set up on the archive
    from khabar.core.statistics import statistics_refresh

    statistics_refresh()  # as the worker does at start (khabar/core/statistics.py says why)
    rounds = int(os.environ.get("BENCH_DESK_ROUNDS") or 200)
    rows = figures(measure(rounds))
    # After the pages: it points static files at the plain storage (no manifest needed).
    keywords, note = keyword_row()
    print(report([*rows, keywords], bench_db.label, bench_db.articles, rounds, note), flush=True)


if __name__ == "__main__":
    main()
