"""`make bench`: the public site's figures of DESIGN §10, measured against nginx in the same run.

    make bench                          # 100,000 articles (seeded once, then re-used)
    BENCH_ARTICLES=2000 make bench      # a quick run
    .venv/bin/python -m bench.run       # the same, once wrk and nginx are installed

Options (environment): BENCH_ARTICLES (100000), BENCH_DURATION (10s, per wrk run),
BENCH_CONNECTIONS (16), BENCH_WORKERS (2 with Redis: this machine has two cores; 1 without,
as `make serve` runs the embedded setup), BENCH_DATABASE_URL (PostgreSQL instead of
var/bench/*.sqlite3, see bench.database), BENCH_REDIS_URL (the shared cache; by default
redis://127.0.0.1:6379/9 when a local Redis answers, emptied first; set it to "" to measure
the embedded in-process cache).

What it does, stopping everything it started on the way out (errors and Ctrl-C included):
1. seeds the archive (bench.seed), collects static files into var/bench/static;
2. starts the production server as `make serve` does (granian, WSGI, DEBUG=false, workers)
   on a free loopback port, and nginx (config generated into var/bench/, `daemon off`)
   serving the app's own HTML of the sample article (ar/14027) as a static file;
3. counts the queries of an uncached article page in-process (django.test.Client);
4. checks the page cache answers X-Cache MISS then HIT for the same article;
5. sends 10,000 pages, half cached and half first renders, and reads the workers' RSS;
6. measures with wrk (--latency) from loopback: nginx's static copy (the reference), the
   cached article, home and keyword pages, and uncached article pages on one connection and
   on BENCH_CONNECTIONS, each request a different article of the archive (bench/pages.lua);
7. prints the table and writes var/bench/results.json and var/bench/results.md.

Figures are ratios and limits from DESIGN §10; absolute numbers drift with the machine's load
(the load average is recorded with the results). Timings are never unit tests: this script
only prints them.
"""

# Subprocesses here run fixed tools (wrk, nginx, granian) with argument lists, never a shell.
# ruff: noqa: S603, S607

from __future__ import annotations

import contextlib
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import database
from bench.seed import seed_database

ROOT = database.ROOT
BENCH_DIR = database.BENCH_DIR
STATIC_ROOT = BENCH_DIR / "static"
LUA_PAGES = Path(__file__).with_name("pages.lua")
BIN = Path(sys.executable).parent
MEMORY_PAGES = 10_000
SAMPLE = ("ar", 14027)
TARGETS = {
    "cached_ratio": 0.25,
    "cached_p99_ms": 20.0,
    "uncached_p50_ms": 15.0,
    "uncached_rps": 500.0,
    "queries": 10,
    "rss_mb": 150.0,
}


# --- Processes ---------------------------------------------------------------------------


class Processes:
    """Children in their own process groups, all stopped on exit (TERM, then KILL)."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.stopped: set[str] = set()

    def start(self, name: str, args: list[str], *, env: dict[str, str], log: Path) -> int:
        with log.open("wb") as output:
            process = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.started.append((name, process))
        return process.pid

    def check(self) -> None:
        for name, process in self.started:
            if name not in self.stopped and process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see var/bench/")

    def stop(self, name: str) -> None:
        self.stopped.add(name)
        for started_name, process in self.started:
            if started_name == name and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _name, process in reversed(self.started):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.started.clear()


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


_STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:4.0f} s] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> Response:
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        body = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)
    finally:
        if own:
            connection.close()


def wait_until_up(port: int, path: str, processes: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check()
        with contextlib.suppress(OSError, http.client.HTTPException):
            if fetch(port, path).status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered 200 on 127.0.0.1:{port}{path} in {timeout:.0f} s")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                # The command name is in parentheses and may hold spaces: split after it.
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def workers_rss_mb(server_pid: int) -> list[float]:
    return [round(rss_kb(pid) / 1024, 1) for pid in children(server_pid)]


# --- wrk -----------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # from bench/pages.lua
    output: str = ""


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _seconds(duration: str) -> float:
    """wrk's duration ("10s", "2m", "1h", or bare seconds) in seconds."""
    match = re.fullmatch(r"(\d+)([smh]?)", duration.strip())
    if match is None:
        raise SystemExit(f"BENCH_DURATION={duration!r} is not a wrk duration such as 10s or 1m")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def wrk_parse(output: str) -> WrkResult:
    def grab(pattern: str, default: str | None = None) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            if default is None:
                raise RuntimeError(f"unexpected wrk output:\n{output}")
            return default
        return match.group(1)

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    counts = {}
    if match := re.search(r"^KHABAR (.*)$", output, re.MULTILINE):
        counts = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    return WrkResult(
        requests_per_s=float(grab(r"^Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(grab(r"^\s+50%\s+(\S+)")),
        p99_ms=_ms(grab(r"^\s+99%\s+(\S+)")),
        requests=int(grab(r"^\s+(\d+) requests in")),
        non_2xx_3xx=int(grab(r"Non-2xx or 3xx responses: (\d+)", "0")),
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        counts=counts,
        output=output,
    )


def wrk(
    port: int,
    path: str,
    *,
    connections: int,
    duration: str,
    script_args: list[str] | None = None,
) -> WrkResult:
    threads = min(2, connections)
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script_args is not None:
        args += ["-s", str(LUA_PAGES)]
    args.append(f"http://127.0.0.1:{port}{path}")
    if script_args is not None:
        args += ["--", *script_args, str(threads)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=900)
    return wrk_parse(done.stdout)


# --- The site in-process -------------------------------------------------------------------


@dataclass
class Site:
    article_path: str
    home_path: str
    keyword_path: str
    keyword_articles: int
    distinct: list[str]  # one published article per line, shuffled, the sample left out


def site_paths() -> Site:
    from django.db.models import Count

    from khabar.articles.models import Article, Keyword
    from khabar.editions.models import Edition
    from khabar.web import urls_for

    editions = {edition.pk: edition for edition in Edition.objects.all()}
    sample_edition = next(e for e in editions.values() if e.code == SAMPLE[0])
    sample = Article.objects.get(edition=sample_edition, code=SAMPLE[1])
    keyword = (
        Keyword.objects.filter(edition=sample_edition)
        .annotate(uses=Count("articles"))
        .order_by("-uses", "pk")
        .first()
    )
    assert keyword is not None  # noqa: S101 - the seed always makes keywords
    distinct = [
        urls_for.article_url(article, editions[article.edition_id])
        for article in Article.objects.published()
        .exclude(pk=sample.pk)
        .only("edition_id", "code", "slug")
        .order_by("pk")
        .iterator(chunk_size=5000)
    ]
    # The same order every run; spread over editions and years.
    random.Random("khabar-bench").shuffle(distinct)  # noqa: S311
    return Site(
        article_path=urls_for.article_url(sample, sample_edition),
        home_path=urls_for.home_url(sample_edition),
        keyword_path=urls_for.keyword_url(keyword, sample_edition),
        keyword_articles=keyword.uses,
        distinct=distinct,
    )


def query_counts(paths: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Queries each page runs when rendered from scratch (this process's cache is empty)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counted = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counted[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "sql": [query["sql"] for query in captured.captured_queries],
        }
    return counted


# --- Servers -------------------------------------------------------------------------------

NGINX_CONF = """\
# Generated by bench/run.py for one benchmark run.
worker_processes 2;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/nginx-temp/body;
    proxy_temp_path {dir}/nginx-temp/proxy;
    fastcgi_temp_path {dir}/nginx-temp/fastcgi;
    uwsgi_temp_path {dir}/nginx-temp/uwsgi;
    scgi_temp_path {dir}/nginx-temp/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
    }}
}}
"""


def server_environ(bench_db: database.BenchDatabase) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(bench_db.environ())
    env.update({"DEBUG": "false", "STATIC_ROOT": str(STATIC_ROOT)})
    if redis := os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = redis
    return env


def start_app(
    processes: Processes,
    env: dict[str, str],
    workers: int,
    app: str = "config.wsgi:application",
    name: str = "granian",
) -> tuple[int, int]:
    port = free_port()
    if app == "config.wsgi:application":
        # As `make serve` runs it.
        command = [str(BIN / "python"), "-m", "config.serve"]
        env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_WORKERS": str(workers)}
    else:
        command = [
            str(BIN / "granian"),
            *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", str(workers), "--no-ws", app),
        ]
    pid = processes.start(
        name,
        command,
        env=env,
        log=BENCH_DIR / f"{name}.log",
    )
    wait_until_up(port, "/healthz", processes)
    return port, pid


def start_nginx(processes: Processes, html: bytes) -> int:
    (BENCH_DIR / "www").mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "nginx-temp").mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "www" / "article.html").write_bytes(html)
    port = free_port()
    conf = BENCH_DIR / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=BENCH_DIR, port=port))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    processes.start(
        "nginx",
        [nginx, "-p", str(BENCH_DIR), "-c", str(conf), "-e", str(BENCH_DIR / "nginx-error.log")],
        env=dict(os.environ),
        log=BENCH_DIR / "nginx.log",
    )
    wait_until_up(port, "/article.html", processes)
    return port


# --- The run -------------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    ratio: str = ""
    verdict: str = ""  # PASS, FAIL or "" for figures given for reference


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def split_distinct(paths: list[str], duration_s: float) -> dict[str, list[str]]:
    """Disjoint slices of the archive so that no run asks for a page another one rendered."""
    probe, rest = paths[:10], paths[10:]
    wanted = {
        "memory": MEMORY_PAGES // 2,
        "single": int(duration_s * 300),
    }
    if sum(wanted.values()) * 2 > len(rest):  # a small archive: share it out instead
        wanted = {"memory": len(rest) * 2 // 5, "single": len(rest) // 5}
    memory = rest[: wanted["memory"]]
    single = rest[wanted["memory"] : wanted["memory"] + wanted["single"]]
    many = rest[wanted["memory"] + wanted["single"] :]
    return {"probe": probe, "memory": memory, "single": single, "many": many}


def write_lines(name: str, lines: list[str]) -> str:
    path = BENCH_DIR / name
    path.write_text("\n".join(lines) + "\n")
    return str(path)


BENCH_REDIS_DEFAULT = "redis://127.0.0.1:6379/9"


def _default_to_local_redis() -> None:
    """Measure the production setup (a shared Redis cache) when a local Redis answers.

    The bench owns database 9 of that Redis and empties it first, so no page
    cached by an earlier run makes an "uncached" request a hit.
    """
    if "BENCH_REDIS_URL" in os.environ:
        return
    import redis

    client = redis.Redis.from_url(BENCH_REDIS_DEFAULT, socket_connect_timeout=0.5)
    try:
        client.flushdb()
    except redis.RedisError:
        say("No Redis at 127.0.0.1:6379: measuring the embedded setup (in-process cache).")
        return
    os.environ["BENCH_REDIS_URL"] = BENCH_REDIS_DEFAULT


def main() -> int:
    articles = int(os.environ.get("BENCH_ARTICLES") or database.DEFAULT_ARTICLES)
    duration = os.environ.get("BENCH_DURATION") or "10s"
    duration_s = _seconds(duration)
    connections = int(os.environ.get("BENCH_CONNECTIONS") or 16)
    _default_to_local_redis()
    # As deployed: one process on the embedded cache, two (this machine's cores) on Redis.
    shared = bool(os.environ.get("BENCH_REDIS_URL"))
    workers = int(os.environ.get("BENCH_WORKERS") or (2 if shared else 1))
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        say(f"Missing {' and '.join(missing)}: `make bench` installs them (apt-get).")
        return 2
    started = time.monotonic()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    bench_db = database.bench_database(articles)
    os.environ.update({"DEBUG": "false", "STATIC_ROOT": str(STATIC_ROOT)})
    os.environ.pop("REDIS_URL", None)
    if redis := os.environ.get("BENCH_REDIS_URL"):
        os.environ["REDIS_URL"] = redis
    seeded = seed_database(bench_db)  # sets up Django in this process, on the bench database

    env = server_environ(bench_db)
    say("Collecting static files…")
    subprocess.run(
        [str(BIN / "khabar"), "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    say("Listing the archive's pages…")
    site = site_paths()
    slices = split_distinct(site.distinct, duration_s)
    queries = query_counts(
        {"article": slices["many"][-1], "home": site.home_path, "keyword": site.keyword_path}
    )
    slices["many"] = slices["many"][:-1]

    results: dict[str, Any] = {
        "started_at": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "articles": seeded.articles,
        "keywords": seeded.keywords,
        "seed_seconds": round(seeded.seconds, 1),
        "seed_reused": seeded.reused,
        "database": bench_db.label,
        "cache": "Redis" if os.environ.get("BENCH_REDIS_URL") else "per-worker memory",
        "workers": workers,
        "duration": duration,
        "connections": connections,
        "load_average_before": os.getloadavg(),
        "paths": {
            "article": site.article_path,
            "home": site.home_path,
            "keyword": site.keyword_path,
            "keyword_articles": site.keyword_articles,
        },
        "queries": queries,
        "runs": {},
    }
    processes = Processes()
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        say(f"Starting granian ({workers} workers) and nginx…")
        app_port, app_pid = start_app(processes, env, workers)
        article = fetch(app_port, site.article_path)
        for path in (site.home_path, site.keyword_path):
            if (status := fetch(app_port, path).status) != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        if article.status != 200:
            raise RuntimeError(f"{site.article_path} answered {article.status}, not 200")
        nginx_port = start_nginx(processes, article.body)
        results["page_bytes"] = len(article.body)
        results["cache_probe"] = cache_probe(app_port, slices["probe"])
        say(f"  page cache: {results['cache_probe']['summary']}")

        say(f"Sending {MEMORY_PAGES:,} pages (half cached, half first renders)…")
        results["rss_mb_at_start"] = workers_rss_mb(app_pid)
        cached_paths = [site.article_path, site.home_path, site.keyword_path]
        # Two cached then two uncached, so that each of wrk's threads (every other line) mixes.
        mixed = _interleave(cached_paths, slices["memory"])
        results["runs"]["memory"] = send_pages(app_port, mixed[:MEMORY_PAGES], connections)
        results["rss_mb_after_10000"] = workers_rss_mb(app_pid)

        runs = results["runs"]
        say(f"nginx, static copy ({len(article.body):,} bytes), {connections} connections…")
        runs["nginx"] = asdict(
            wrk(nginx_port, "/article.html", connections=connections, duration=duration)
        )
        say(f"granian serving the page from memory without Django, {connections} connections…")
        ceiling_port, _pid = start_app(
            processes,
            {**env, "BENCH_CEILING_PAGE": str(BENCH_DIR / "www" / "article.html")},
            workers,
            app="bench.ceiling:application",
            name="granian-ceiling",
        )
        runs["ceiling"] = asdict(wrk(ceiling_port, "/", connections=connections, duration=duration))
        processes.stop("granian-ceiling")
        for name, path in (
            ("cached_article", site.article_path),
            ("cached_home", site.home_path),
            ("cached_keyword", site.keyword_path),
        ):
            say(f"Khabar {name.replace('_', ' ')} page, {connections} connections…")
            wrk(app_port, path, connections=connections, duration="2s")  # every worker warm
            cache = fetch(app_port, path).headers.get("x-cache", "(no X-Cache header)")
            result = asdict(wrk(app_port, path, connections=connections, duration=duration))
            result["x_cache_after_warming"] = cache
            runs[name] = result
        say("Khabar uncached article pages, 1 connection…")
        runs["uncached_1"] = asdict(
            wrk(
                app_port,
                "/",
                connections=1,
                duration=duration,
                script_args=[write_lines("paths-single.txt", slices["single"])],
            )
        )
        say(f"Khabar uncached article pages, {connections} connections…")
        runs["uncached_many"] = asdict(
            wrk(
                app_port,
                "/",
                connections=connections,
                duration=duration,
                script_args=[write_lines("paths-many.txt", slices["many"])],
            )
        )
        results["rss_mb_at_end"] = workers_rss_mb(app_pid)
        processes.check()
    finally:
        processes.stop_all()
        signal.signal(signal.SIGTERM, previous)
    results["load_average_after"] = os.getloadavg()
    results["seconds"] = round(time.monotonic() - started, 1)
    rows = table(results)
    results["table"] = [asdict(row) for row in rows]
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    markdown = render_markdown(results, rows)
    (BENCH_DIR / "results.md").write_text(markdown)
    print()
    print(markdown)
    return 0


def _interleave(cached: list[str], distinct: list[str]) -> list[str]:
    """MEMORY_PAGES paths, two cached then two distinct (from the start again if it runs out)."""
    lines: list[str] = []
    index = 0
    while len(lines) < MEMORY_PAGES:
        pair = [distinct[(index + n) % len(distinct)] for n in range(2)]
        lines += [cached[index % 3], cached[(index + 1) % 3], *pair]
        index += 2
    return lines[:MEMORY_PAGES]


def send_pages(port: int, paths: list[str], connections: int) -> dict[str, Any]:
    """GET each path once over `connections` keep-alive connections; what came back.

    Not a timing (wrk's runs are): wrk cannot stop after a number of requests.
    """
    queue = iter(paths)
    lock = threading.Lock()
    counts = {"responses": 0, "non200": 0, "hits": 0, "misses": 0, "wrapped": 0}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                response = fetch(port, path, connection)
                cache = response.headers.get("x-cache")
                with lock:
                    counts["responses"] += 1
                    counts["non200"] += response.status != 200
                    counts["hits"] += cache == "HIT"
                    counts["misses"] += cache == "MISS"
        finally:
            connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return {
        "requests_per_s": round(counts["responses"] / seconds, 1),
        "requests": counts["responses"],
        "non_2xx_3xx": 0,
        "socket_errors": 0,
        "counts": counts,
    }


def cache_probe(port: int, paths: list[str]) -> dict[str, Any]:
    """Each path twice on one connection (so one worker): MISS, then HIT, if the cache works."""
    first: list[str] = []
    second: list[str] = []
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            first.append(fetch(port, path, connection).headers.get("x-cache", "-"))
            second.append(fetch(port, path, connection).headers.get("x-cache", "-"))
        finally:
            connection.close()
    if set(first) == {"-"}:
        summary = "no X-Cache header: the page cache is not in place, every request renders"
    else:
        summary = (
            f"first requests {first.count('MISS')}/{len(paths)} MISS, "
            f"second {second.count('HIT')}/{len(paths)} HIT"
        )
    return {"first": first, "second": second, "summary": summary, "active": "HIT" in second}


def table(results: dict[str, Any]) -> list[Row]:
    runs = results["runs"]
    nginx = runs["nginx"]["requests_per_s"]
    cached = runs["cached_article"]
    active = results["cache_probe"]["active"]
    rows = [
        Row("nginx, static article: req/s", f"{nginx:,.0f}", "reference"),
        Row(
            "granian, same page from memory, no Django: req/s (ceiling)",
            f"{runs['ceiling']['requests_per_s']:,.0f}",
            "",
            f"{runs['ceiling']['requests_per_s'] / nginx:.3f}",
        ),
        Row(
            "Khabar cached article: req/s",
            f"{cached['requests_per_s']:,.0f}",
            f"≥ {TARGETS['cached_ratio']} × nginx",
            f"{cached['requests_per_s'] / nginx:.3f}",
            verdict(cached["requests_per_s"] / nginx >= TARGETS["cached_ratio"]),
        ),
        Row("Khabar cached article: p50", f"{cached['p50_ms']:.2f} ms"),
        Row(
            "Khabar cached article: p99",
            f"{cached['p99_ms']:.2f} ms",
            f"< {TARGETS['cached_p99_ms']:.0f} ms",
            f"{cached['p99_ms'] / TARGETS['cached_p99_ms']:.2f}",
            verdict(cached["p99_ms"] < TARGETS["cached_p99_ms"]),
        ),
    ]
    for name, label in (("cached_home", "home"), ("cached_keyword", "keyword page")):
        run = runs[name]
        rows.append(
            Row(
                f"Khabar cached {label}: req/s, p50 / p99",
                f"{run['requests_per_s']:,.0f}, {run['p50_ms']:.2f} / {run['p99_ms']:.2f} ms",
                "",
                f"{run['requests_per_s'] / nginx:.3f}",
            )
        )
    single, many = runs["uncached_1"], runs["uncached_many"]
    rows += [
        Row(
            "Khabar uncached article, 1 connection: p50",
            f"{single['p50_ms']:.2f} ms",
            f"< {TARGETS['uncached_p50_ms']:.0f} ms",
            f"{single['p50_ms'] / TARGETS['uncached_p50_ms']:.2f}",
            verdict(single["p50_ms"] < TARGETS["uncached_p50_ms"]),
        ),
        Row(
            f"Khabar uncached article, {results['connections']} connections: req/s",
            f"{many['requests_per_s']:,.0f}",
            f"≥ {TARGETS['uncached_rps']:.0f}",
            f"{many['requests_per_s'] / TARGETS['uncached_rps']:.2f}",
            verdict(many["requests_per_s"] >= TARGETS["uncached_rps"]),
        ),
        Row(
            f"Khabar uncached article, {results['connections']} connections: p50 / p99",
            f"{many['p50_ms']:.2f} / {many['p99_ms']:.2f} ms",
        ),
    ]
    article_queries = results["queries"]["article"]["queries"]
    rows.append(
        Row(
            f"Queries, uncached article ({results['articles']:,} articles)",
            str(article_queries),
            f"≤ {TARGETS['queries']}",
            f"{article_queries / TARGETS['queries']:.2f}",
            verdict(
                article_queries <= TARGETS["queries"]
                and results["queries"]["article"]["status"] == 200
            ),
        )
    )
    rows.append(
        Row(
            "Queries, uncached home / keyword page",
            f"{results['queries']['home']['queries']} / {results['queries']['keyword']['queries']}",
        )
    )
    rss = results["rss_mb_after_10000"] or [0.0]
    rows.append(
        Row(
            f"Worker RSS after {MEMORY_PAGES:,} pages: max (sum)",
            f"{max(rss):.0f} MB ({sum(rss):.0f} MB)",
            f"< {TARGETS['rss_mb']:.0f} MB per worker",
            f"{max(rss) / TARGETS['rss_mb']:.2f}",
            verdict(max(rss) < TARGETS["rss_mb"]),
        )
    )
    end = results.get("rss_mb_at_end") or [0.0]
    rows.append(Row("Worker RSS at the end of the run: max", f"{max(end):.0f} MB"))
    problems = run_problems(results)
    for row in rows:
        if row.verdict and problems:
            row.verdict += "*"
    if not active:
        rows[2].value += " (uncached!)"
    return rows


def run_problems(results: dict[str, Any]) -> list[str]:
    """What makes figures doubtful: errors, non-200 answers, uncached runs that hit a cache."""
    problems = []
    for name, run in results["runs"].items():
        bad = run["non_2xx_3xx"] + run["socket_errors"] + run["counts"].get("non200", 0)
        if bad:
            problems.append(f"{name}: {bad} failed or non-200 responses of {run['requests']:,}")
        if name.startswith("uncached") and run["counts"].get("wrapped"):
            problems.append(
                f"{name}: the archive ran out, {run['counts'].get('hits', 0):,} responses came "
                "from the cache (seed more articles)"
            )
    return problems


def render_markdown(results: dict[str, Any], rows: list[Row]) -> str:
    lines = [
        f"# Khabar bench, {results['started_at']}",
        "",
        f"{results['articles']:,} articles, {results['keywords']:,} keywords on "
        f"{results['database']}; cache: {results['cache']}; granian {results['workers']} "
        f"workers; wrk {results['duration']} per run, {results['connections']} connections; "
        f"article page {results['page_bytes']:,} bytes; commit {results['git_commit']}; "
        "load average before/after "
        f"{'/'.join(f'{x:.1f}' for x in results['load_average_before'])} → "
        f"{'/'.join(f'{x:.1f}' for x in results['load_average_after'])}; "
        f"{results['seconds']:.0f} s in all.",
        "",
        f"Page cache: {results['cache_probe']['summary']}.",
        "",
        "| figure | value | reference / target | ratio | |",
        "|---|---|---|---|---|",
        *(f"| {r.figure} | {r.value} | {r.target} | {r.ratio} | {r.verdict} |" for r in rows),
    ]
    runs = results["runs"]
    counts = [
        f"{name}: {run['counts']['misses']:,} MISS, {run['counts']['hits']:,} HIT of "
        f"{run['counts']['responses']:,}"
        for name, run in runs.items()
        if run["counts"]
    ]
    if counts:
        lines += ["", "X-Cache in the scripted runs: " + "; ".join(counts) + "."]
    problems = run_problems(results)
    if problems:
        lines += ["", "\\* Doubtful figures:", *(f"- {p}" for p in problems)]
    return "\n".join(lines) + "\n"


def _git_commit() -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()
    return "unknown"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted; every process the bench started is stopped.", file=sys.stderr)
        sys.exit(130)
