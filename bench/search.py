"""`make bench-search`: search latency on SQLite and PostgreSQL, DESIGN §10 / issue 9.

For each engine and archive size: seed Arabic and Persian articles (`bench.search_archive`
says what they hold), build the search index, then answer the fixed 200 queries the way
`/{ed}/search` does (a news code goes to its article; anything else through
`search_results`, and `search_suggestion` when nothing matches), in this process, on one
connection, with the page cache out of the way. Each query runs three times after a warm-up
pass; its time is the median of the three, and p50/p95 are over the 200 queries.

The reference, measured in the same run on the same database, interleaved with the
queries: the newest 20 published articles of the edition, as a section page lists them (a
plain indexed `published_at` ordering). Figures are printed beside it and as ratios, so a
slow or busy machine shows as a slow reference, not as a missed target.

Archives are kept and reused: SQLite in var/bench/search-v<version>-<N>.sqlite3,
PostgreSQL in a schema per size in the BENCH_SEARCH_DATABASE_URL database (which must be a
database of the benchmark's own). PostgreSQL is skipped, with a message, when none answers.

    make bench-search                                    # 10,000 and 100,000 articles
    BENCH_SEARCH_SIZES=100000,1000000 make bench-search  # the issue's figure

Seeding runs at about 1,000 articles a second here; indexing analyses in one process per
core (`documents_rebuild(jobs=…)`) and writes at about 1.9 (SQLite) and 1.45 (PostgreSQL)
times the rate of the single-process rebuild it replaced (20,000 articles, same run), so a
million articles take roughly half an hour per engine to prepare.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench import database
from bench.children import child_run, engines, result_print
from bench.report import percentile

# Bump when bench.search_archive changes what an archive holds: older ones are then unused.
ARCHIVE_VERSION = 1
DEFAULT_SIZES = "10000,100000"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/khabar_bench_search"
ROUNDS = 3
REFERENCE_ARTICLES = 20
TARGET_P95_MS = 50.0
TARGET_GROWTH = 3.0
EDITIONS = ("ar", "fa")
RESULTS_FILE = database.BENCH_DIR / "search-results.md"


def _sqlite_path(articles: int) -> Path:
    return database.BENCH_DIR / f"search-v{ARCHIVE_VERSION}-{articles}.sqlite3"


def _schema(articles: int) -> str:
    return f"bench_search_v{ARCHIVE_VERSION}_{articles}"


def _archive_database(engine: str, articles: int, postgres_url: str) -> database.BenchDatabase:
    """The archive of `articles` on `engine`: a file of its own, or a schema of its own."""
    if engine == "sqlite":
        return database.BenchDatabase(articles=articles, path=_sqlite_path(articles))
    _postgres_schema_ensure(postgres_url, _schema(articles))
    options = quote(f"-c search_path={_schema(articles)}")
    return database.BenchDatabase(articles=articles, url=f"{postgres_url}?options={options}")


def _postgres_schema_ensure(url: str, schema: str) -> None:
    import psycopg
    from psycopg import sql

    name, admin_url = database.own_database(url, "BENCH_SEARCH_DATABASE_URL")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))


def _say(text: str) -> None:
    print(f"  {text}", flush=True)


# --- One engine, one size (a process of its own: Django is configured once per process) ---


def _archive_ready(articles: int) -> tuple[bool, bool]:
    """Whether the archive holds `articles` articles, and whether all are indexed."""
    from khabar.articles.models import Article
    from khabar.search.models import SearchDocument

    count = Article.objects.count()
    return count == articles, SearchDocument.objects.count() == count


def _archive_recreate(engine: str, articles: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    if engine == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{_sqlite_path(articles)}{suffix}").unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {_schema(articles)} CASCADE")
            cursor.execute(f"CREATE SCHEMA {_schema(articles)}")
    call_command("migrate", interactive=False, verbosity=0)


def _archive_seed(articles: int) -> None:
    from bench.search_archive import with_variants
    from bench.seed import BATCH_SIZE, KEYWORDS_TOTAL, edition_items, edition_sections, shares
    from khabar.articles.bulk import articles_bulk_create
    from khabar.demo.banks import edition_banks
    from khabar.editions.models import Edition

    banks = edition_banks()
    now = datetime.datetime.now(tz=datetime.UTC)
    for code, count in zip(EDITIONS, shares(articles, len(EDITIONS)), strict=True):
        edition = Edition.objects.get(code=code)
        items = edition_items(
            bank=banks[code],
            sections=edition_sections(edition=edition, bank=banks[code]),
            count=count,
            now=now,
            keywords=KEYWORDS_TOTAL // len(EDITIONS),
        )
        started = time.monotonic()
        articles_bulk_create(
            edition=edition, items=with_variants(edition.language, items), batch_size=BATCH_SIZE
        )
        _say(f"{code}: {count:,} articles in {time.monotonic() - started:.0f} s")


def _index_build() -> float:
    """Index every article; articles per second."""
    from khabar.search.documents import documents_rebuild

    started = time.monotonic()
    indexed = documents_rebuild(jobs=os.cpu_count() or 1)
    seconds = time.monotonic() - started
    rate = indexed / max(seconds, 1e-9)
    _say(f"indexed {indexed:,} articles in {seconds:.0f} s ({rate:,.0f}/s)")
    return rate


class _Runner:
    """The 200 queries with their editions and filters, answered as the search page does."""

    def __init__(self) -> None:
        from django.db.models import Max

        from bench.search_archive import code_text, date_bounds, queries
        from khabar.articles.models import Article
        from khabar.editions.models import Edition, Section

        self.cases: list[tuple[Any, str, dict[str, Any]]] = []
        for edition in Edition.objects.filter(code__in=EDITIONS).order_by("code"):
            articles = Article.objects.filter(edition=edition)
            newest = articles.aggregate(newest=Max("published_at"))["newest"]
            sections = {s.slug: s.pk for s in Section.objects.filter(edition=edition)}
            count = articles.count()
            for query in queries(edition.language):
                text = query.text
                if query.code_at is not None:
                    position = min(count - 1, int(count * query.code_at))
                    text = code_text(query, articles.order_by("code")[position].code)
                start, end = date_bounds(query, newest)
                filters = {"section_id": sections.get(query.section), "start": start, "end": end}
                self.cases.append((edition, text, {"filters": filters, "date": query.by_date}))

    def answer(self, edition: Any, text: str, options: dict[str, Any]) -> int:
        """What the page reads for one query: the number of articles it finds."""
        from django.utils import timezone

        from khabar.articles.selectors import article_locate
        from khabar.search.backends import Filters, Order
        from khabar.search.selectors import search_results, search_suggestion
        from khabar.text import parse_int
        from khabar.text.analysis import query_parse

        try:
            code = parse_int(text)
        except ValueError:
            code = None
        if code is not None:
            article = article_locate(edition=edition, code=code)
            if article is not None and article.is_public:
                return 1
        parsed = query_parse(text, language=edition.language)
        filters = Filters(edition_id=edition.pk, now=timezone.now(), **options["filters"])
        order = Order.DATE if options["date"] else Order.RELEVANCE
        page = search_results(edition=edition, query=parsed, filters=filters, order=order, page=1)
        assert page is not None  # noqa: S101 - page 1 always exists
        if parsed.expression is not None and page.total == 0:
            search_suggestion(edition=edition, query=parsed, filters=filters)
        return page.total

    def reference(self, edition: Any) -> None:
        from khabar.articles.models import Article
        from khabar.articles.selectors import CARD_FIELDS

        latest = Article.objects.published().filter(edition=edition).latest_first()
        list(latest.only(*CARD_FIELDS)[:REFERENCE_ARTICLES])

    def run(self) -> dict[str, Any]:
        found = [self.answer(*case) for case in self.cases]  # warm-up, and what each finds
        for edition, *_ in self.cases:
            self.reference(edition)
        times: list[list[float]] = [[] for _ in self.cases]
        reference: list[float] = []
        for _ in range(ROUNDS):
            for index, case in enumerate(self.cases):
                started = time.perf_counter()
                self.answer(*case)
                times[index].append(time.perf_counter() - started)
                started = time.perf_counter()
                self.reference(case[0])
                reference.append(time.perf_counter() - started)
        per_query = [statistics.median(runs) * 1000 for runs in times]
        slowest = sorted(zip(per_query, self.cases, strict=True), key=lambda pair: -pair[0])[:5]
        return {
            "queries": len(self.cases),
            "with_results": sum(1 for count in found if count),
            "p50": percentile(per_query, 0.5),
            "p95": percentile(per_query, 0.95),
            "reference_p50": percentile([t * 1000 for t in reference], 0.5),
            "slowest": [f"{ms:.1f} ms {case[0].code} {case[1]!r}" for ms, case in slowest],
        }


def measure(engine: str, articles: int, postgres_url: str) -> dict[str, Any]:
    """Seed (or reuse) the archive, index it if needed, time the queries."""
    os.environ["PAGECACHE_ENABLED"] = "false"
    database.migrated(_archive_database(engine, articles, postgres_url))
    from django.db import connection

    seeded, indexed = _archive_ready(articles)
    rate = None
    if not seeded:
        _say(f"seeding {articles:,} articles")
        _archive_recreate(engine, articles)
        _archive_seed(articles)
    if not (seeded and indexed):
        rate = _index_build()
    else:
        _say(f"re-using the archive of {articles:,} articles and its index")
    if engine == "postgresql":
        # What autovacuum does soon after a bulk load in production: statistics for the
        # planner, and the GIN index's pending list merged into the index proper.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"engine": engine, "articles": articles, "index_rate": rate, **_Runner().run()}


# --- The whole run ----------------------------------------------------------------------------


def _measure_in_child(engine: str, articles: int, postgres_url: str) -> dict[str, Any]:
    status, figures = child_run(
        "bench.search",
        "--one",
        engine,
        str(articles),
        env={"BENCH_SEARCH_DATABASE_URL": postgres_url},
    )
    if status or not figures:
        raise SystemExit(f"{engine} with {articles:,} articles failed")
    return figures


def _verdict(passed: bool) -> str:
    return "pass" if passed else "**fails**"


def report(results: list[dict[str, Any]], skipped: str) -> str:
    lines = [
        "| engine | articles | p50 | p95 | reference p50 | p50 ÷ reference | p95 ÷ reference p50 "
        "| queries that find something | indexing | p95 < 50 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        rate = f"{r['index_rate']:,.0f} articles/s" if r["index_rate"] else "(re-used)"
        lines.append(
            f"| {r['engine']} | {r['articles']:,} | {r['p50']:.1f} ms | {r['p95']:.1f} ms "
            f"| {r['reference_p50']:.2f} ms | {r['p50'] / r['reference_p50']:.1f} "
            f"| {r['p95'] / r['reference_p50']:.1f} | {r['with_results']}/{r['queries']} "
            f"| {rate} | {_verdict(r['p95'] < TARGET_P95_MS)} |"
        )
    lines.append("")
    for engine in dict.fromkeys(r["engine"] for r in results):
        runs = [r for r in results if r["engine"] == engine]
        if len(runs) > 1:
            small, large = runs[0], runs[-1]
            growth = large["p95"] / small["p95"]
            lines.append(
                f"- {engine}: p95 at {large['articles']:,} ÷ p95 at {small['articles']:,} "
                f"articles = **{growth:.2f}** (target < {TARGET_GROWTH:.0f} for ten times the "
                f"archive: {_verdict(growth < TARGET_GROWTH)})"
            )
    lines += [
        f"- slowest on {r['engine']}, {r['articles']:,}: " + "; ".join(r["slowest"][:3])
        for r in results
    ]
    lines.append(
        f"- reference: the newest {REFERENCE_ARTICLES} articles of the edition (a section "
        "page's listing), same database, same run; each query's time is the median of "
        f"{ROUNDS} runs"
    )
    if skipped:
        lines.append(f"- {skipped}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "ARTICLES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    postgres_url = os.environ.get("BENCH_SEARCH_DATABASE_URL") or DEFAULT_POSTGRES
    if args.one:
        engine, articles = args.one[0], int(args.one[1])
        result_print(measure(engine, articles, postgres_url))
        return 0
    sizes = [
        int(size) for size in (os.environ.get("BENCH_SEARCH_SIZES") or DEFAULT_SIZES).split(",")
    ]
    names, skipped = engines(postgres_url, "BENCH_SEARCH_DATABASE_URL")
    if skipped:
        print(skipped, flush=True)
    results = []
    for engine in names:
        for articles in sizes:
            print(f"{engine}, {articles:,} articles", flush=True)
            results.append(_measure_in_child(engine, articles, postgres_url))
    table = report(results, skipped)
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    RESULTS_FILE.write_text(f"# make bench-search, {stamp}\n\n{table}")
    print(f"\n{table}\nWritten to {RESULTS_FILE.relative_to(database.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
