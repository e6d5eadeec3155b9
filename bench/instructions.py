"""Instructions per uncached article page, counted by callgrind: the figure a noisy machine
cannot move (`make bench-instructions`).

    .venv/bin/python -m bench.instructions [--pages 50]

CPU time per request is the issue's figure, and the one that matters, but on the shared
machines here the same code read 3.3 and 4.6 ms twenty minutes apart. Valgrind's callgrind
counts the instructions the process executes instead, the same on every run of the same
code and inputs, whatever the neighbours do: what a change to the page saves, measured to
a tenth of a percent. It counts user-space instructions only (not the kernel's, nor how
fast each one runs), so it stands beside the CPU figure, not for it. One known skew: under
valgrind OpenSSL finds no SHA instructions on the processor, so the page's ETag (SHA-256 of
20 KB, 15 µs in hardware) counts about half a million instructions here.

Each count runs in a child process under callgrind with instrumentation off until the
moment measured (`callgrind_control -i on`). The pages are the first renders of `--pages`
articles, in-process through the WSGI application the server runs (page cache and
middleware included, on the bench's Redis database when one answers), after 20 others warm
the process; the reference is one render of pyperformance's django_template workload
(bench.cpu_reference), counted the same way, and the page is printed as a multiple of it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from bench.processes import say

# Its own Redis database (bench.run has 9, bench.api 10, the edit storm 12), emptied first.
BENCH_REDIS_DEFAULT = "redis://127.0.0.1:6379/11"
WARM_UP = 20
OFFSET = 1000  # the archive's pages from here on: never the sample's, the same each run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50, help="uncached pages counted")
    parser.add_argument("--child", choices=("pages", "reference"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        _child(options.child, options.pages)
        return 0
    if shutil.which("valgrind") is None:
        say("valgrind is missing: `make bench-tools` installs it (apt-get).")
        return 1
    from bench import database
    from bench.environment import archive_served, redis_default

    redis_default(BENCH_REDIS_DEFAULT)
    archive_served(database.bench_database(), verbose=True)  # seeded here, not under valgrind
    say(f"Counting {options.pages} uncached article pages under callgrind…")
    pages = _count("pages", options.pages)
    say("Counting the CPU reference (one django_template render) under callgrind…")
    reference = _count("reference", options.pages)
    per_page = pages / options.pages
    cache = "Redis" if os.environ.get("BENCH_REDIS_URL") else "the embedded cache"
    print(
        f"Uncached article page ({cache}): {per_page / 1e6:.2f} M instructions a page "
        f"({options.pages} pages); CPU reference {reference / 1e6:.1f} M; "
        f"page ÷ reference {per_page / reference:.4f}"
    )
    return 0


def _count(what: str, pages: int) -> int:
    """The instructions callgrind counted in a child measuring `what`."""
    if os.environ.get("BENCH_REDIS_URL"):
        # The same pages each run must be first renders: nothing of an earlier run cached.
        import redis

        redis.Redis.from_url(os.environ["BENCH_REDIS_URL"]).flushdb()
    done = subprocess.run(  # noqa: S603
        [
            shutil.which("valgrind") or "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "bench.instructions",
            "--child",
            what,
            "--pages",
            str(pages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind's run of {what} failed:\n{done.stderr[-3000:]}")
    return int(found.group(1))


def _child(what: str, pages: int) -> None:
    """Under callgrind: set up, then instrument only what is measured."""
    from bench import cpu_reference, database
    from bench.environment import archive_served

    archive_served(database.bench_database(), verbose=False)
    if what == "reference":
        from django.template import Context, Engine

        template = Engine().from_string(cpu_reference.TEMPLATE)
        context = Context({"table": [range(cpu_reference.ROWS)] * cpu_reference.ROWS})
        template.render(context)  # compiled and warm, as the timed reference is
        _instrumented(lambda: template.render(context))
        return
    from bench.archive import site_paths
    from bench.profiling import _get
    from config.wsgi import application

    paths = site_paths().distinct[OFFSET : OFFSET + WARM_UP + pages]
    for path in paths[:WARM_UP]:
        _get(application, path)

    def render() -> None:
        for path in paths[WARM_UP:]:
            if (status := _get(application, path)) != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")

    _instrumented(render)


def _instrumented(work: Callable[[], object]) -> None:
    control = [shutil.which("callgrind_control") or "callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)  # noqa: S603
    work()
    subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
