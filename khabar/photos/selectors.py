"""Reads of the media library."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from khabar.photos.models import Photo


def photos_search(*, query: str = "") -> QuerySet[Photo]:
    """Newest first; with a query, those whose alt text, caption or credit contain it."""
    photos = Photo.objects.all()
    query = query.strip()
    if query:
        photos = photos.filter(
            Q(alt__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query)
        )
    return photos


def photos_insertable(*, query: str = "") -> QuerySet[Photo]:
    """Photos an article's body can show: renditions made (the worker's) and alt text
    written, since readers who cannot see the photo get only that. Newest first."""
    return photos_search(query=query).exclude(renditions={}).exclude(alt="")
