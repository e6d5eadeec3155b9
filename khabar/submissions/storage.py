"""Where submitted files are kept: a file system storage that has no URL.

Readers' files may identify their senders, so none is ever served by the web server or the
media URL: `SUBMISSIONS_ROOT` lies outside `MEDIA_ROOT` (a system check says so at start),
and this storage refuses to make a URL at all. The newsroom reads a file through a view
that checks the staff member's permission first (khabar.newsroom.submissions).
"""

from __future__ import annotations

from django.conf import settings

from khabar.core.storage import PrivateStorage, private_storage_at


def private_storage() -> PrivateStorage:
    """The storage under the current `SUBMISSIONS_ROOT` (tests point it elsewhere)."""
    return private_storage_at(str(settings.SUBMISSIONS_ROOT))
