"""Who may describe a library photo and move its focal point, and what the audit log keeps
of uploads and changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from khabar.audit.models import AuditEntry
from khabar.core.actors import IMPORTER
from khabar.photos import services
from khabar.photos.models import Photo
from khabar.photos.tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def _describe(actor: Any, photo: Photo, **changes: Any) -> Photo:
    values = {
        "alt": photo.alt,
        "caption": photo.caption,
        "credit": photo.credit,
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
        **changes,
    }
    return services.photo_update(actor=actor, photo=photo, **values)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("reporter", True),  # the uploader
        ("other_reporter", False),
        ("editor", True),
        ("section_editor", True),  # photos serve every edition: any editor
        ("admin", True),
    ],
)
def test_a_reporters_photo_is_changed_by_them_or_an_editor(
    newsroom: Any, who: str, allowed: bool
) -> None:
    photo = services.photo_create(actor=newsroom.reporter, data=jpeg_bytes(100, 80), alt="قبل")
    actor = getattr(newsroom, who)
    if allowed:
        _describe(actor, photo, alt="بعد")
        assert Photo.objects.get(pk=photo.pk).alt == "بعد"
    else:
        with (
            translation.override("en"),
            pytest.raises(PermissionDenied, match="only the photos they uploaded"),
        ):
            _describe(actor, photo, alt="بعد")
        assert Photo.objects.get(pk=photo.pk).alt == "قبل"


@pytest.mark.parametrize(("who", "allowed"), [("reporter", False), ("editor", True)])
def test_a_photo_without_an_uploader_is_the_editors(newsroom: Any, who: str, allowed: bool) -> None:
    photo = services.photo_create(actor=IMPORTER, data=jpeg_bytes(100, 80), alt="قبل")
    assert photo.uploaded_by is None
    if allowed:
        _describe(getattr(newsroom, who), photo, alt="بعد")
    else:
        with pytest.raises(PermissionDenied):
            _describe(getattr(newsroom, who), photo, alt="بعد")


def test_an_upload_is_in_the_audit_log_with_its_uploader(newsroom: Any) -> None:
    photo = services.photo_create(actor=newsroom.reporter, data=jpeg_bytes(120, 90), alt="صورة")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_type, entry.target_id) == (
        AuditEntry.Action.PHOTO_UPLOAD,
        newsroom.reporter,
        "photo",
        str(photo.pk),
    )
    assert entry.data == {"width": 120, "height": 90}


def test_a_change_is_in_the_audit_log_with_each_changed_field_before_and_after(
    newsroom: Any,
) -> None:
    photo = services.photo_create(
        actor=newsroom.reporter, data=jpeg_bytes(100, 80), alt="قبل", credit="إرنا"
    )
    _describe(newsroom.editor, photo, alt="بعد", caption="تعليق", focal_x=0.25, focal_y=0.75)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.PHOTO_EDIT).get()
    assert entry.actor == newsroom.editor
    assert entry.data == {
        "alt": ["قبل", "بعد"],
        "caption": ["", "تعليق"],
        "focal_point": [[0.5, 0.5], [0.25, 0.75]],
    }
    _describe(newsroom.editor, Photo.objects.get(pk=photo.pk))  # nothing changed
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PHOTO_EDIT).count() == 1


def test_a_refused_change_leaves_no_audit_entry(newsroom: Any) -> None:
    photo = services.photo_create(actor=newsroom.reporter, data=jpeg_bytes(100, 80), alt="قبل")
    with pytest.raises(PermissionDenied):
        _describe(newsroom.other_reporter, photo, alt="بعد")
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PHOTO_EDIT).exists()
