"""Library photos inside an article body: stored by reference, shown as they are now.

The body editor writes `<img data-photo="<id>" src=… alt=… width=… height=…>`. A photo's
renditions live under a fresh folder per rendering (khabar.photos.services.photo_render),
so the stored `src` goes stale when the photo is rendered again (a moved focal point).
`body_photos_current` rewrites each such image's src, srcset, width and height to the
photo's current renditions when a body is shown (article page, content API, ninjs);
an image whose photo is gone or not yet rendered keeps what the body stored.

Bodies written before the reference existed got it from the data migration
khabar/articles/migrations/*_body_photo_references.py (by their rendition's file name).
"""

from __future__ import annotations

import html
import re

from khabar.photos.models import BODY_WIDTH, Photo

# A tag of a sanitised body (nh3's output): every attribute value in double quotes, and a
# `"` inside one escaped, so a `>` inside a value cannot end the tag early.
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_ATTRIBUTE = re.compile(r'([^\s"=<>/]+)="([^"]*)"')
_REFERENCE = re.compile(r'\sdata-photo="(\d+)"')
# Written by the rewrite; never stored (the sanitiser drops it), always made afresh.
_REWRITTEN = ("src", "srcset", "sizes", "width", "height")
BODY_SIZES = "(min-width: 48rem) 45rem, 100vw"


def body_photo_reference(*, photo_id: int) -> str:
    """The attribute that marks a library photo in a stored body (what the editor writes)."""
    return f'data-photo="{photo_id}"'


def body_photo_ids(*, body: str) -> set[int]:
    return {int(found) for tag in _IMG.findall(body) for found in _REFERENCE.findall(tag)}


def _tag_current(tag: str, photo: Photo) -> str:
    shown = photo.rendition_best("full", BODY_WIDTH)
    sizes = photo.rendition_list("full")
    if shown is None:
        return tag
    kept = [
        (name, html.unescape(value))
        for name, value in _ATTRIBUTE.findall(tag)
        if name not in _REWRITTEN
    ]
    fresh = [
        ("src", shown.url),
        ("srcset", ", ".join(f"{each.url} {each.width}w" for each in sizes)),
        ("sizes", BODY_SIZES),
        ("width", str(shown.width)),
        ("height", str(shown.height)),
    ]
    attributes = " ".join(f'{name}="{html.escape(value)}"' for name, value in fresh + kept)
    return f"<img {attributes}>"


def body_photos_current(*, body: str) -> str:
    """The sanitised body with each library photo pointing at its current renditions."""
    ids = body_photo_ids(body=body)
    if not ids:
        return body
    photos = {photo.pk: photo for photo in Photo.objects.filter(pk__in=ids).exclude(renditions={})}

    def current(match: re.Match[str]) -> str:
        tag = match.group(0)
        found = _REFERENCE.search(tag)
        photo = photos.get(int(found.group(1))) if found else None
        return _tag_current(tag, photo) if photo is not None else tag

    return _IMG.sub(current, body)
