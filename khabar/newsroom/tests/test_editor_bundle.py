"""The committed editor script is what `make assets` builds from package-lock.json's packages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / "khabar" / "newsroom" / "assets" / "build.mjs"
COMMITTED = ROOT / "khabar" / "newsroom" / "static" / "newsroom" / "editor.js"


def test_the_committed_editor_bundle_is_the_build_of_the_locked_packages(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "esbuild").exists():
        if os.environ.get("CI"):
            pytest.fail("node or node_modules is missing; `make node_modules` installs them.")
        pytest.skip("node or node_modules is missing here; `make node_modules` installs them.")
    built = tmp_path / "editor.js"

    subprocess.run([node, str(BUILD), str(built)], check=True, cwd=ROOT, timeout=120)  # noqa: S603

    assert built.read_bytes() == COMMITTED.read_bytes(), "run `make assets` and commit the result"
