"""Main photos: checked on upload, resized once into renditions for `srcset`.

Renditions sit beside the original under a name derived from it, so a page
can list them from the article row alone, without a query or a storage call.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

RENDITION_WIDTHS = (480, 960, 1440)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 60_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True, slots=True)
class Rendition:
    url: str
    width: int


def rendition_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.w{width}.webp"))


def rendition_widths(original_width: int) -> list[int]:
    """Widths made for a photo: the standard ones narrower than the original."""
    return [width for width in RENDITION_WIDTHS if width < original_width]


def photo_open(data: bytes) -> Image.Image:
    """The uploaded image, or a ValidationError that says what is wrong with it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is larger than 20 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_("The file is not a photo Khabar can read.")) from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_("Photos must be JPEG, PNG, WebP or GIF."))
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(_("The photo has more than 60 megapixels."))
    return image


def renditions_make(name: str, image: Image.Image) -> None:
    """Write the WebP renditions of a stored photo (EXIF dropped, orientation applied)."""
    upright = ImageOps.exif_transpose(image).convert("RGB")
    for width in rendition_widths(upright.width):
        height = round(upright.height * width / upright.width)
        buffer = io.BytesIO()
        upright.resize((width, height), Image.Resampling.LANCZOS).save(
            buffer, "WEBP", quality=80, method=4
        )
        target = rendition_name(name, width)
        if default_storage.exists(target):
            default_storage.delete(target)
        default_storage.save(target, ContentFile(buffer.getvalue()))


def renditions(name: str, original_width: int | None) -> list[Rendition]:
    if not name or not original_width:
        return []
    return [
        Rendition(url=default_storage.url(rendition_name(name, width)), width=width)
        for width in rendition_widths(original_width)
    ]
