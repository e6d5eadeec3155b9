"""Which database a benchmark uses, as environment variables for Django and its servers.

SQLite at var/bench/bench.sqlite3 by default (var/bench/bench-<N>.sqlite3 for an archive of
another size than the default 100,000, so a quick run never costs the full archive), or the
PostgreSQL database BENCH_DATABASE_URL names. Nothing here imports Django: the environment
has to be set before Django reads its settings.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
STATIC_ROOT = BENCH_DIR / "static"  # collectstatic's, for every benchmark's server
DEFAULT_ARTICLES = 100_000
# Benchmarks only: the bench server must not depend on (or write) the demo's key file.
SECRET_KEY = "khabar-bench-not-secret-" + "x" * 32


@dataclass(frozen=True)
class BenchDatabase:
    articles: int
    url: str = ""  # PostgreSQL URL, or "" for SQLite at `path`
    path: Path = BENCH_DIR / "bench.sqlite3"

    @property
    def label(self) -> str:
        if self.url:
            parts = urlsplit(self.url)
            return f"PostgreSQL {parts.hostname}:{parts.port or 5432}{parts.path}"
        return f"SQLite {self.path.relative_to(ROOT)}"

    def environ(self) -> dict[str, str]:
        """Variables for config.env that point Django at this database."""
        if self.url:
            return {"DATABASE_URL": self.url, "SECRET_KEY": SECRET_KEY}
        return {"DATABASE_URL": "", "SQLITE_PATH": str(self.path), "SECRET_KEY": SECRET_KEY}

    def article_count(self) -> int | None:
        """How many articles it holds; None when it is missing or not migrated."""
        query = "SELECT count(*) FROM articles_article"
        if not self.url:
            if not self.path.exists():
                return None
            connection = sqlite3.connect(self.path)
            try:
                return connection.execute(query).fetchone()[0]
            except sqlite3.Error:
                return None
            finally:
                connection.close()
        import psycopg

        try:
            with psycopg.connect(self.url, connect_timeout=5) as pg:
                return pg.execute(query).fetchall()[0][0]  # count(*): always one row
        except psycopg.Error:
            return None

    def recreate(self) -> None:
        """Start from an empty database (migrations then recreate the editions)."""
        if not self.url:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return
        import psycopg
        from psycopg import sql

        name, admin_url = own_database(self.url, "BENCH_DATABASE_URL")
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def own_database(url: str, variable: str) -> tuple[str, str]:
    """The name of the PostgreSQL database `url` names, which a benchmark may drop and
    create, and the URL of the server's `postgres` database to do it from. Refuses a URL
    of no database or of one PostgreSQL itself needs (`variable` is the setting to fix)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"postgres", "template0", "template1"}:
        raise SystemExit(f"{variable} must name a database of its own, not {name!r}")
    return name, urlunsplit(parts._replace(path="/postgres", query=""))


def postgres_answers(url: str) -> bool:
    """Whether the PostgreSQL server of `url` answers (it says why not when it does not)."""
    from config import pgcheck

    return pgcheck.main(url) == 0


def bench_database(articles: int | None = None) -> BenchDatabase:
    """The database for an archive of `articles` (BENCH_ARTICLES, 100,000 by default)."""
    if articles is None:
        articles = int(os.environ.get("BENCH_ARTICLES") or DEFAULT_ARTICLES)
    url = os.environ.get("BENCH_DATABASE_URL", "")
    name = "bench.sqlite3" if articles == DEFAULT_ARTICLES else f"bench-{articles}.sqlite3"
    return BenchDatabase(articles=articles, url=url, path=BENCH_DIR / name)


def use(database: BenchDatabase) -> None:
    """Point this process's (not yet configured) Django at `database`."""
    os.environ.update(database.environ())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def migrated(database: BenchDatabase) -> None:
    """Set this process's Django up on `database` and bring its schema up to date."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    use(database)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
