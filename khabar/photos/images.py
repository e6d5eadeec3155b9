"""The pixels of a photo: checked on upload, cropped around the focal point, encoded.

No Django models here, only Pillow: the data migration that moved the old main photos
into the library renders with these same functions.

What the public gets is made from the pixels alone (`_pixels_only`): no EXIF (GPS,
camera make and model, serial numbers), no XMP, no comment and no ICC profile. A photo in
another colour space is converted to sRGB first, so dropping its profile keeps its colours.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 60_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
WEBP_QUALITY = 80


@dataclass(frozen=True, slots=True)
class Spec:
    """A kind of rendition: its widths, and the aspect ratio it is cropped to (None: as is)."""

    kind: str
    widths: tuple[int, ...]
    ratio: float | None


# `full` for the article page's srcset, `card` for lists (16:9), `og` for Open Graph and
# JSON-LD (1.91:1 at 1200 px wide, what Facebook and X ask for).
SPECS = (
    Spec("full", (480, 960, 1440), None),
    Spec("card", (480, 960), 16 / 9),
    Spec("og", (1200,), 1200 / 630),
)


@dataclass(frozen=True, slots=True)
class Encoded:
    kind: str
    width: int
    height: int
    data: bytes


def photo_open(data: bytes) -> Image.Image:
    """The uploaded image, or a ValidationError that says what is wrong with it.

    The dimensions are read from the header before any pixel is decoded, so a decompression
    bomb (a small file claiming huge dimensions) is refused without being expanded.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is larger than 20 MB."), code="too_large")
    too_many = ValidationError(
        _("The photo has more than %(limit)s million pixels.") % {"limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise too_many
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Photos must be JPEG, PNG, WebP or GIF."), code="format")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except (UnidentifiedImageError, OSError, SyntaxError, EOFError, ValueError):
            raise ValidationError(
                _("The file is not a photo Khabar can read."), code="unreadable"
            ) from None
    return image


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as the photo is seen: turned by its EXIF orientation."""
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in {5, 6, 7, 8} else (width, height)


def focal_box(
    width: int, height: int, ratio: float, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (width / height) inside the image, centred on the focal
    point as far as the edges allow: (left, top, right, bottom). The point stays inside."""
    box_width = min(width, round(height * ratio))
    box_height = min(height, round(box_width / ratio))
    left = _centred(focal_x * width, box_width, width)
    top = _centred(focal_y * height, box_height, height)
    return left, top, left + box_width, top + box_height


def _centred(point: float, length: int, limit: int) -> int:
    return max(0, min(limit - length, round(point - length / 2)))


def _srgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        # From the image's own mode (CMYK, grey…), which its profile describes.
        converted = ImageCms.profileToProfile(image, source, target, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: the pixels as they are, without it
    return converted if converted is not None else image


def _pixels_only(image: Image.Image) -> Image.Image:
    has_alpha = "A" in image.mode or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    converted = _srgb(ImageOps.exif_transpose(image)).convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def renditions_encode(image: Image.Image, focal_x: float, focal_y: float) -> list[Encoded]:
    """Every public rendition of the photo as WebP, never wider than the original."""
    clean = _pixels_only(image)
    made: list[Encoded] = []
    for spec in SPECS:
        source = clean
        if spec.ratio is not None:
            source = clean.crop(focal_box(*clean.size, spec.ratio, focal_x, focal_y))
        for width in sorted({min(width, source.width) for width in spec.widths}):
            height = max(1, round(source.height * width / source.width))
            resized = source.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
            made.append(Encoded(spec.kind, width, height, buffer.getvalue()))
    return made
