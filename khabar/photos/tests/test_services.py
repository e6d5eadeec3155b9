"""The library's writes: originals kept privately, renditions made by the worker's task."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from khabar.core.actors import IMPORTER
from khabar.photos import services
from khabar.photos.models import Photo
from khabar.photos.storage import originals_storage
from khabar.photos.tasks import photo_render_task
from khabar.photos.tests.images import MakePhoto, jpeg_bytes

pytestmark = pytest.mark.django_db


def test_an_upload_keeps_the_original_outside_the_media_root_and_queues_its_renditions() -> None:
    data = jpeg_bytes(1600, 900)
    photo = services.photo_create(actor=IMPORTER, data=data, alt="  دمشق ", credit="ایرنا")
    assert (photo.width, photo.height, photo.alt, photo.credit) == (1600, 900, "دمشق", "ایرنا")
    path = Path(originals_storage().path(photo.original_name)).resolve()
    assert path.read_bytes() == data
    assert path.is_relative_to(Path(settings.PHOTOS_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(NotImplementedError):
        originals_storage().url(photo.original_name)
    assert not photo.is_ready
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "khabar.photos.tasks.photo_render_task",
        [photo.pk],
    )


def test_the_worker_task_makes_every_rendition_in_the_public_media_storage() -> None:
    photo = services.photo_create(actor=IMPORTER, data=jpeg_bytes(1600, 900), alt="دمشق")
    assert photo_render_task.call(photo.pk) is True
    photo.refresh_from_db()
    assert photo.is_ready
    widths = {
        kind: [r.width for r in photo.rendition_list(kind)] for kind in ("full", "card", "og")
    }
    assert widths == {"full": [480, 960, 1440], "card": [480, 960], "og": [1200]}
    og = photo.rendition_list("og")[0]
    assert (og.width, og.height) == (1200, 630)
    assert og.url.startswith(settings.MEDIA_URL)
    assert default_storage.exists(og.name)


def test_the_task_for_a_photo_deleted_meanwhile_does_nothing() -> None:
    photo = services.photo_create(actor=IMPORTER, data=jpeg_bytes(100, 100), alt="x")
    Photo.objects.filter(pk=photo.pk).delete()
    assert photo_render_task.call(photo.pk) is False


def test_moving_the_focal_point_renders_again_and_removes_the_old_files(
    make_photo: MakePhoto,
) -> None:
    photo = make_photo()
    old = [r.name for r in photo.rendition_list("card")]
    DBTaskResult.objects.all().delete()
    services.photo_update(
        actor=IMPORTER, photo=photo, alt="حلب", caption="", credit="", focal_x=0.1, focal_y=0.9
    )
    assert DBTaskResult.objects.count() == 1
    rendered = services.photo_render(photo_id=photo.pk)
    assert rendered is not None
    new = [r.name for r in rendered.rendition_list("card")]
    assert set(new).isdisjoint(old)
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)


def test_describing_without_moving_the_focal_point_renders_nothing(
    make_photo: MakePhoto,
) -> None:
    photo = make_photo()
    DBTaskResult.objects.all().delete()
    services.photo_update(
        actor=IMPORTER, photo=photo, alt="حلب", caption="ک", credit="", focal_x=0.5, focal_y=0.5
    )
    assert DBTaskResult.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"alt": "  "}, "alt", "Describe the photo"),
        ({"focal_x": 1.5}, "focal_x", "Between 0 and 1"),
        ({"caption": "ب" * 301}, "caption", "at most 300 characters"),
        ({"credit": "ب" * 201}, "credit", "at most 200 characters"),
    ],
)
def test_a_bad_description_is_refused_naming_the_field_and_nothing_is_saved(
    make_photo: MakePhoto, changes: dict[str, Any], field: str, message: str
) -> None:
    photo = make_photo(alt="قديم")
    values: dict[str, Any] = {"alt": "جديد", "caption": "", "credit": "", "focal_x": 0.5}
    values["focal_y"] = 0.5
    values.update(changes)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.photo_update(actor=IMPORTER, photo=photo, **values)
    assert list(caught.value.message_dict) == [field]
    assert message in caught.value.message_dict[field][0]
    photo.refresh_from_db()
    assert photo.alt == "قديم"


def test_a_file_that_is_not_a_photo_leaves_nothing_behind() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.photo_create(actor=IMPORTER, data=b"GIF89a not really", alt="x")
    assert "original" in caught.value.message_dict
    assert not Photo.objects.exists() and not DBTaskResult.objects.exists()
    assert list(Path(settings.PHOTOS_ROOT).rglob("*.*")) == []


def test_someone_without_a_newsroom_role_cannot_upload(django_user_model: Any) -> None:
    reader = django_user_model.objects.create_user("reader", password="x")
    with pytest.raises(PermissionDenied):
        services.photo_create(actor=reader, data=jpeg_bytes(50, 50), alt="x")


def test_a_batch_that_fails_halfway_keeps_neither_rows_nor_files(monkeypatch: Any) -> None:
    create = services.photo_create
    calls: list[int] = []

    def failing_second(**kwargs: Any) -> Photo:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return create(**kwargs)

    monkeypatch.setattr(services, "photo_create", failing_second)
    files = [("a.jpg", jpeg_bytes(40, 30)), ("b.jpg", jpeg_bytes(30, 40))]
    with pytest.raises(OSError, match="disk full"):
        services.photos_upload(actor=IMPORTER, files=files)
    assert not Photo.objects.exists()
    assert list(Path(settings.PHOTOS_ROOT).rglob("*.*")) == []


def test_a_batch_names_every_file_that_is_not_a_photo() -> None:
    files = [("a.jpg", jpeg_bytes(40, 30)), ("b.txt", b"text"), ("c.png", b"\x89PNG")]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.photos_upload(actor=IMPORTER, files=files)
    assert caught.value.message_dict["original"] == [
        "b.txt: The file is not a photo Khabar can read.",
        "c.png: The file is not a photo Khabar can read.",
    ]
    assert not Photo.objects.exists()
