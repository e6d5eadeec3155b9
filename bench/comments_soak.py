"""`make soak-comments`: no acknowledged comment is lost or stored twice, even when the
server dies mid-flight (DESIGN §10, issue 8).

Starts the production server as `make serve` does (granian via config.serve, one process,
on a free loopback port), takes the comment form of 20 article pages, then posts 1,000
comments from 32 client threads, each with a marker of its own in the text, exactly as a
browser sends the form: `Sec-Fetch-Site: same-origin`, the page's signed token (issued over
3 s before the first post, so the fill-time rule passes as for a reader), the honeypot
empty. Once half are acknowledged, the server's whole process group (granian's master and
its workers) gets SIGKILL and is started again on the same port. A post that met a
connection error is sent again, byte for byte: the server recognises the same comment and
answers it without storing it twice.

Then every marker is looked up in the database: each acknowledged post (the 303 to "received")
must be stored exactly once. Prints the counts and exits non-zero on any comment lost,
duplicated or never acknowledged.

All posts come from 127.0.0.1, one client to the rate limits, so the server runs with
COMMENTS_RATE_PER_MINUTE and COMMENTS_RATE_PER_HOUR raised for the run (every other rule
stays on). The server is not told to trust X-Forwarded-For: that would need
BEHIND_HTTPS_PROXY, which also turns on the HTTPS redirect.

On SQLite (var/bench/comments.sqlite3), then on the PostgreSQL database that
COMMENTS_BENCH_DATABASE_URL names (postgres://postgres@127.0.0.1:5432/khabar_comments by
default; it is dropped and seeded again when it does not hold the small archive), skipped
with a message when no PostgreSQL answers. SOAK_POSTS=1000 SOAK_CLIENTS=32 by default.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench import database
from bench.comments_client import (
    RATE_ENV,
    TOKEN_AGE_SECONDS,
    Server,
    forms_of,
    per_database,
    post_all,
    posts_for,
    prepare,
    stored_markers,
)
from bench.report import verdict

# --- The soak -----------------------------------------------------------------------------


@dataclass
class SoakResult:
    posts: int
    acknowledged: int
    refused: dict[int, int]
    unanswered: int
    stored: int  # distinct markers found
    duplicates: int  # rows beyond the first for a marker
    lost: int  # acknowledged, not found
    retries: int
    kills: int
    seconds: float

    @property
    def ok(self) -> bool:
        return (
            self.kills == 1
            and not self.lost
            and not self.duplicates
            and not self.unanswered
            and not self.refused
            and self.acknowledged == self.posts
        )

    def line(self) -> str:
        refused = ", ".join(f"{n} answered {status}" for status, n in self.refused.items())
        return (
            f"{self.posts} posted, {self.acknowledged} acknowledged, {self.stored} stored, "
            f"{self.duplicates} duplicated, {self.lost} lost, {self.unanswered} unanswered"
            f"{', ' + refused if refused else ''}; {self.retries} retries after "
            f"{self.kills} kill -9 of the server; {self.seconds:.1f} s"
        )


def soak(
    *, env: dict[str, str], paths: list[str], posts: int, clients: int, log: Path
) -> SoakResult:
    """Post `posts` comments on the article pages `paths`, killing the server once half
    are acknowledged; count them in the database this process uses."""
    server = Server({**env, **RATE_ENV}, log)
    run = uuid.uuid4().hex[:10]
    killed = threading.Event()

    def kill_and_restart() -> None:
        server.kill()
        killed.set()
        server.start()

    restarter = threading.Thread(target=kill_and_restart, daemon=True)

    def at_half(done: int) -> None:
        if done == posts // 2:  # each count is reached once: markers are acknowledged once
            restarter.start()

    try:
        server.start()
        forms = forms_of(server.port, paths)
        time.sleep(TOKEN_AGE_SECONDS)  # as a reader takes a while to write
        sent = posts_for(forms, posts, run)
        started = time.monotonic()
        tally = post_all(
            server.port,
            sent,
            clients=clients,
            deadline=started + 60 + posts / 10,
            on_acknowledged=at_half,
        )
        if restarter.ident is not None:
            restarter.join(timeout=90)
        seconds = time.monotonic() - started
    finally:
        server.stop()
    counts = stored_markers(run)
    wanted = {post.marker for post in sent}
    return SoakResult(
        posts=posts,
        acknowledged=len(tally.acknowledged),
        refused=tally.refused,
        unanswered=len(tally.unanswered),
        stored=len(set(counts) & wanted),
        duplicates=sum(count - 1 for count in counts.values()),
        lost=len(tally.acknowledged - set(counts)),
        retries=tally.retries,
        kills=1 if killed.is_set() else 0,
        seconds=seconds,
    )


def run_one(label: str) -> int:
    posts = int(os.environ.get("SOAK_POSTS") or 1000)
    clients = int(os.environ.get("SOAK_CLIENTS") or 32)
    env, paths = prepare(label)
    result = soak(
        env=env,
        paths=paths,
        posts=posts,
        clients=clients,
        log=database.BENCH_DIR / f"comments-soak-{label}.log",
    )
    print(f"{label}: {result.line()}")
    print(f"{label}: {verdict(result.ok)}", flush=True)
    return 0 if result.ok else 1


def main(argv: list[str]) -> int:
    return per_database("bench.comments_soak", argv, run_one)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
