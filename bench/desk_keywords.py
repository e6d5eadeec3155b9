"""`make bench-keywords`: the editor's keyword autocomplete on 50,000 keywords per edition.

Seeds an Arabic edition with BENCH_KEYWORDS keywords (default 50,000: one to three words
drawn from a bank of Arabic words, with use counts spread as a newsroom's are, a few used
often, most rarely) in a fresh SQLite file under var/bench/, then asks
`/newsroom/keywords/autocomplete` through Django's test client as a signed-in reporter for
varied prefixes: 1 to 4 letters, typed with Arabic ي/ك and Persian ی/ک. Each prefix runs
5 times after a warm-up; p50/p95 are over every request.

The reference, measured in the same run, interleaved: the same endpoint for an edition
that does not exist (the sign-in, role and routing work, no keyword query). Ranking reads
the `uses` column the services keep, so no articles are needed for it.

With BENCH_KEYWORDS_DATABASE_URL (a PostgreSQL database of the benchmark's own, migrated
here, its keywords kept between runs) it runs on PostgreSQL instead.

`keyword_autocomplete_figures()` returns the figures bench/desk.py prints as its last row:
it seeds the keywords into whatever database Django is set up with (a migrated one), beside
what is there; `make bench-keywords` gives it a fresh SQLite file.
"""

from __future__ import annotations

import os
import random
import sys
import time
from typing import Any

from bench import database
from bench.environment import staff_user
from bench.report import percentile

WORDS = (
    "سوريا دمشق حلب العراق بغداد ايران طهران لبنان بيروت مصر القاهرة السعودية الرياض "
    "الكويت قطر الدوحة الاردن عمان فلسطين غزة القدس تركيا انقرة روسيا موسكو الصين امريكا "
    "الاقتصاد النفط الغاز الانتخابات البرلمان الحكومة الرئيس الوزراء الجيش الامن الارهاب "
    "كرة القدم الدوري الكأس الهلال النصر الاتحاد الاهلي الزمالك كورونا اللقاح الصحة التعليم "
    "المدارس الجامعة الثقافة السينما المسرح الكتاب المعرض علي محمد حسن حسين احمد يوسف "
    "كريم سليمان مملوك شمخاني الاسد السيسي بشار نبيه بري ميقاتي"
).split()
PREFIXES = ["س", "ال", "الك", "الکو", "سوری", "سوري", "علي", "علی", "ك", "ک", "كر", "کرة",
            "حل", "دم", "الري", "الری", "م", "مح", "محم", "ا"]  # fmt: skip
REPEAT = 5
TARGET_P95_MS = 50


def _setup(count: int, postgres_url: str) -> None:
    """Django on BENCH_KEYWORDS_DATABASE_URL, else on a fresh SQLite file; migrated."""
    path = database.BENCH_DIR / f"desk-keywords-{count}.sqlite3"
    keywords_db = database.BenchDatabase(articles=0, url=postgres_url, path=path)
    if not postgres_url:
        keywords_db.recreate()
    database.migrated(keywords_db)


def _seed(count: int) -> Any:
    from django.db import connection

    from khabar.articles.models import Keyword, keyword_key
    from khabar.editions.models import Edition

    edition, _ = Edition.objects.get_or_create(
        code="ar", defaults={"name": "عربي", "language": "ar", "direction": "rtl"}
    )
    rng = random.Random(10)  # noqa: S311 - made-up names, the same every run
    names: set[str] = set()
    while len(names) < count:
        names.add(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
            + (f" {len(names)}" if rng.random() < 0.5 else "")
        )
    Keyword.objects.bulk_create(
        (Keyword(edition=edition, name=n, key=keyword_key(n), uses=int(rng.paretovariate(1.2)))
         for n in names),
        batch_size=2000,
        ignore_conflicts=True,  # a database seeded before may hold some of these already
    )  # fmt: skip
    if connection.vendor == "postgresql":
        # As autovacuum would have by now: the planner picks the index by how common a
        # prefix is. (SQLite has no statistics unless someone runs ANALYZE; none here.)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Keyword._meta.db_table}")
    return staff_user("bench-keywords", "reporter", [edition])


def keyword_autocomplete_figures(count: int = 50_000) -> dict[str, float]:
    """p50/p95 in ms of the autocomplete and of the reference, and their ratio."""
    from django.conf import settings
    from django.test import Client

    # No collectstatic for a benchmark: static URLs without the manifest.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = _seed(count)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    url = "/newsroom/keywords/autocomplete"
    timed: dict[str, list[float]] = {"autocomplete": [], "reference": []}
    for prefix in PREFIXES:  # warm-up
        client.get(url, {"q": prefix, "edition": "ar"})
    for _ in range(REPEAT):
        for prefix in PREFIXES:
            for name, edition, status in (("autocomplete", "ar", 200), ("reference", "xx", 404)):
                start = time.perf_counter()
                response = client.get(url, {"q": prefix, "edition": edition})
                timed[name].append((time.perf_counter() - start) * 1000)
                if response.status_code != status:
                    raise SystemExit(f"{name} {prefix!r}: {response.status_code}")
    figures = {}
    for name, times in timed.items():
        figures[f"{name}_p50"], figures[f"{name}_p95"] = (
            percentile(times, 0.5),
            percentile(times, 0.95),
        )
    figures["ratio_p95"] = figures["autocomplete_p95"] / figures["reference_p95"]
    return figures


def main() -> int:
    count = int(os.environ.get("BENCH_KEYWORDS", "50000"))
    postgres_url = os.environ.get("BENCH_KEYWORDS_DATABASE_URL", "")
    _setup(count, postgres_url)
    figures = keyword_autocomplete_figures(count)
    engine = "PostgreSQL" if postgres_url else "SQLite"
    print(
        f"Keyword autocomplete, {count:,} keywords, {engine}, {len(PREFIXES)} prefixes x {REPEAT}"
    )
    for name in ("autocomplete", "reference"):
        p50, p95 = figures[f"{name}_p50"], figures[f"{name}_p95"]
        print(f"  {name:12}  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms")
    met = figures["autocomplete_p95"] < TARGET_P95_MS
    print(f"  ratio p95 {figures['ratio_p95']:.2f}; target p95 < {TARGET_P95_MS} ms: "
          f"{'met' if met else 'MISSED'}")  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
