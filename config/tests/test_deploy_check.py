"""With the production variables, Django's deployment checklist has nothing to say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#Qk2v9!mPz4LwR8sT1uY6bN3cE5fH0jA-gD_iK@oV*pX&qZ^rW",
    "ALLOWED_HOSTS": "news.example",
    "SITE_URL": "https://news.example",
    "CSRF_TRUSTED_ORIGINS": "https://news.example",
    "BEHIND_HTTPS_PROXY": "true",
}


def deploy_check(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    # A production environment: only what a service manager passes, not the test run's own
    # variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, for instance).
    env = {
        **{k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}},
        **PRODUCTION,
        "KHABAR_VAR_DIR": str(tmp_path),
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "config.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_the_production_variables(tmp_path: Path) -> None:
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stderr


def test_without_the_https_proxy_the_checklist_warns(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, BEHIND_HTTPS_PROXY="false")
    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in result.stderr
