"""Counting page views without a database write per view.

`record()` appends the article to the day's in-process buffer (a deque: a fifth of a
microsecond, no lock). A daemon thread, started on the first view a process records,
writes the counter every PAGEVIEWS_FLUSH_SECONDS in one transaction of
upserts, and once more when the process exits. Counts a failed flush could not
write go back into the buffer for the next one. After a fork the child starts
with an empty buffer and its own thread, so no view is written twice.

PAGEVIEWS_FLUSH_SECONDS = 0 starts no thread: views are written only by
`flush()` (the tests, `khabar pageviews_flush`, process exit).
"""

from __future__ import annotations

import atexit
import datetime
import logging
import multiprocessing.util
import os
import threading
import time
from collections import Counter, deque

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction

from khabar.articles.models import Article
from khabar.core.fields import concrete_field
from khabar.pageviews.models import ArticleViewDay

logger = logging.getLogger(__name__)

# Rows per INSERT statement: well below SQLite's and PostgreSQL's parameter limits.
CHUNK = 300

# The flush, `pending`, `discard` and a new day's buffer against each other; never taken
# by `record`.
_lock = threading.Lock()
# Each UTC day's views not yet written, as article ids: appended by any thread without a
# lock (deque.append is atomic) and taken from the other end by the flush (popleft, atomic
# too), so none is lost or counted twice. A cache hit records one: adding to a Counter
# under a lock took four times as long, on the path every reader waits on.
_views: dict[datetime.date, deque[int]] = {}
# Counts a failed flush could not write, by (article id, UTC day): added to the next one.
_unwritten: Counter[tuple[int, datetime.date]] = Counter()
_flusher_pid: int | None = None
_stop = threading.Event()
# Today (UTC): when it starts and ends (time.time()), its views and its date. Worked out
# once a day, not on every view.
_Today = tuple[float, float, deque[int], datetime.date]


def _day_unknown() -> _Today:
    """No day yet: the next view works today out."""
    return (0.0, 0.0, deque(), datetime.date.min)


_today: _Today = _day_unknown()


def record(article_id: int) -> None:
    """Count one view of the article today (UTC). Cheap; nothing is written yet."""
    starts, ends, views, _day = _today
    if not starts <= time.time() < ends:
        views = _today_update()
    views.append(article_id)
    if _flusher_pid is None:  # a child after fork too (_after_fork_in_child)
        _flusher_start()


def _today_update() -> deque[int]:
    global _today
    now = time.time()
    starts = now - now % 86400
    day = datetime.datetime.fromtimestamp(starts, datetime.UTC).date()
    with _lock:
        views = _views.setdefault(day, deque())
        _today = (starts, starts + 86400, views, day)
    return views


def pending() -> dict[tuple[int, datetime.date], int]:
    """The counts waiting for the next flush, by (article id, UTC day)."""
    with _lock:
        counts = Counter(_unwritten)
        for day, views in _views.items():
            # A copy first: iterating a deque that another thread appends to fails.
            for article_id, count in Counter(views.copy()).items():
                counts[(article_id, day)] += count
    return dict(counts)


def discard() -> None:
    """Forget the counts not yet written (tests start from an empty buffer)."""
    global _today
    with _lock:
        _unwritten.clear()
        _views.clear()
        _today = _day_unknown()


def flush() -> int:
    """Write the buffered counts in one transaction; return how many views were written."""
    with _lock:
        batch = _taken()
    if not batch:
        return 0
    try:
        return _write(batch)
    except BaseException:
        with _lock:
            _unwritten.update(batch)
        raise


def _taken() -> Counter[tuple[int, datetime.date]]:
    """Every view recorded so far, taken off the buffer (with `_lock` held)."""
    batch = Counter(_unwritten)
    _unwritten.clear()
    today = _today[3]
    yesterday = today - datetime.timedelta(days=1) if today > datetime.date.min else today
    for day, views in list(_views.items()):
        # As many as are there now; those appended meanwhile wait for the next flush.
        counted = Counter(views.popleft() for _ in range(len(views)))
        batch.update({(article_id, day): count for article_id, count in counted.items()})
        if day < yesterday and not views:
            # Kept a day past its own: a view recorded in its last instant still lands.
            del _views[day]
    return batch


def _write(batch: Counter[tuple[int, datetime.date]]) -> int:
    table = connection.ops.quote_name(ArticleViewDay._meta.db_table)
    article_col, day_col, count_col = (
        connection.ops.quote_name(concrete_field(ArticleViewDay, name).column)
        for name in ("article", "day", "count")
    )
    written = 0
    with transaction.atomic():
        # Views of an article deleted since would break the foreign key: leave them out.
        known: set[int] = set()
        ids = sorted({article_id for article_id, _day in batch})
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            known.update(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        rows = [
            (article_id, connection.ops.adapt_datefield_value(day), count)
            for (article_id, day), count in sorted(batch.items())
            if article_id in known
        ]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), CHUNK):
                chunk_rows = rows[start : start + CHUNK]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk_rows))
                # Identifiers come from the model's meta, values are parameters. Both
                # SQLite (3.24+) and PostgreSQL add to an existing row in one statement.
                cursor.execute(
                    f"INSERT INTO {table} ({article_col}, {day_col}, {count_col}) "  # noqa: S608
                    f"VALUES {values} ON CONFLICT ({article_col}, {day_col}) "
                    f"DO UPDATE SET {count_col} = {table}.{count_col} + excluded.{count_col}",
                    [value for row in chunk_rows for value in row],
                )
                written += sum(row[2] for row in chunk_rows)
    return written


def _flusher_start() -> None:
    global _flusher_pid
    with _lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
    interval = settings.PAGEVIEWS_FLUSH_SECONDS
    if interval > 0:
        threading.Thread(
            target=_flush_forever, args=(interval,), name="pageviews-flush", daemon=True
        ).start()
    atexit.register(_flush_at_exit)
    # Worker processes started by multiprocessing (granian's, gunicorn's are forks)
    # leave through os._exit, which skips atexit but runs these finalizers.
    multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=10)


def _flush_forever(interval: float) -> None:
    while not _stop.wait(interval):
        _flush_logged()


def _flush_logged() -> None:
    close_old_connections()
    try:
        flush()
    except DatabaseError:
        logger.exception("Could not write page views; keeping them for the next flush.")
    finally:
        close_old_connections()


def _flush_at_exit() -> None:
    _stop.set()
    _flush_logged()


def _after_fork_in_child() -> None:
    global _lock, _views, _today, _flusher_pid, _stop
    # The parent writes what it counted; the child's copy of the buffer must go.
    _lock = threading.Lock()
    _views = {}
    _unwritten.clear()
    _today = _day_unknown()
    _flusher_pid = None
    _stop = threading.Event()


os.register_at_fork(after_in_child=_after_fork_in_child)
