"""The bench's servers start wherever the checkout is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.processes import Processes, fetch, start_nginx


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_serves_the_page_from_a_folder_other_users_cannot_enter(tmp_path: Path) -> None:
    """A checkout under a private home or a 0700 temporary folder: nginx's workers must
    still read the page (started as root, they would otherwise run as another user)."""
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    directory = private / "var" / "bench"
    directory.mkdir(parents=True)
    processes = Processes()
    try:
        port = start_nginx(processes, b"<p>the page</p>", directory)
        answer = fetch(port, "/article.html")
    finally:
        processes.stop_all()
    assert answer.status == 200
    assert answer.body == b"<p>the page</p>"
