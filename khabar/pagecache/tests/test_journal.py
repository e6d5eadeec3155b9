"""Without Redis, an invalidation made by another process (`khabar import`) reaches the server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from khabar.pagecache.journal import JOURNAL_MAX_BYTES, Journal
from khabar.pagecache.tests.test_front import call

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]


def test_a_journal_reader_sees_what_other_writers_appended(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    server = Journal(path, interval=0, writer="server")
    importer = Journal(path, interval=0, writer="import")
    importer.append({"article:7", "kw:ar:9/11 ok"})
    assert server.news() == {"article:7", "kw:ar:9/11 ok"}
    assert server.news() == set()


def test_a_writer_skips_its_own_lines(tmp_path: Path) -> None:
    server = Journal(tmp_path / "journal", interval=0, writer="server")
    server.append({"article:7"})
    assert server.news() == set()


def test_the_journal_is_read_at_most_once_per_interval(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    server = Journal(path, interval=3600, writer="server")
    assert server.news() == set()  # the first look
    Journal(path, interval=0, writer="import").append({"article:7"})
    assert server.news() == set()  # not looked at again yet


def test_a_reader_that_finds_a_new_file_drops_everything(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    server = Journal(path, interval=0, writer="server")
    importer = Journal(path, interval=0, writer="import")
    importer.append({"article:1"})
    assert server.news() == {"article:1"}
    path.write_bytes(b"x" * (JOURNAL_MAX_BYTES + 1) + b"\n")  # a long history
    importer.append({"article:2"})  # starts a new file
    assert path.with_suffix(".old").exists()
    assert server.news() is None


def test_an_import_in_another_process_invalidates_this_processes_page(
    settings, tmp_path: Path
) -> None:
    settings.PAGECACHE_NEAR_SECONDS = 0
    call("/t/a")
    assert call("/t/a")[0].headers["X-Cache"] == "HIT"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": "",
        "DATABASE_URL": "",
        "KHABAR_VAR_DIR": str(tmp_path),
        "PAGECACHE_JOURNAL": settings.PAGECACHE_JOURNAL,
    }
    code = (
        "import django; django.setup()\n"
        "from khabar.pagecache.cache import keys_invalidate; keys_invalidate(['a'])"
    )
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        check=True,
        timeout=120,
    )
    assert call("/t/a")[0].headers["X-Cache"] == "MISS"


def test_an_unrelated_invalidation_elsewhere_keeps_the_page(settings, tmp_path: Path) -> None:
    settings.PAGECACHE_NEAR_SECONDS = 0
    call("/t/a")
    Journal(Path(settings.PAGECACHE_JOURNAL), interval=0, writer="import").append({"b"})
    assert call("/t/a")[0].headers["X-Cache"] == "HIT"


def test_another_process_s_invalidation_is_seen_within_the_near_seconds(
    settings, tmp_path: Path
) -> None:
    """Two real processes on the embedded setup (one per core, as `make serve` runs them):
    this one reads its page all along; the other invalidates it and says when."""
    settings.PAGECACHE_NEAR_SECONDS = 0.5
    call("/t/a")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": "",
        "DATABASE_URL": "",
        "KHABAR_VAR_DIR": str(tmp_path),
        "PAGECACHE_JOURNAL": settings.PAGECACHE_JOURNAL,
    }
    code = (
        "import django, time; django.setup()\n"
        "from khabar.pagecache.cache import keys_invalidate\n"
        "time.sleep(0.5); keys_invalidate(['a']); print(time.time())"
    )
    other = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    seen = None
    deadline = time.time() + 60
    while seen is None and time.time() < deadline:
        if call("/t/a")[0].headers["X-Cache"] == "MISS":
            seen = time.time()
        time.sleep(0.02)
    out, _ = other.communicate(timeout=60)
    assert seen is not None
    assert 0 <= seen - float(out) < 0.5 + 0.25
