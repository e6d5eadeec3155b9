"""File system storage with no URL, for files only a permission-checked view hands out.

Readers' submissions and the media library's originals may identify people (a sender, a
photographer's location), so their storage refuses to make a URL at all: its base_url
would otherwise fall back to MEDIA_URL. Mode 0o600/0o700: not for other accounts on the
machine either. What they hold was sent by a reader who has been told it arrived, so each
file and its folder entry are synced to disk before the save returns.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise NotImplementedError("private files have no public URL")

    # Storage's documented hook for subclasses, missing from django-stubs.
    def _save(self, name: str, content: Any) -> str:
        name = super()._save(name, content)  # type: ignore[misc]
        path = self.path(name)
        for synced in (path, os.path.dirname(path)):  # the bytes, then the name in its folder
            descriptor = os.open(synced, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return name


@functools.cache
def private_storage_at(location: str) -> PrivateStorage:
    return PrivateStorage(
        location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )
