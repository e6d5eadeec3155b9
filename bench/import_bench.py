"""`make bench-import`: the archive importer's throughput (khabar.importers, `khabar import`),
against the bulk path that bench.seed fills the bench archive with, measured in the same run.

    make bench-import                      # 2,000 pages
    IMPORT_PAGES=200 make bench-import     # a quick run

Options (environment): IMPORT_PAGES (2,000), IMPORT_DATABASE_URL (a PostgreSQL database of
the benchmark's own, dropped and created again, instead of var/bench/import.sqlite3, which
is also made afresh every run).

The archive: IMPORT_PAGES pages of the old site's text archive (the "sample format" of
khabar/importers/tests/data/), one file each in var/bench/import-pages/, written from the
demo generator's Persian article plans (the text bench.seed uses): news code, Solar Hijri
publication date, overline, headline, lead, paragraphs and keywords in Persian digits and
labels, then the page furniture the importer leaves out.

Three ways through the same pages, chunk by chunk in turn (CHUNK pages each), so that the
machine's load falls on all three alike:
- reading and parsing alone (the file read, `parse_page`, the date read): the importer's
  cost before it touches the database;
- the reference: `articles_bulk_create`, bench.seed's path, writing the parsed pages'
  articles (under codes of another range) in one transaction a chunk;
- the importer: `article_import_file` on each file, as `khabar import` calls it, one
  transaction a page (every outcome must be "created").

Printed: each rate, the importer's as a ratio of the reference's, and the share of its time
spent reading and parsing. Timings are never unit tests: this only prints.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import database
from bench.environment import main_run
from bench.report import load_averages

DEFAULT_PAGES = 2000
CHUNK = 250
PAGES_DIR = database.BENCH_DIR / "import-pages"
EDITION = "fa"
IMPORT_CODES = 1_000_000  # the pages' news codes start here; the reference's at twice it
SEED = "khabar-bench-import"
FURNITURE = (
    "شما می‌توانید مطالب و تصاویر خود را به نشانی زیر ارسال کنید.\n\n"
    "news@example.com\n\nنظر شما\nنام:\nایمیل:\n* نظر :\n"
)


def page_text(*, plan: Any, code: int, published_at: datetime.datetime, tz: str) -> str:
    """One archive page for `plan` (a khabar.demo.generator.ArticlePlan), as the old site
    printed a Persian article: labelled lines, the text, keywords, then the furniture."""
    from khabar.calendars import month_name, to_calendar, to_local
    from khabar.text.digits import Digits, to_digits

    local = to_local(published_at, tz)
    day = to_calendar(local.date(), "solar_hijri")
    month = month_name("solar_hijri", day.month, language="fa")
    date = to_digits(f"{day.day} {month} {day.year} - {local:%H:%M}", Digits.PERSIAN)
    lines = [f"کد خبر : {to_digits(str(code), Digits.PERSIAN)}", f"تاریخ انتشار: {date}"]
    if plan.overline:
        lines.append(f"روتیتر: {plan.overline}")
    lines += [f"تیتر: {plan.headline}", plan.lead, *plan.paragraphs]
    lines.append("برچسب‌ها: " + "، ".join(plan.keywords))
    return "\n".join(lines) + "\n\n" + FURNITURE


def pages_write(count: int, *, tz: str, directory: Path = PAGES_DIR) -> list[Path]:
    """`count` page files in `directory` (emptied first), oldest first."""
    from khabar.demo.banks import edition_banks
    from khabar.demo.generator import article_plans

    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    plans = article_plans(bank=edition_banks()[EDITION], count=min(count, 3000), seed=SEED)
    rng = random.Random(SEED)  # noqa: S311 - reproducible benchmark data, not secrets
    start = datetime.datetime(2015, 3, 21, 8, tzinfo=datetime.UTC)
    paths = []
    for number in range(count):
        published_at = start + datetime.timedelta(hours=number * 3, minutes=rng.randrange(60))
        code = IMPORT_CODES + number
        path = directory / f"{code}.txt"
        plan = plans[number % len(plans)]
        path.write_text(page_text(plan=plan, code=code, published_at=published_at, tz=tz))
        paths.append(path)
    return paths


@dataclass
class Parsed:
    page: Any  # khabar.importers.sample_format.ParsedPage
    published_at: datetime.datetime


def pages_parse(paths: list[Path], edition: Any) -> list[Parsed]:
    """What the importer does before the database: read, decode, parse, read the date."""
    from khabar.calendars import parse_datetime
    from khabar.importers.sample_format import parse_page

    parsed = []
    for path in paths:
        page = parse_page(path.read_bytes().decode("utf-8-sig"))
        at = parse_datetime(page.published_text, calendar=edition.calendar, tz=edition.time_zone)
        parsed.append(Parsed(page, at))
    return parsed


def bulk_items(parsed: list[Parsed]) -> Iterator[Any]:
    """The parsed pages as bench.seed's bulk path takes articles, under codes of their own."""
    from khabar.articles.bulk import BulkArticle
    from khabar.articles.richtext import paragraphs_to_html

    for item in parsed:
        page = item.page
        yield BulkArticle(
            headline=page.headline,
            code=page.code + IMPORT_CODES,
            published_at=item.published_at,
            keywords=page.keywords,
            overline=page.overline or "",
            lead=page.lead,
            body=paragraphs_to_html(page.paragraphs),
        )


@contextlib.contextmanager
def _timed(spent: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    spent[name] = spent.get(name, 0.0) + time.perf_counter() - started


def measure(paths: list[Path], edition: Any) -> dict[str, float]:
    """Seconds each way spent on all of `paths`, taken chunk by chunk in turn."""
    from khabar.articles.bulk import articles_bulk_create
    from khabar.importers.services import Outcome, article_import_file

    spent: dict[str, float] = {}
    for start in range(0, len(paths), CHUNK):
        chunk = paths[start : start + CHUNK]
        with _timed(spent, "parse"):
            parsed = pages_parse(chunk, edition)
        with _timed(spent, "bulk"):
            items = bulk_items(parsed)
            written = articles_bulk_create(edition=edition, items=items, batch_size=CHUNK)
        with _timed(spent, "import"):
            results = [article_import_file(edition=edition, path=path) for path in chunk]
        refused = [r for r in results if r.outcome is not Outcome.CREATED]
        if refused or written != len(chunk):
            raise SystemExit(f"not every page was written: {refused[:3]}, bulk {written}")
    return spent


def report(spent: dict[str, float], pages: int, label: str, load: str) -> str:
    rates = {name: pages / seconds for name, seconds in spent.items()}
    return "\n".join(
        [
            f"Archive import, {pages:,} Persian pages on {label}, in chunks of {CHUNK} "
            f"(load average {load})",
            f"  reading and parsing alone:            {rates['parse']:8,.0f} pages/s",
            f"  reference, bulk creation (bench.seed): {rates['bulk']:8,.0f} articles/s",
            f"  importer (khabar import):              {rates['import']:8,.0f} pages/s",
            f"  importer ÷ bulk creation: {rates['import'] / rates['bulk']:.3f}; reading and "
            f"parsing are {spent['parse'] / spent['import']:.0%} of the importer's time",
        ]
    )


def main() -> int:
    pages = int(os.environ.get("IMPORT_PAGES") or DEFAULT_PAGES)
    url = os.environ.get("IMPORT_DATABASE_URL", "")
    import_db = database.BenchDatabase(
        articles=0, url=url, path=database.BENCH_DIR / "import.sqlite3"
    )
    import_db.recreate()
    database.migrated(import_db)
    from khabar.editions.models import Edition

    edition = Edition.objects.get(code=EDITION)
    paths = pages_write(pages, tz=edition.time_zone)
    load_before = os.getloadavg()
    spent = measure(paths, edition)
    print(report(spent, pages, import_db.label, load_averages(load_before, os.getloadavg())))
    return 0


if __name__ == "__main__":
    main_run(main)
