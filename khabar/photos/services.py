"""Writes to the media library: upload, describe, render. Events go out after commit.

Any staff member with a newsroom role may add photos: the library is shared by the
editions (a photo serves an article and its translations). Its description and focal
point are changed by its uploader, or by any editor or admin
(khabar.staff.permissions.can_edit_photo). Putting one on an article is the article's
permission (khabar.articles.services.article_set_photo). Uploads and changes go to the
audit log, a change with each field's value before and after.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import secrets
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor, actor_user
from khabar.core.events import send_on_commit
from khabar.core.fields import concrete_field
from khabar.photos import events, images
from khabar.photos.models import ALT_MAX, CAPTION_MAX, CREDIT_MAX, Photo
from khabar.photos.storage import originals_storage
from khabar.staff import permissions
from khabar.text import display_text

log = logging.getLogger(__name__)
_MAXIMA = {"alt": ALT_MAX, "caption": CAPTION_MAX, "credit": CREDIT_MAX}
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _require_staff(actor: Actor) -> None:
    if permissions.scope_of(actor) is None:
        raise PermissionDenied(_("Your account has no newsroom role; ask an admin for one."))


def _texts_clean(values: dict[str, str]) -> dict[str, str]:
    """Text as stored: without invisible spoofing characters, trimmed; each within its limit."""
    cleaned = {name: display_text(value).strip() for name, value in values.items()}
    errors = {
        name: ValidationError(
            _("The %(field)s is at most %(limit)s characters long; this one has %(count)s."),
            params={
                "field": concrete_field(Photo, name).verbose_name,
                "limit": f"{_MAXIMA[name]:,}",
                "count": f"{len(value):,}",
            },
        )
        for name, value in cleaned.items()
        if len(value) > _MAXIMA[name]
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


def _focal_check(focal_x: float, focal_y: float) -> None:
    errors = {
        name: ValidationError(_("Between 0 and 1."), code="range")
        for name, value in (("focal_x", focal_x), ("focal_y", focal_y))
        if not 0.0 <= value <= 1.0
    }
    if errors:
        raise ValidationError(errors)


def _render_later(photo: Photo) -> None:
    """Queue the rendering in the caller's transaction (the tasks live in the database):
    a photo is never saved without its task, nor a task queued for a photo rolled back."""
    from khabar.photos.tasks import photo_render_task

    photo_render_task.enqueue(photo.pk)


def photo_create(
    *,
    actor: Actor,
    data: bytes,
    alt: str = "",
    caption: str = "",
    credit: str = "",
    focal: tuple[float, float] = (0.5, 0.5),
) -> Photo:
    """A new photo of the library, its original stored privately; the worker renders it.

    Refused with a ValidationError (on `original`) when the file is too large, not an
    image, or too many pixels to decode safely.
    """
    _require_staff(actor)
    texts = _texts_clean({"alt": alt, "caption": caption, "credit": credit})
    _focal_check(*focal)
    try:
        image = images.photo_open(data)
    except ValidationError as error:
        raise ValidationError({"original": error}) from None
    extension = _EXTENSIONS[str(image.format)]
    width, height = images.upright_size(image)
    now = timezone.now()
    storage = originals_storage()
    name = storage.save(f"{now:%Y/%m}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
    try:
        with transaction.atomic():
            photo = Photo.objects.create(
                original_name=name,
                original_type=mimetypes.types_map[f".{extension}"],
                width=width,
                height=height,
                focal_x=focal[0],
                focal_y=focal[1],
                uploaded_by=actor_user(actor),
                created_at=now,
                updated_at=now,
                **texts,
            )
            _render_later(photo)
            audit_record(
                actor=actor,
                action=AuditEntry.Action.PHOTO_UPLOAD,
                target=photo,
                data={"width": width, "height": height},
            )
    except Exception:
        storage.delete(name)  # no row points at it: it would never be found again
        raise
    return photo


def photos_upload(
    *,
    actor: Actor,
    files: list[tuple[str, bytes]],
    alt: str = "",
    caption: str = "",
    credit: str = "",
) -> list[Photo]:
    """Several photos at once, all or none: each file is checked before any is kept.

    Refused with a ValidationError on `original` naming every file that is not a usable
    photo, and why.
    """
    _require_staff(actor)
    problems = []
    for name, data in files:
        try:
            images.photo_open(data)
        except ValidationError as error:
            problems.append(
                ValidationError(
                    _("%(name)s: %(problem)s"), params={"name": name, "problem": error.messages[0]}
                )
            )
    if problems:
        raise ValidationError({"original": problems})
    made: list[Photo] = []
    try:
        with transaction.atomic():
            for _name, data in files:
                made.append(
                    photo_create(actor=actor, data=data, alt=alt, caption=caption, credit=credit)
                )
    except Exception:
        for photo in made:  # their rows are rolled back: no row points at these files
            originals_storage().delete(photo.original_name)
        raise
    return made


@transaction.atomic
def photo_update(
    *,
    actor: Actor,
    photo: Photo,
    alt: str,
    caption: str,
    credit: str,
    focal_x: float,
    focal_y: float,
) -> Photo:
    """Describe the photo and place its focal point; a moved point renders it again.

    Its uploader, or any editor or admin (PermissionDenied otherwise). The audit log gets
    each changed field's value before and after; a save that changes nothing gets no entry.
    """
    permissions.require_edit_photo(actor, uploaded_by_id=photo.uploaded_by_id)
    texts = _texts_clean({"alt": alt, "caption": caption, "credit": credit})
    errors: dict[str, Any] = {}
    if not texts["alt"]:
        errors["alt"] = ValidationError(
            _("Describe the photo for readers who cannot see it."), code="required"
        )
    try:
        _focal_check(focal_x, focal_y)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    moved = (focal_x, focal_y) != (photo.focal_x, photo.focal_y)
    changes: dict[str, list[Any]] = {
        name: [getattr(photo, name), value]
        for name, value in texts.items()
        if getattr(photo, name) != value
    }
    if moved:
        changes["focal_point"] = [[photo.focal_x, photo.focal_y], [focal_x, focal_y]]
    for name, value in texts.items():
        setattr(photo, name, value)
    photo.focal_x, photo.focal_y = focal_x, focal_y
    photo.updated_at = timezone.now()
    photo.save()
    if moved:
        _render_later(photo)
    if changes:
        audit_record(actor=actor, action=AuditEntry.Action.PHOTO_EDIT, target=photo, data=changes)
    send_on_commit(events.photo_changed, sender=Photo, photo=photo)
    return photo


def photo_original(*, photo: Photo) -> bytes:
    with originals_storage().open(photo.original_name) as stored:
        return stored.read()


def photo_render(*, photo_id: int) -> Photo | None:
    """Make the photo's public renditions from its original (None: the photo is gone).

    Each run writes under a fresh random folder, so a cached page never gets a new crop
    under an old URL and no one can guess the renditions of a photo not yet published;
    the previous run's files are removed once the row points at the new ones.
    """
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return None
    data = photo_original(photo=photo)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        encoded = images.renditions_encode(image, photo.focal_x, photo.focal_y)
    folder = f"photos/{photo.created_at:%Y/%m}/{secrets.token_hex(8)}"
    made: dict[str, list[list[int | str]]] = {}
    for each in encoded:
        name = default_storage.save(
            f"{folder}/{each.kind}-{each.width}.webp", ContentFile(each.data)
        )
        made.setdefault(each.kind, []).append([each.width, each.height, name])
    with transaction.atomic():
        # The focal point may have moved while this ran: the later task renders it again.
        current = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if current is None:
            _delete_files(made)
            return None
        previous = current.renditions
        current.renditions = made
        current.save(update_fields=["renditions"])
        send_on_commit(events.photo_changed, sender=Photo, photo=current)
    _delete_files(previous)
    return current


def _delete_files(renditions: dict[str, list[list[int | str]]]) -> None:
    for found in renditions.values():
        for _width, _height, name in found:
            default_storage.delete(str(name))
