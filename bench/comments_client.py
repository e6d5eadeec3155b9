"""What the comment soak and bench share: the production server in a process group of its
own, the article pages' forms, posting them as a browser does, counting what was stored,
and the small archive on SQLite then PostgreSQL, each in a process of its own.

A post is acknowledged when the server answers it with the 303 to the article's
"received" page (khabar.web.comment_views): it sends that only once the comment is
committed. The client then follows the redirect, as a browser does (the page cache
answers it); whether that GET succeeds changes nothing about the acknowledgement.
"""

# Subprocesses here run our own interpreter with argument lists, never a shell.

from __future__ import annotations

import contextlib
import http.client
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

from bench import database
from bench.children import child_run, engines
from bench.environment import archive_served
from bench.processes import concurrently, fetch, free_port, group_members, server_environ

ROOT = database.ROOT
ARTICLES = 200  # the small archive; only the newest pages get comments
PAGES = 20
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/khabar_comments"
# Every post comes from one address: the per-client limits are raised for the run.
RATE_ENV = {"COMMENTS_RATE_PER_MINUTE": "1000000", "COMMENTS_RATE_PER_HOUR": "1000000"}
# The form's fill-time rule (khabar.comments.limits.FILL_SECONDS_MIN is 3), with a margin.
TOKEN_AGE_SECONDS = 3.5
_TOKEN = re.compile(
    rb'<form class="comment-form" method="post" action="([^"]+)">\s*'
    rb'<input type="hidden" name="form" value="([^"]+)">'
)
RECEIVED_SUFFIX = "/comment/received"


# --- The server ---------------------------------------------------------------------------


class Server:
    """The production server (`python -m config.serve`) on a fixed loopback port, in a
    process group of its own so that one signal reaches the master and every worker."""

    def __init__(self, env: dict[str, str], log: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "DEBUG": "false"}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "config.serve"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}: {self.log}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if fetch(self.port, "/healthz").status == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer in {timeout:.0f} s: {self.log}")

    def kill(self) -> None:
        """SIGKILL to the master and its workers at once: nothing gets to finish or clean up."""
        assert self.process is not None  # noqa: S101 - started before killed
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        # A worker left alive could keep serving the port (granian binds it shared): the
        # restart would then prove nothing. Wait for the kernel to reap the whole group.
        deadline = time.monotonic() + 10
        while group_members(self.process.pid):
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes of group {self.process.pid} outlived SIGKILL")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# --- The posts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """An article page's comment form, as every reader of the cached page gets it."""

    action: str
    token: str


def forms_of(port: int, paths: list[str]) -> list[Form]:
    found = []
    for path in paths:
        page = fetch(port, path)
        match = _TOKEN.search(page.body)
        if page.status != 200 or match is None:
            raise RuntimeError(f"no comment form on {path} ({page.status})")
        found.append(Form(unescape(match[1].decode()), unescape(match[2].decode())))
    return found


@dataclass(frozen=True)
class Post:
    marker: str
    action: str
    body: bytes  # the urlencoded form: sent again byte for byte after a connection error


HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Sec-Fetch-Site": "same-origin",  # what a browser sends with the article page's form
}


def posts_for(forms: list[Form], count: int, run: str) -> list[Post]:
    """`count` comments spread over the forms, each with a marker no other post has."""
    posts = []
    for number in range(count):
        form = forms[number % len(forms)]
        marker = f"soak{run}n{number:05d}"
        text = f"تعليق القارئ رقم {number} على هذا الخبر، مع الشكر. {marker}"
        fields = {"form": form.token, "website": "", "name": f"قارئ {number}", "body": text}
        posts.append(Post(marker, form.action, urlencode(fields).encode()))
    return posts


@dataclass
class Tally:
    acknowledged: set[str] = field(default_factory=set)
    refused: dict[int, int] = field(default_factory=dict)  # status → posts answered so
    unanswered: set[str] = field(default_factory=set)
    unreceived: int = 0  # acknowledged, but the "received" page did not answer 200
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def acknowledges(answer: http.client.HTTPResponse) -> bool:
    location = answer.getheader("Location") or ""
    return answer.status == 303 and location.endswith(RECEIVED_SUFFIX)


def _follow(
    connection: http.client.HTTPConnection, answer: http.client.HTTPResponse, tally: Tally
) -> None:
    """GET the "received" page as a browser does (a closed connection opens again)."""
    try:
        page = fetch(connection.port, answer.getheader("Location") or "", connection)
    except (OSError, http.client.HTTPException):
        connection.close()  # the server died after acknowledging: the comment is kept
        page = None
    if page is None or page.status != 200:
        with tally.lock:
            tally.unreceived += 1


def post_all(
    port: int,
    posts: list[Post],
    *,
    clients: int,
    deadline: float,
    until: float | None = None,
    on_acknowledged: Callable[[int], None] | None = None,
) -> Tally:
    """Send every post (those left at `until`, time.monotonic(), are not sent) from
    `clients` threads, each on a keep-alive connection.

    A connection error (the server killed, or not yet back) is not an answer: the same
    bytes are sent again on a new connection until the server answers or `deadline`
    (time.monotonic()) passes. Any HTTP answer is final, as it is for a browser; the
    acknowledgement (see `acknowledges`) is followed to the "received" page.
    """
    work: queue.SimpleQueue[Post] = queue.SimpleQueue()
    for post in posts:
        work.put(post)
    tally = Tally()

    def client(_number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while until is None or time.monotonic() < until:
            try:
                post = work.get_nowait()
            except queue.Empty:
                break
            while True:
                try:
                    connection.request("POST", post.action, post.body, HEADERS)
                    answer = connection.getresponse()
                    answer.read()
                    break
                except (OSError, http.client.HTTPException):
                    connection.close()
                    if time.monotonic() > deadline:
                        answer = None
                        break
                    with tally.lock:
                        tally.retries += 1
                    time.sleep(0.1)
            acknowledged = answer is not None and acknowledges(answer)
            with tally.lock:
                if answer is None:
                    tally.unanswered.add(post.marker)
                elif acknowledged:
                    tally.acknowledged.add(post.marker)
                    done = len(tally.acknowledged)
                else:
                    tally.refused[answer.status] = tally.refused.get(answer.status, 0) + 1
            if answer is None or not acknowledged:
                continue
            if on_acknowledged is not None:
                on_acknowledged(done)
            _follow(connection, answer, tally)
        connection.close()

    concurrently(client, clients)
    return tally


def stored_markers(run: str) -> dict[str, int]:
    """How many times each of the run's markers is in the database (Django set up on it)."""
    from khabar.comments.models import Comment

    pattern = re.compile(rf"soak{run}n\d{{5}}")
    counts: dict[str, int] = {}
    for body in Comment.objects.filter(body__contains=f"soak{run}n").values_list("body", flat=True):
        for marker in pattern.findall(body):
            counts[marker] = counts.get(marker, 0) + 1
    return counts


# --- Databases ----------------------------------------------------------------------------


def comments_database(label: str) -> database.BenchDatabase:
    """The small archive the comment soak and bench use: SQLite, or PostgreSQL."""
    if label == "postgresql":
        url = os.environ.get("COMMENTS_BENCH_DATABASE_URL") or DEFAULT_PG_URL
        return database.BenchDatabase(articles=ARTICLES, url=url)
    return database.BenchDatabase(articles=ARTICLES, path=database.BENCH_DIR / "comments.sqlite3")


def prepare(label: str) -> tuple[dict[str, str], list[str]]:
    """Seed `label`'s database when needed; Django is then set up on it. Returns the
    server's environment and the paths of the newest article pages."""
    bench_db = comments_database(label)
    archive_served(bench_db)
    from khabar.articles.models import Article
    from khabar.web import urls_for

    newest = (
        Article.objects.published()
        .filter(comments_open=True)
        .select_related("edition")
        .order_by("-published_at")[:PAGES]
    )
    paths = [urls_for.article_url(article, article.edition) for article in newest]
    env = server_environ(bench_db)
    env["KHABAR_VAR_DIR"] = str(database.BENCH_DIR / f"comments-var-{label}")
    return env, paths


def per_database(module: str, argv: list[str], run_one: Callable[[str], int]) -> int:
    """`run_one` on SQLite, then on PostgreSQL when one answers; each in a process of its
    own (`python -m module LABEL`), since Django is set up once per process."""
    if argv:
        return run_one(argv[0])
    database.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = comments_database("postgresql").url
    labels, skipped = engines(url, "COMMENTS_BENCH_DATABASE_URL")
    if skipped:
        print(skipped, flush=True)
    failed = 0
    for label in labels:
        failed |= child_run(module, label)[0]
    return 1 if failed else 0
