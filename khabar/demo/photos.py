"""The demo's own photos: scenes drawn with Pillow (no download), put in the media library.

Four scenes in two palettes make eight photos an edition, each with alt text, a caption
and a credit in the edition's language and a focal point on its subject; the generated
articles take them in turn. Drawing one takes a few milliseconds; the worker that
`make demo` starts makes their renditions within seconds of the site coming up.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from khabar.core.actors import DEMO
from khabar.photos.models import Photo
from khabar.photos.services import photo_create

SIZE = (1440, 810)
Colour = tuple[int, int, int]
PALETTES: tuple[tuple[Colour, Colour, Colour], ...] = (
    ((16, 42, 92), (250, 170, 90), (40, 70, 60)),  # dusk
    ((120, 190, 235), (255, 250, 220), (70, 110, 50)),  # noon
)


@dataclass(frozen=True, slots=True)
class Scene:
    key: str
    focal: tuple[float, float]
    draw: Callable[[ImageDraw.ImageDraw, tuple[Colour, Colour, Colour], random.Random], None]


def _hills(draw: ImageDraw.ImageDraw, palette: tuple[Colour, ...], rng: random.Random) -> None:
    draw.ellipse((1000, 140, 1180, 320), fill=palette[1])
    for layer in range(3):
        base = 520 + layer * 90
        points = [(x, base - rng.randint(0, 140)) for x in range(0, SIZE[0] + 160, 160)]
        shade = tuple(max(0, c - layer * 12) for c in palette[2])
        draw.polygon([(0, SIZE[1]), *points, (SIZE[0], SIZE[1])], fill=shade)


def _skyline(draw: ImageDraw.ImageDraw, palette: tuple[Colour, ...], rng: random.Random) -> None:
    x = 0
    while x < SIZE[0]:
        width = rng.randint(60, 150)
        top = rng.randint(250, 600)
        draw.rectangle((x, top, x + width, SIZE[1]), fill=palette[2])
        for wy in range(top + 20, SIZE[1] - 20, 40):
            for wx in range(x + 12, x + width - 20, 28):
                if rng.random() < 0.4:
                    draw.rectangle((wx, wy, wx + 12, wy + 18), fill=palette[1])
        x += width + rng.randint(4, 20)


def _harbour(draw: ImageDraw.ImageDraw, palette: tuple[Colour, ...], rng: random.Random) -> None:
    draw.rectangle((0, 480, SIZE[0], SIZE[1]), fill=palette[0])
    for y in range(500, SIZE[1], 24):
        offset = rng.randint(0, 60)
        for x in range(offset, SIZE[0], 120):
            draw.line((x, y, x + 50, y), fill=palette[1], width=3)
    draw.polygon([(300, 470), (470, 470), (430, 510), (330, 510)], fill=palette[2])
    draw.polygon([(385, 300), (385, 465), (470, 465)], fill=palette[1])


def _market(draw: ImageDraw.ImageDraw, palette: tuple[Colour, ...], rng: random.Random) -> None:
    for row in range(4):
        y = 380 + row * 110
        for x in range(-40, SIZE[0], 180):
            colour = palette[(row + x // 180) % 3]
            draw.polygon([(x, y), (x + 170, y), (x + 140, y - 70), (x + 30, y - 70)], fill=colour)
            draw.ellipse((x + 40, y + 10, x + 130, y + 60), fill=palette[1])


SCENES = (
    Scene("hills", (0.76, 0.28), _hills),
    Scene("skyline", (0.5, 0.6), _skyline),
    Scene("harbour", (0.28, 0.55), _harbour),
    Scene("market", (0.5, 0.7), _market),
)
# (alt text, caption) of each scene, and the credit, in each edition's language.
TEXTS: dict[str, tuple[dict[str, tuple[str, str]], str]] = {
    "fa": (
        {
            "hills": ("خورشید بر فراز تپه‌ها", "طلوع آفتاب بر تپه‌های حومه شهر"),
            "skyline": ("ساختمان‌های شهر با پنجره‌های روشن", "نمای شهر هنگام غروب"),
            "harbour": ("قایق بادبانی در بندر", "بندر در آرامش پیش از شروع کار"),
            "market": ("غرفه‌های رنگارنگ بازار", "بازار روز در مرکز شهر"),
        },
        "عکس: خبر (نمایشی)",
    ),
    "ar": (
        {
            "hills": ("الشمس فوق التلال", "شروق الشمس على تلال ضواحي المدينة"),
            "skyline": ("مبانٍ بنوافذ مضيئة", "أفق المدينة عند الغروب"),
            "harbour": ("قارب شراعي في الميناء", "الميناء في هدوء قبل بدء العمل"),
            "market": ("أكشاك السوق الملونة", "السوق الأسبوعي في وسط المدينة"),
        },
        "تصوير: خبر (تجريبي)",
    ),
    "en": (
        {
            "hills": ("The sun over rolling hills", "Sunrise over the hills outside the city"),
            "skyline": ("City buildings with lit windows", "The city skyline at dusk"),
            "harbour": ("A sailing boat in the harbour", "The harbour, quiet before work"),
            "market": ("Colourful market stalls", "The weekly market in the city centre"),
        },
        "Photo: Khabar (demo)",
    ),
}


def scene_jpeg(scene: Scene, palette: tuple[Colour, Colour, Colour], seed: str) -> bytes:
    rng = random.Random(f"{seed}:{scene.key}:{palette}")  # noqa: S311 - a picture, not a secret
    sky = Image.linear_gradient("L").resize(SIZE)
    image = ImageOps.colorize(sky, black=palette[1], white=palette[0])
    scene.draw(ImageDraw.Draw(image), palette, rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def demo_photos_create(*, edition_code: str, seed: str = "khabar-demo") -> list[Photo]:
    """The edition's demo photos in the library (English texts for an unknown edition)."""
    scenes, credit = TEXTS.get(edition_code, TEXTS["en"])
    photos = []
    for palette in PALETTES:
        for scene in SCENES:
            alt, caption = scenes[scene.key]
            photos.append(
                photo_create(
                    actor=DEMO,
                    data=scene_jpeg(scene, palette, seed),
                    alt=alt,
                    caption=caption,
                    credit=credit,
                    focal=scene.focal,
                )
            )
    return photos
