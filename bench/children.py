"""Measurements that run in a process of their own, since Django is set up once per process
(one database per process): `python -m <module> <args>`, its output shown as it comes, and
the figures it hands back on one line, `RESULT <json>`.
"""

# Subprocesses here run this interpreter on the bench's own modules, never a shell.
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from bench.database import ROOT

RESULT = "RESULT "


def result_print(figures: dict[str, Any]) -> None:
    """Hand `figures` back to the parent (the child's last word)."""
    print(RESULT + json.dumps(figures), flush=True)


def child_run(
    module: str, *args: str, env: dict[str, str] | None = None
) -> tuple[int, dict[str, Any] | None]:
    """Run `python -m module args` (with `env` added to this process's environment),
    echoing its output; its exit status and the figures of its RESULT line, if any."""
    command = [sys.executable, "-m", module, *args]
    environ = {**os.environ, **(env or {})}
    figures = None
    with subprocess.Popen(
        command, cwd=ROOT, env=environ, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None  # noqa: S101 - piped above
        for line in child.stdout:
            if line.startswith(RESULT):
                figures = json.loads(line[len(RESULT) :])
            else:
                print(line, end="", flush=True)
    return child.returncode, figures


def engines(postgres_url: str, variable: str) -> tuple[list[str], str]:
    """SQLite, then PostgreSQL when the server of `postgres_url` answers; and, when it does
    not, the line saying it was skipped (`variable` is the setting that names it)."""
    from bench.database import postgres_answers

    if postgres_answers(postgres_url):
        return ["sqlite", "postgresql"], ""
    return ["sqlite"], f"postgresql: SKIPPED, no PostgreSQL answers at {postgres_url} ({variable})"
