"""`{% load photos %}`: a library photo's renditions in a template."""

from __future__ import annotations

from django import template

from khabar.photos.body import body_photos_current
from khabar.photos.models import Photo, Rendition

register = template.Library()


@register.filter
def rendition(photo: Photo | None, kind: str) -> Rendition | None:
    """The photo's narrowest rendition of this kind (None until the worker made it)."""
    return photo.rendition_best(kind, 0) if photo is not None else None


@register.filter
def srcset(photo: Photo | None, kind: str) -> str:
    if photo is None:
        return ""
    return ", ".join(f"{each.url} {each.width}w" for each in photo.rendition_list(kind))


@register.filter
def body_photos(body: str) -> str:
    """A sanitised article body with its library photos' current renditions (mark it safe)."""
    return body_photos_current(body=body)
