"""Helpers for the submissions tests: files made on the spot, and a private root per test."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from khabar.editions.models import Edition
from khabar.submissions import services

Send = Callable[..., services.Received]
GPS_IFD = 0x8825
ORIENTATION = 0x0112
BODY_SERIAL = 0xA431


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    """Services speak the active language; these tests read their English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    settings.SUBMISSIONS_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


def jpeg_with_gps(*, size: tuple[int, int] = (40, 20), orientation: int = 1) -> bytes:
    """A JPEG carrying GPS coordinates, a camera serial number and an orientation."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[BODY_SERIAL] = "SN-123456"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (51.0, 23.0, 1.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"owner: Sami")
    return buffer.getvalue()


def png(*, size: tuple[int, int] = (30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 128, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header claims `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def send(edition_ar: Edition) -> Send:
    def submit(**fields: Any) -> services.Received:
        values: dict[str, Any] = {
            "edition": edition_ar,
            "client_hash": "a" * 64,
            "name": "سامي",
            "contact": "sami@example.com",
            "text": "رأيت حريقا في السوق",
            "form_age": 60.0,
        }
        values.update(fields)
        return services.submission_create(**values)

    return submit
