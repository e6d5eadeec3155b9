"""What a submitted file is, decided from its bytes, and photos made safe to keep.

The name a file came with and the type the browser declared are the sender's claims (a
`.jpg` may be an HTML page); only the content decides. Photos are decoded and encoded
again from their pixels alone, so nothing of the original file survives but the picture:
no EXIF (GPS position, camera serial number, owner's name), XMP or IPTC, no comment
chunks, no trailing data. Orientation is applied first, so the photo still stands upright.
Videos and PDFs cannot be cleaned that way and are kept as sent, which is why they are
taken only where a setting allows them.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from khabar.photos.images import MAX_PIXELS
from khabar.submissions import limits
from khabar.submissions.models import SubmissionFile
from khabar.text import display_text

HEAD_BYTES = 64
# Pillow's format → what the cleaned photo is stored as (GIF keeps its first frame, as PNG).
PHOTO_OUTPUT = {
    "JPEG": ("JPEG", "image/jpeg", ".jpg"),
    "PNG": ("PNG", "image/png", ".png"),
    "GIF": ("PNG", "image/png", ".png"),
    "WEBP": ("WEBP", "image/webp", ".webp"),
}


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file ready to store: what it is, and the content to write."""

    display_name: str
    kind: str
    content_type: str
    extension: str
    content: File
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None


def file_display_name(name: str | None) -> str:
    """The sender's file name as display text: its last path part, cleaned, shortened."""
    last = (name or "").replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = " ".join(display_text(last).split())
    return cleaned[: limits.FILE_NAME_MAX] or _("(no name)")


def _kind_of(head: bytes) -> tuple[str, str, str] | None:
    """(kind, content type, extension) from the first bytes, or None for anything else."""
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return SubmissionFile.Kind.PHOTO, "", ""  # type and extension: what the photo becomes
    if head[4:8] == b"ftyp":
        return SubmissionFile.Kind.VIDEO, "video/mp4", ".mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head:
        return SubmissionFile.Kind.VIDEO, "video/webm", ".webm"
    if head.startswith(b"%PDF-"):
        return SubmissionFile.Kind.PDF, "application/pdf", ".pdf"
    return None


def accepted_kinds_text(*, accept_video: bool, accept_pdf: bool) -> str:
    kinds = [_("photos (JPEG, PNG, WebP or GIF)")]
    if accept_video:
        kinds.append(_("videos (MP4 or WebM)"))
    if accept_pdf:
        kinds.append(_("PDF documents"))
    return _(", ").join(kinds)


def _refuse(display_name: str, reason: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s”: %(reason)s"), params={"name": display_name, "reason": reason}
    )


def file_prepare(upload: File, *, max_bytes: int, accept_video: bool, accept_pdf: bool) -> Prepared:
    """The file as it will be stored, or a ValidationError naming it and saying why not."""
    display_name = file_display_name(upload.name)
    size = upload.size or 0
    if size == 0:
        raise _refuse(display_name, _("the file is empty."))
    if size > max_bytes:
        raise _refuse(
            display_name,
            _("the file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    found = _kind_of(upload.read(HEAD_BYTES))
    upload.seek(0)
    allowed = {SubmissionFile.Kind.PHOTO}
    allowed |= {SubmissionFile.Kind.VIDEO} if accept_video else set()
    allowed |= {SubmissionFile.Kind.PDF} if accept_pdf else set()
    if found is None or found[0] not in allowed:
        raise _refuse(
            display_name,
            _("this kind of file is not accepted; send %(kinds)s.")
            % {"kinds": accepted_kinds_text(accept_video=accept_video, accept_pdf=accept_pdf)},
        )
    kind, content_type, extension = found
    if kind == SubmissionFile.Kind.PHOTO:
        return _photo_prepare(upload.read(), display_name)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Prepared(display_name, kind, content_type, extension, upload, size, digest.hexdigest())


def photo_clean(data: bytes) -> tuple[bytes, str, Image.Image]:
    """The photo encoded again from its pixels alone, upright; with its Pillow format.

    Raises ValueError("pixels") for an image too large to decode safely (a decompression
    bomb: a small file that claims huge dimensions) and ValueError("unreadable") for
    anything Pillow cannot decode.
    """
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; here it is refused.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in PHOTO_OUTPUT:
                raise ValueError("unreadable")
            if image.width * image.height > MAX_PIXELS:
                raise ValueError("pixels")
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValueError("pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, EOFError) as error:
            raise ValueError("unreadable") from error
    save_as, _type, _ext = PHOTO_OUTPUT[str(image.format)]
    modes = {"JPEG": {"RGB", "L"}, "PNG": {"RGB", "RGBA", "L", "LA"}, "WEBP": {"RGB", "RGBA"}}
    if upright.mode not in modes[save_as]:
        has_alpha = "A" in upright.mode or "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha and save_as != "JPEG" else "RGB")
    # A new image from the pixels alone: no info, EXIF, XMP, ICC or comment comes along.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {}}[save_as]
    clean.save(buffer, save_as, **options)
    return buffer.getvalue(), str(image.format), clean


def _photo_prepare(data: bytes, display_name: str) -> Prepared:
    try:
        cleaned, source_format, image = photo_clean(data)
    except ValueError as error:
        if str(error) == "pixels":
            raise _refuse(
                display_name,
                _("the photo has more than %(limit)s million pixels.")
                % {"limit": MAX_PIXELS // 1_000_000},
            ) from None
        raise _refuse(
            display_name, _("the photo is damaged, or not a photo that can be read.")
        ) from None
    _save_as, content_type, extension = PHOTO_OUTPUT[source_format]
    return Prepared(
        display_name,
        SubmissionFile.Kind.PHOTO,
        content_type,
        extension,
        ContentFile(cleaned),
        len(cleaned),
        hashlib.sha256(cleaned).hexdigest(),
        image.width,
        image.height,
    )
