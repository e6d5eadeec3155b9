"""The pixels: focal crops keep the point, renditions carry no personal metadata."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from khabar.photos import images
from khabar.photos.tests.images import GPS_IFD, MAKE, MODEL, camera_jpeg, jpeg_bytes, png_bomb

RATIOS = [spec.ratio for spec in images.SPECS if spec.ratio is not None]


@given(
    width=st.integers(1, 6000),
    height=st.integers(1, 6000),
    ratio=st.sampled_from(RATIOS),
    focal_x=st.floats(0, 1),
    focal_y=st.floats(0, 1),
)
def test_the_focal_point_stays_inside_the_crop_and_the_crop_inside_the_image(
    width: int, height: int, ratio: float, focal_x: float, focal_y: float
) -> None:
    left, top, right, bottom = images.focal_box(width, height, ratio, focal_x, focal_y)
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
    # Rounding to whole pixels may leave the point on the crop's edge, never outside.
    assert left - 1 <= focal_x * width <= right + 1
    assert top - 1 <= focal_y * height <= bottom + 1
    # The largest box of the ratio: it fills one dimension of the image.
    assert right - left == width or bottom - top == height


def test_a_card_of_a_wide_photo_is_cut_around_the_focal_point() -> None:
    """A red mark near the right edge of a panorama is in its 16:9 card, not the middle."""
    image = Image.new("RGB", (3000, 900), (0, 0, 255))
    image.paste((255, 0, 0), (2650, 400, 2750, 500))
    made = images.renditions_encode(image, focal_x=0.9, focal_y=0.5)
    card = max((each for each in made if each.kind == "card"), key=lambda each: each.width)
    with Image.open(io.BytesIO(card.data)) as rendition:
        assert rendition.width / rendition.height == pytest.approx(16 / 9, abs=0.01)
        reds = [
            x
            for x in range(rendition.width)
            if rendition.getpixel((x, rendition.height // 2))[0] > 200  # type: ignore[index]
        ]
    assert reds, "the focal mark was cropped away"


def test_renditions_never_grow_past_the_original() -> None:
    image = Image.open(io.BytesIO(jpeg_bytes(600, 400)))
    made = images.renditions_encode(image, 0.5, 0.5)
    assert {(each.kind, each.width) for each in made} == {
        ("full", 480),
        ("full", 600),
        ("card", 480),
        ("card", 600),
        ("og", 600),
    }


def test_no_rendition_keeps_gps_camera_xmp_or_icc_metadata() -> None:
    original = Image.open(io.BytesIO(camera_jpeg()))
    assert original.getexif()[MAKE] == "PhoneMaker"  # the test photo does carry it
    assert original.getexif().get_ifd(GPS_IFD)
    assert "icc_profile" in original.info and "xmp" in original.info
    for each in images.renditions_encode(original, 0.5, 0.5):
        with Image.open(io.BytesIO(each.data)) as rendition:
            assert rendition.format == "WEBP"
            exif = rendition.getexif()
            assert not exif.get_ifd(GPS_IFD)
            assert MAKE not in exif and MODEL not in exif
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(rendition.info)
        assert b"PhoneMaker" not in each.data and b"Tehran" not in each.data


def test_a_photo_turned_by_its_exif_orientation_is_rendered_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400)).save(buffer, "JPEG", exif=exif.tobytes())
    image = Image.open(io.BytesIO(buffer.getvalue()))
    assert images.upright_size(image) == (400, 800)
    full = [each for each in images.renditions_encode(image, 0.5, 0.5) if each.kind == "full"]
    assert (full[-1].width, full[-1].height) == (400, 800)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an image at all", "not a photo Khabar can read"),
        (b"%PDF-1.4 fake", "not a photo Khabar can read"),
        (jpeg_bytes(10, 10)[:50], "not a photo Khabar can read"),  # cut off in the middle
        (png_bomb(), "more than 60 million pixels"),
        (png_bomb(9_000, 9_000), "more than 60 million pixels"),  # under Pillow's own limit
        (b"\xff\xd8" + b"\x00" * images.MAX_UPLOAD_BYTES, "larger than 20 MB"),
    ],
    ids=["text", "pdf", "truncated", "bomb", "bomb-under-pillow-limit", "too-large"],
)
def test_what_is_not_a_usable_photo_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        images.photo_open(data)


def test_a_photo_with_a_colour_profile_keeps_its_colours_without_the_profile() -> None:
    """The pixels go through the profile to sRGB, then the profile is dropped."""
    original = Image.open(io.BytesIO(camera_jpeg()))  # solid (200, 120, 40), sRGB profile
    full = next(each for each in images.renditions_encode(original, 0.5, 0.5))
    with Image.open(io.BytesIO(full.data)) as rendition:
        assert "icc_profile" not in rendition.info
        red, green, blue = rendition.getpixel((10, 10))  # type: ignore[misc]
    assert abs(red - 200) <= 6 and abs(green - 120) <= 6 and abs(blue - 40) <= 6


def test_a_cmyk_photo_becomes_an_rgb_rendition() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (200, 40, 40)).convert("CMYK").save(buffer, "JPEG")
    cmyk = Image.open(io.BytesIO(buffer.getvalue()))
    assert cmyk.mode == "CMYK"
    for each in images.renditions_encode(cmyk, 0.5, 0.5):
        with Image.open(io.BytesIO(each.data)) as rendition:
            assert rendition.mode == "RGB"
