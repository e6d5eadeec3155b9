"""Seed the benchmark archive: N articles over ten years in fa/ar/en, plus the sample page.

    .venv/bin/python -m bench.seed [--articles 100000] [--force]

Writes to the bench database (bench.database: var/bench/bench.sqlite3, or BENCH_DATABASE_URL)
and re-uses it when it already holds the archive asked for. Inside a configured Django
(`.venv/bin/khabar shell -c "from bench.seed import seed; seed(articles=2000)"`) `seed()`
fills whatever database Django uses.

The archive: the demo's sections; the sample page (ar/14027) through the importer; then the
generated articles through khabar.articles.bulk, oldest first so news codes grow with time,
published uniformly over the last ten years (the newest within the last hour), split evenly
over the three editions. Text comes from the demo generator's article plans (khabar.demo),
with bodies of 2-3 KB built from the paragraphs of several plans of the same section, and
about 5,000 keywords: the plans' own, plus two-word phrases taken from the text, used with
a long tail (a few keywords on thousands of articles, most on a handful).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench import database
from khabar.core.actors import IMPORTER

if TYPE_CHECKING:  # Django is set up only after the bench has chosen the database
    from khabar.demo.banks import EditionBank
    from khabar.editions.models import Edition, Section

PLAN_POOL = 3000
BATCH_SIZE = 2000
KEYWORDS_TOTAL = 5000
SPAN = datetime.timedelta(days=3653)
BODY_BYTES = (2000, 3000)
TOP_STORIES = 5
SEED = "khabar-bench"
_PHRASE_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class SeedResult:
    articles: int
    keywords: int
    seconds: float
    reused: bool


def seed(*, articles: int = database.DEFAULT_ARTICLES) -> SeedResult:
    """Fill the configured (migrated, empty) database with the bench archive."""
    from khabar.articles.models import Article, Keyword

    started = time.monotonic()
    from khabar.articles.bulk import articles_bulk_create
    from khabar.articles.services import top_stories_set
    from khabar.demo.banks import edition_banks
    from khabar.demo.services import demo_sample_import
    from khabar.editions.models import Edition

    banks = edition_banks()
    editions = list(Edition.objects.filter(code__in=banks).order_by("position", "code"))
    now = datetime.datetime.now(tz=datetime.UTC)
    for edition, count in zip(editions, shares(articles, len(editions)), strict=True):
        bank = banks[edition.code]
        sections = edition_sections(edition=edition, bank=bank)
        if edition.code == "ar":
            # First, so that the edition's new codes continue after the legacy one.
            demo_sample_import(edition=edition)
        items = edition_items(
            bank=bank,
            sections=sections,
            count=count,
            now=now,
            keywords=KEYWORDS_TOTAL // len(editions),
        )
        edition_started = time.monotonic()
        written = articles_bulk_create(edition=edition, items=items, batch_size=BATCH_SIZE)
        seconds = time.monotonic() - edition_started
        print(
            f"  {edition.code}: {written:,} articles in {seconds:.1f} s "
            f"({written / max(seconds, 1e-9):,.0f}/s, generating the text included)",
            flush=True,
        )
        newest = list(
            Article.objects.published().filter(edition=edition).latest_first()[:TOP_STORIES]
        )
        top_stories_set(actor=IMPORTER, edition=edition, articles=newest)
    return SeedResult(
        articles=Article.objects.count(),
        keywords=Keyword.objects.count(),
        seconds=time.monotonic() - started,
        reused=False,
    )


def shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` as evenly as whole numbers go, the larger shares first."""
    return [total // parts + (index < total % parts) for index in range(parts)]


def edition_sections(*, edition: Edition, bank: EditionBank) -> dict[str, Section]:
    """The demo bank's sections in `edition` (made when missing), by slug."""
    from khabar.demo.services import section_ensure
    from khabar.editions.models import Section

    for position, section in enumerate(bank.sections):
        section_ensure(edition=edition, slug=section.slug, name=section.name, position=position)
    return {section.slug: section for section in Section.objects.filter(edition=edition)}


def edition_items(*, bank, sections, count: int, now: datetime.datetime, keywords: int) -> Iterator:
    """BulkArticles for one edition, oldest first (lazily: 33k articles' text is ~100 MB)."""
    from khabar.articles.bulk import BulkArticle
    from khabar.articles.richtext import paragraphs_to_html
    from khabar.demo.generator import article_plans

    # Reproducible benchmark data, not secrets.
    rng = random.Random(f"{SEED}:{bank.code}")  # noqa: S311
    plans = article_plans(bank=bank, count=min(PLAN_POOL, max(count, 1)), seed=SEED)
    by_section: dict[str, list] = {}
    for plan in plans:
        by_section.setdefault(plan.section, []).append(plan)
    vocabulary = _phrases(plans, wanted=keywords)
    seconds = sorted(rng.uniform(600, SPAN.total_seconds()) for _ in range(count))
    if seconds:
        seconds[0] = rng.uniform(60, 3000)
    for age in reversed(seconds):
        plan = rng.choice(plans)
        paragraphs = list(plan.paragraphs)
        wanted = rng.randint(*BODY_BYTES)
        size = sum(len(p.encode()) for p in paragraphs)
        same_section = by_section[plan.section]
        while size < wanted:
            extra = rng.choice(rng.choice(same_section).paragraphs)
            paragraphs.append(extra)
            size += len(extra.encode())
        names = list(plan.keywords)
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            # Squaring skews the pick towards the head of the list: a long tail.
            names.append(vocabulary[int(len(vocabulary) * rng.random() ** 2)])
        yield BulkArticle(
            headline=plan.headline,
            published_at=now - datetime.timedelta(seconds=age),
            keywords=names,
            overline=plan.overline,
            lead=plan.lead,
            body=paragraphs_to_html(paragraphs),
            byline=plan.byline,
            source=plan.source,
            section=sections.get(plan.section),
            content_type=plan.content_type,
            is_breaking=plan.is_breaking and age < 86400,
        )


def _phrases(plans: list, *, wanted: int) -> list[str]:
    """Up to `wanted` distinct two-word phrases from the plans' text, in a fixed order."""
    from khabar.articles.models import keyword_key

    found: dict[str, str] = {}
    for plan in plans:
        for text in (plan.lead, *plan.paragraphs):
            words = _PHRASE_WORD.findall(text)
            for first, second in itertools.pairwise(words):
                phrase = f"{first} {second}"
                found.setdefault(keyword_key(phrase), phrase)
                if len(found) >= wanted:
                    return list(found.values())
    return list(found.values())


def seed_database(
    bench_db: database.BenchDatabase, *, force: bool = False, verbose: bool = True
) -> SeedResult:
    """Make `bench_db` hold the archive (re-using it when it does); leaves Django set up on it."""
    expected = bench_db.articles + 1  # the sample page
    count = bench_db.article_count()
    reuse = count == expected and not force
    if not reuse:
        if verbose:
            print(f"Seeding {bench_db.articles:,} articles into {bench_db.label}", flush=True)
        bench_db.recreate()
    database.migrated(bench_db)
    if reuse:
        from khabar.articles.models import Keyword

        if verbose:
            print(f"Re-using {bench_db.label}: {count:,} articles", flush=True)
        return SeedResult(expected, Keyword.objects.count(), 0.0, reused=True)
    result = seed(articles=bench_db.articles)
    if verbose:
        print(
            f"Seeded {result.articles:,} articles and {result.keywords:,} keywords "
            f"in {result.seconds:.1f} s",
            flush=True,
        )
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="archive size (BENCH_ARTICLES)")
    parser.add_argument("--force", action="store_true", help="seed again even if it is there")
    args = parser.parse_args(argv)
    seed_database(database.bench_database(args.articles), force=args.force)


if __name__ == "__main__":
    main()
