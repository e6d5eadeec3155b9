"""Serve Khabar with granian, as in production: `python -m config.serve` (`make serve`).

The embedded setup keeps its page cache in each process, so one process
serves it: several would not see each other's invalidations. With REDIS_URL the
cache is shared and any number of processes (here, or on other machines) serve
the same site.
"""

from __future__ import annotations

from granian import Granian
from granian.constants import Interfaces

from config import env


def main() -> None:
    workers = env.env_int("WEB_WORKERS", 2 if env.REDIS_URL else 1)
    if workers > 1 and not env.REDIS_URL:
        print(
            f"WEB_WORKERS={workers} without REDIS_URL: each process keeps its own page cache "
            "and misses the others' invalidations for up to PAGECACHE_TIMEOUT."
        )
    Granian(
        "config.wsgi:application",
        address=env.env_str("HOST", "127.0.0.1"),
        port=env.env_int("PORT", 8000),
        interface=Interfaces.WSGI,
        workers=workers,
        # One Python thread per process: the GIL lets one run at a time anyway, and more
        # threads only lengthen the tail (p99) of cached pages. With PostgreSQL across a
        # network, 2-4 threads let one render wait on the database while another runs.
        blocking_threads=env.env_int("WEB_THREADS", 1),
        backpressure=env.env_int("WEB_BACKPRESSURE", 64),
        websockets=False,
    ).serve()


if __name__ == "__main__":
    main()
