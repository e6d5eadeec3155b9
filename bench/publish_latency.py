"""`make bench-publish` (and the end of `make bench`): publish latency, DESIGN §10 / issue 7.

The time from an article's scheduled instant to the moment the *cached* home page lists it,
over 50 articles scheduled a few hundred milliseconds apart, with `khabar worker` running
beside the production server, as `make demo` runs them. Target: p99 ≤ 2 s.

The reference, measured in the same run the same way: articles published *now* by a
process of their own (no scheduler, no worker), from the commit to the home page listing
them — what the page cache's invalidation alone costs. The figure is printed beside it and
as a ratio, so a slow machine shows as a slow reference, not a missed target.

    BENCH_ARTICLES=2000 .venv/bin/python -m bench.publish_latency   # the archive it uses
    PUBLISH_COUNT=50 PUBLISH_SPACING=0.4 (seconds)                  # the schedule
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from bench import database
from bench.environment import archive_served
from bench.processes import (
    BENCH_DIR,
    BIN,
    Processes,
    fetch,
    say,
    server_environ,
    start_app,
)
from bench.report import percentile

POLL_SECONDS = 0.02
TARGET_P99_SECONDS = 2.0


class HomeWatcher(threading.Thread):
    """Polls the home page every 20 ms; remembers when each headline first shows."""

    def __init__(self, port: int, path: str) -> None:
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.wanted: set[str] = set()
        self.seen: dict[str, float] = {}  # headline → time.time() of first sight
        self.stop = threading.Event()
        self.cache: dict[str, int] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            answer = fetch(self.port, self.path)
            now = time.time()
            state = answer.headers.get("x-cache", "?")
            self.cache[state] = self.cache.get(state, 0) + 1
            html = answer.body.decode()
            for headline in list(self.wanted - set(self.seen)):
                if headline in html:
                    self.seen[headline] = now
            time.sleep(POLL_SECONDS)

    def wait_for(self, headlines: list[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not all(h in self.seen for h in headlines):
            time.sleep(0.05)


def main() -> int:
    count = int(os.environ.get("PUBLISH_COUNT", "50"))
    spacing = float(os.environ.get("PUBLISH_SPACING", "0.4"))
    articles = int(os.environ.get("BENCH_ARTICLES") or 2000)
    journal = BENCH_DIR / "publish-journal"
    journal.unlink(missing_ok=True)
    # Server, worker and this process share invalidations through one journal (no Redis).
    os.environ["PAGECACHE_JOURNAL"] = str(journal)
    archive_served(bench_db := database.bench_database(articles))

    from django.utils import timezone

    from khabar.articles import services, workflow
    from khabar.core.actors import IMPORTER
    from khabar.editions.models import Edition

    edition = Edition.objects.get(code="ar")
    processes = Processes()
    env = {**server_environ(bench_db), "PAGECACHE_JOURNAL": str(journal)}
    try:
        port, _pid = start_app(processes, env, workers=1)
        processes.start(
            "worker",
            [str(BIN / "python"), "-m", "config.manage", "worker", "--no-startup-delay"],
            env=env,
            log=BENCH_DIR / "worker.log",
        )
        time.sleep(2)
        fetch(port, "/ar/")
        watcher = HomeWatcher(port, "/ar/")
        watcher.start()
        run = f"{time.time():.0f}"

        say(f"reference: {count // 5} articles published now, no worker involved")
        reference = []
        for number in range(count // 5):
            headline = f"مرجع {run} {number}"
            watcher.wanted.add(headline)
            article = services.article_create(actor=IMPORTER, edition=edition, headline=headline)
            committed = time.time()
            workflow.article_publish(actor=IMPORTER, article=article)
            watcher.wait_for([headline], timeout=10)
            if headline in watcher.seen:
                reference.append(watcher.seen[headline] - committed)
            time.sleep(0.2)

        say(f"scheduling {count} articles {spacing} s apart, the first in 5 s")
        first = timezone.now() + datetime.timedelta(seconds=5)
        due: dict[str, float] = {}
        for number in range(count):
            headline = f"مجدول {run} {number}"
            at = first + datetime.timedelta(seconds=number * spacing)
            article = services.article_create(actor=IMPORTER, edition=edition, headline=headline)
            workflow.article_schedule(actor=IMPORTER, article=article, at=at)
            due[headline] = at.timestamp()
            watcher.wanted.add(headline)
        watcher.wait_for(list(due), timeout=5 + count * spacing + 15)
        watcher.stop.set()
        watcher.join()
    finally:
        processes.stop_all()

    early = [h for h, seen in watcher.seen.items() if h in due and seen < due[h]]
    latencies = [watcher.seen[h] - due[h] for h in due if h in watcher.seen]
    missing = len(due) - len(latencies)
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    ref_p50 = statistics.median(reference) if reference else float("nan")
    results = {
        "articles_scheduled": count,
        "spacing_seconds": spacing,
        "poll_seconds": POLL_SECONDS,
        "publish_latency_p50_s": round(p50, 3),
        "publish_latency_p99_s": round(p99, 3),
        "published_before_time": len(early),
        "never_listed": missing,
        "reference_p50_s": round(ref_p50, 3),
        "ratio_p50_to_reference": round(p50 / ref_p50, 2) if reference else None,
        "home_responses": watcher.cache,
        "target_p99_s": TARGET_P99_SECONDS,
        "load_average": os.getloadavg(),
    }
    Path(BENCH_DIR / "publish_latency.json").write_text(json.dumps(results, indent=2))
    ok = bool(latencies) and p99 <= TARGET_P99_SECONDS and not early and not missing
    print()
    print("Publish latency (scheduled instant → cached home page lists it)")
    print(f"  p50 {p50:.3f} s   p99 {p99:.3f} s   target p99 ≤ {TARGET_P99_SECONDS:.0f} s")
    print(f"  reference (publish now, no worker): p50 {ref_p50:.3f} s; ratio {p50 / ref_p50:.1f}×")
    print(f"  early: {len(early)}   never listed: {missing}   home answers: {watcher.cache}")
    print(f"  {'OK' if ok else 'MISSED'} — details in var/bench/publish_latency.json")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
