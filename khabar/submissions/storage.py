"""Where submitted files are kept: a file system storage that has no URL.

Readers' files may identify their senders, so none is ever served by the web server or the
media URL: `SUBMISSIONS_ROOT` lies outside `MEDIA_ROOT` (a system check says so at start),
and this storage refuses to make a URL at all. The newsroom reads a file through a view
that checks the staff member's permission first (khabar.newsroom.submissions).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage with no public URL (its base_url would fall back to MEDIA_URL)."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("submitted files have no public URL")


@functools.cache
def _storage(location: str) -> PrivateStorage:
    # Mode 0o600/0o700: files of sources are not for other accounts on the machine.
    return PrivateStorage(
        location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )


def private_storage() -> PrivateStorage:
    """The storage under the current `SUBMISSIONS_ROOT` (tests point it elsewhere)."""
    return _storage(str(settings.SUBMISSIONS_ROOT))
