"""Serve Khabar with granian, as in production: `python -m config.serve` (`make serve`).

One process per core by default. The embedded setup keeps its page cache in each
process; the processes share invalidations through a journal file
(khabar/pagecache/journal.py), each seeing another's within PAGECACHE_NEAR_SECONDS. With
REDIS_URL the cache is shared and any number of processes (here, or on other machines)
serve the same site.
"""

from __future__ import annotations

import os
import subprocess
import sys

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings

from config import env


def main() -> None:
    """Serve; with `--with-worker`, run `khabar worker` beside the server (`make demo`)."""
    worker = None
    if "--with-worker" in sys.argv[1:]:
        worker = subprocess.Popen([sys.executable, "-m", "config.manage", "worker"])
    try:
        _serve()
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)


def _serve() -> None:
    workers = env.env_int("WEB_WORKERS", os.cpu_count() or 1)
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
        # Slow clients: a connection that has not sent its whole request head within
        # WEB_HEADER_TIMEOUT seconds is closed, and connections waiting for their head do
        # not use up the WEB_BACKPRESSURE requests a worker takes at once (a few dozen
        # "slowloris" connections used to make the site unreachable). In production the
        # buffering reverse proxy (README) holds slow clients before they reach us at all.
        backpressure=env.env_int("WEB_BACKPRESSURE", 512),
        http1_settings=HTTP1Settings(
            header_read_timeout=int(env.env_float("WEB_HEADER_TIMEOUT", 5.0) * 1000)
        ),
        websockets=False,
    ).serve()


if __name__ == "__main__":
    main()
