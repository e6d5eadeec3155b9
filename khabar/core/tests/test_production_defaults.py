"""What the settings are when the environment says nothing (the embedded setup)."""

from __future__ import annotations

import os
import subprocess
import sys


def settings_value(name: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    code = f"import django; django.setup(); from django.conf import settings as s; print(s.{name})"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_test_clients_host_is_not_allowed_outside_the_tests() -> None:
    assert "testserver" not in settings_value("ALLOWED_HOSTS")
