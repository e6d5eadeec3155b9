"""Where originals are kept: `PHOTOS_ROOT`, outside MEDIA_ROOT and without a URL.

An original keeps what the camera wrote (GPS position, device serials): only signed-in
staff read it, through khabar.newsroom.photos. The public gets renditions only.
"""

from __future__ import annotations

from django.conf import settings

from khabar.core.storage import PrivateStorage, private_storage_at


def originals_storage() -> PrivateStorage:
    """The storage under the current `PHOTOS_ROOT` (tests point it elsewhere)."""
    return private_storage_at(str(settings.PHOTOS_ROOT))
