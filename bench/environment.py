"""What every benchmark sets up before it measures: this process's environment as the
bench's server runs (DEBUG off, var/bench/static, the bench's Redis or none), a local Redis
by default, the server's worker count, static files collected, a staff account, and the
entry point that stops everything on Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bench.database import BENCH_DIR, STATIC_ROOT, BenchDatabase
from bench.processes import say

if TYPE_CHECKING:
    from bench.seed import SeedResult


def redis_default(url: str) -> None:
    """Measure the production setup (a shared Redis cache) when a local Redis answers.

    Unless BENCH_REDIS_URL says otherwise, the bench owns the Redis database of `url` and
    empties it first, so that no page an earlier run cached makes an "uncached" request a
    hit. Without a Redis, BENCH_REDIS_URL stays unset: the embedded setup is measured.
    """
    if "BENCH_REDIS_URL" in os.environ:
        return
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).flushdb()
    except redis.RedisError:
        say("No Redis at 127.0.0.1:6379: measuring the embedded setup (in-process cache).")
        return
    os.environ["BENCH_REDIS_URL"] = url


def as_served() -> None:
    """This process (and Django, once set up) as the bench's server runs: DEBUG off, static
    files from var/bench/static, the cache on BENCH_REDIS_URL or in-process, never on the
    REDIS_URL of the caller's own setup."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update({"DEBUG": "false", "STATIC_ROOT": str(STATIC_ROOT)})
    os.environ.pop("REDIS_URL", None)
    if redis := os.environ.get("BENCH_REDIS_URL"):
        os.environ["REDIS_URL"] = redis


def server_workers() -> int:
    """BENCH_WORKERS, else as `make serve` runs it (config/serve.py): one process per core,
    on Redis and on the embedded cache alike (its processes share invalidations through
    the journal)."""
    return int(os.environ.get("BENCH_WORKERS") or os.cpu_count() or 1)


def static_collect() -> None:
    """collectstatic into STATIC_ROOT, in this process (Django set up): production settings
    serve hashed static files, so the manifest must exist before a page renders."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def archive_served(bench_db: BenchDatabase, *, verbose: bool = True) -> SeedResult:
    """This process as served (as_served), Django set up on `bench_db` holding the bench
    archive (seeded, or re-used), and the static files collected for its pages."""
    from bench.seed import seed_database

    as_served()
    seeded = seed_database(bench_db, verbose=verbose)
    if verbose:
        say("Collecting static files…")
    static_collect()
    return seeded


def staff_user(username: str, role: str, editions: Any) -> Any:
    """A staff account with `role` on `editions`, made once and re-used by later runs."""
    from django.contrib.auth import get_user_model

    from khabar.staff.models import StaffRole

    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    staff_role, _ = StaffRole.objects.get_or_create(user=user, defaults={"role": role})
    staff_role.editions.set(editions)
    return user


def main_run(main: Callable[[], int]) -> None:
    """Run a benchmark's `main` and exit with its status; Ctrl-C (and SIGTERM, which the
    benchmarks turn into it) stops it after its own clean-up has stopped its processes."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted; every process the bench started is stopped.", file=sys.stderr)
        sys.exit(130)
