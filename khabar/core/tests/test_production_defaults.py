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
