"""The embedded database keeps what it acknowledged through a power cut, not only a crash."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_every_commit_is_synced_to_disk_in_wal_mode() -> None:
    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
    assert journal_mode == "wal"
    assert synchronous == 2  # FULL: with NORMAL (1) WAL commits may be lost in a power cut
