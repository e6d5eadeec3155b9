"""A system check: originals must never lie where the web server serves files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def photos_root_is_private(**kwargs: Any) -> list[Error]:
    root = Path(settings.PHOTOS_ROOT).resolve()
    served = {"MEDIA_ROOT": settings.MEDIA_ROOT, "STATIC_ROOT": settings.STATIC_ROOT}
    return [
        Error(
            f"PHOTOS_ROOT ({root}) lies inside {name}, which is served to anyone.",
            hint=f"Point PHOTOS_ROOT outside {name}.",
            id="photos.E001",
        )
        for name, value in served.items()
        if value and root.is_relative_to(Path(value).resolve())
    ]
