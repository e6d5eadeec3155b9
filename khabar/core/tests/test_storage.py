"""Private storage: no URL, owner-only modes, and every saved file synced to disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from khabar.core.storage import PrivateStorage


def test_a_saved_file_is_synced_with_its_folder_and_kept_from_other_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = PrivateStorage(
        location=str(tmp_path), file_permissions_mode=0o600, directory_permissions_mode=0o700
    )
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync_seen(descriptor: int) -> None:  # the real fsync, watched
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_seen)
    name = storage.save("2026/12/photo.jpg", ContentFile(b"\xff\xd8 a reader's photo"))

    path = Path(storage.path(name))
    assert path.read_bytes() == b"\xff\xd8 a reader's photo"
    assert synced == [str(path), str(path.parent)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(NotImplementedError):
        storage.url(name)
