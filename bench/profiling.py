"""Where an uncached article page's time goes: cProfile over first renders, in-process.

    .venv/bin/python -m bench.run --profile     # after the bench's own figures
    .venv/bin/python -m bench.profiling [--pages 300] [--top 25]   # alone (BENCH_ARTICLES)

Each request is the first render of a different article, sent through the same WSGI
application the server runs (page cache front and middleware included), so the profile
is the server's work for one uncached page without the socket. Django's own start-up and
the first pages' imports and template compilation are kept out by a warm-up.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bench import cpu_reference

WARM_UP = 20


@dataclass(frozen=True, slots=True)
class Profile:
    pages: int
    cpu_ms_per_page: float  # this process's CPU per page, unprofiled
    cpu_reference_ms: float  # bench.cpu_reference, in this process just before
    redis_round_trips_per_page: float  # 0 on the embedded setup
    statements: str  # pstats' table, the top items by own time then by cumulative time


def _get(application: Callable[..., Iterable[bytes]], path: str) -> int:
    status: list[str] = []
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        # WSGI's PATH_INFO: the URL's bytes, percent-decoded, as latin-1 (PEP 3333).
        "PATH_INFO": urllib.parse.unquote_to_bytes(path).decode("latin-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    body = application(environ, lambda line, headers, *args: status.append(line))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


@contextlib.contextmanager
def redis_round_trips() -> Iterator[list[int]]:
    """Requests this process sends to Redis meanwhile: a command, a pipeline or a script is
    one (what each costs in latency, whatever it does on the server)."""
    import redis.connection

    sent = [0]
    connection = redis.connection.AbstractConnection
    send = connection.send_packed_command

    def counted(self: redis.connection.AbstractConnection, *args: Any, **kwargs: Any) -> Any:
        sent[0] += 1
        return send(self, *args, **kwargs)

    connection.send_packed_command = counted  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        connection.send_packed_command = send  # type: ignore[method-assign]


def profile_pages(paths: list[str], *, top: int = 25) -> Profile:
    """Render each path once (Django set up already): CPU per page, then a profile of as many.

    `paths` must hold 2 × pages + WARM_UP pages never rendered before in this process.
    """
    from config.wsgi import application

    pages = (len(paths) - WARM_UP) // 2
    warm, timed, profiled = paths[:WARM_UP], paths[WARM_UP:][:pages], paths[WARM_UP + pages :]
    for path in warm:
        _get(application, path)
    reference_ms = cpu_reference.django_template_ms()
    with redis_round_trips() as sent:
        started = time.process_time()
        for path in timed:
            if (status := _get(application, path)) != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        cpu_ms = 1000 * (time.process_time() - started) / max(len(timed), 1)
    # CPU time, not wall time: the figure is the server's CPU, and waiting on Redis or the
    # database's disk is not the server's work.
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for path in profiled[:pages]:
        _get(application, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return Profile(
        pages=pages,
        cpu_ms_per_page=cpu_ms,
        cpu_reference_ms=reference_ms,
        redis_round_trips_per_page=sent[0] / max(len(timed), 1),
        statements=out.getvalue(),
    )


def main(argv: list[str] | None = None) -> None:
    from bench import database
    from bench.environment import archive_served

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="pages timed, then profiled")
    parser.add_argument("--top", type=int, default=25, help="rows of each table")
    args = parser.parse_args(argv)
    bench_db = database.bench_database()
    # As the bench's server runs: DEBUG off, the collected static files' manifest.
    archive_served(bench_db, verbose=False)
    from bench.archive import site_paths

    paths = site_paths().distinct[: 2 * args.pages + WARM_UP]
    print(report(profile_pages(paths, top=args.top)))


def report(found: Profile) -> str:
    return (
        f"Uncached article page, in-process: {found.cpu_ms_per_page:.2f} ms CPU "
        f"({found.cpu_ms_per_page / found.cpu_reference_ms:.4f} × the CPU reference, "
        f"{found.cpu_reference_ms:.1f} ms) and "
        f"{found.redis_round_trips_per_page:.1f} Redis round trips per page "
        f"({found.pages} pages, no profiler); then profiled:\n{found.statements}"
    )


if __name__ == "__main__":
    main()
