"""File system storage with no URL, for files only a permission-checked view hands out.

Readers' submissions and the media library's originals may identify people (a sender, a
photographer's location), so their storage refuses to make a URL at all: its base_url
would otherwise fall back to MEDIA_URL. Mode 0o600/0o700: not for other accounts on the
machine either.
"""

from __future__ import annotations

import functools

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise NotImplementedError("private files have no public URL")


@functools.cache
def private_storage_at(location: str) -> PrivateStorage:
    return PrivateStorage(
        location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )
