"""Invalidations shared by the processes of one machine when each keeps its own page cache.

On the embedded setup (no Redis) every process caches pages in its own memory, so an
invalidation made by another process — `khabar import` run from a shell while the server
serves — would not reach the server until the pages expired. Every invalidation is therefore
also appended to a journal file under var/ that all of the setup's processes share (the
embedded setup is one machine by definition: SQLite and local media). Before answering from
its cache a process reads what the others appended since it last looked, at most once per
PAGECACHE_NEAR_SECONDS (an `os.stat` when nothing changed), and applies it to its own cache.

Each line is one `write` to a file opened with O_APPEND, so lines from concurrent writers do
not interleave. Past JOURNAL_MAX_BYTES the writer starts a new file; a reader that finds a new
file cannot know what it missed in the old one's tail, so it drops all its pages instead.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

JOURNAL_MAX_BYTES = 1 << 20


@dataclass
class Journal:
    path: Path
    interval: float
    # Who writes this process's lines; its own lines are skipped when reading.
    writer: str = field(default_factory=lambda: str(os.getpid()))
    _inode: int | None = None
    _offset: int = 0
    _checked: float = field(default=-1e18)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        # What was written before this process started concerns pages it never had.
        self._inode, self._offset = self._stat()

    def append(self, keys: set[str]) -> None:
        line = f"{self.writer} {' '.join(sorted(quote(key, safe='') for key in keys))}\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self.path.stat().st_size > JOURNAL_MAX_BYTES:
                os.replace(self.path, self.path.with_suffix(".old"))
        except FileNotFoundError:
            pass
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, line.encode())
        finally:
            os.close(descriptor)

    def news(self) -> set[str] | None:
        """Keys other processes invalidated since the last look; None: drop every page."""
        now = time.monotonic()
        if now - self._checked < self.interval:
            return set()
        with self._lock:
            self._checked = now
            inode, size = self._stat()
            if self._inode is None and inode is not None:
                self._inode = inode  # the first file: everything in it is news
            if inode != self._inode or size < self._offset:
                self._inode, self._offset = inode, size
                return None
            if size == self._offset:
                return set()
            with self.path.open("rb") as file:
                file.seek(self._offset)
                data = file.read(size - self._offset)
            # Only whole lines: a line still being written is read next time.
            complete = data[: data.rfind(b"\n") + 1]
            self._offset += len(complete)
        keys: set[str] = set()
        for line in complete.decode().splitlines():
            writer, _, names = line.partition(" ")
            if writer != self.writer:
                keys.update(unquote(name) for name in names.split())
        return keys

    def _stat(self) -> tuple[int | None, int]:
        try:
            found = self.path.stat()
        except FileNotFoundError:
            return None, 0
        return found.st_ino, found.st_size
