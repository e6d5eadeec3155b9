"""What the settings are when the environment says nothing (the embedded setup)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def settings_value(name: str, **extra: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    code = f"import django; django.setup(); from django.conf import settings as s; print(s.{name})"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", **extra},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_test_clients_host_is_not_allowed_outside_the_tests() -> None:
    assert "testserver" not in settings_value("ALLOWED_HOSTS")


def test_sqlite_is_served_through_khabar_s_backend_however_it_is_named(tmp_path: Path) -> None:
    engine = "DATABASES['default']['ENGINE']"
    assert settings_value(engine) == "khabar.core.db.sqlite3"
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    assert settings_value(engine, DATABASE_URL=url, SECRET_KEY="x" * 50) == (
        "khabar.core.db.sqlite3"
    )
    postgres = "postgres://khabar@127.0.0.1:5432/khabar"
    assert settings_value(engine, DATABASE_URL=postgres, SECRET_KEY="x" * 50) == (
        "django.db.backends.postgresql"
    )


def test_sqlite_named_by_a_url_runs_with_the_same_options_as_by_default(tmp_path: Path) -> None:
    """WAL, a busy timeout, foreign keys, synchronous commits and writers queueing at BEGIN:
    a `sqlite://` DATABASE_URL carries none of them, and once ran without any."""
    options = "DATABASES['default']['OPTIONS']"
    default = settings_value(options)
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    assert settings_value(options, DATABASE_URL=url, SECRET_KEY="x" * 50) == default
    for wanted in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON", "IMMEDIATE"):
        assert wanted in default
