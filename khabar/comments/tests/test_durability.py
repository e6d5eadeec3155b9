"""A comment the reader was told about survives the server's death, and is stored once.

The bounded version of `make soak-comments` (bench.comments_soak): the production server
in a process group of its own, 100 comments from 8 clients, SIGKILL to every process of the
server at half the acknowledgements, a restart, and the posts that met a connection error
sent again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.comments_soak import soak
from khabar.articles.models import Article
from khabar.core import links

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _server_env(tmp_path: Path) -> dict[str, str]:
    """A production server's environment on the test database, its static files collected."""
    env = {
        **os.environ,
        "SECRET_KEY": "test-suite-only",
        "KHABAR_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "REDIS_URL": "",
    }
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env.update({"DATABASE_URL": "", "SQLITE_PATH": str(db["NAME"])})
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    subprocess.run(
        [sys.executable, "-m", "config.manage", "collectstatic", "--no-input", "--verbosity", "0"],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return env


def test_every_acknowledged_comment_is_stored_once_across_a_kill_9(
    sample_article: Article, tmp_path: Path
) -> None:
    result = soak(
        env=_server_env(tmp_path),
        paths=[links.article_path("ar", sample_article.code, sample_article.slug)],
        posts=100,
        clients=8,
        log=tmp_path / "server.log",
    )
    assert result.kills == 1
    assert result.retries > 0, "no post met the dead server: the kill proved nothing"
    assert (result.acknowledged, result.stored, result.duplicates, result.lost) == (
        100,
        100,
        0,
        0,
    ), result.line()
