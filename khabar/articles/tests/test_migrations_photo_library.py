"""Migrations 0007–0009: the old main photos move into the media library, and back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from khabar.articles.models import Article
from khabar.photos.services import photo_original
from khabar.photos.tests.images import GPS_IFD, camera_jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [("articles", "0006_article_section_verbose_name")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    """Migrate to `targets`, or to the latest state (the models the test reads with)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return MigrationExecutor(connection)


@pytest.fixture
def before() -> Iterator[object]:
    """The apps as they were before the library, put back to the latest state afterwards."""
    executor = _migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    _migrate()


def test_old_photos_move_into_the_library_privately_with_renditions(before: object) -> None:
    OldArticle = before.get_model("articles", "Article")  # type: ignore[attr-defined]
    Edition = before.get_model("editions", "Edition")  # type: ignore[attr-defined]
    edition = Edition.objects.get(code="ar")
    data = camera_jpeg(1200, 800)
    name = default_storage.save("photos/2017/01/shamkhani.jpg", ContentFile(data))
    old_rendition = default_storage.save("photos/2017/01/shamkhani.w480.webp", ContentFile(b"x"))
    # The dimensions as the old ImageField filled them (else it opens the file to measure).
    common = {"edition": edition, "photo_width": 1200, "photo_height": 800}
    captioned = OldArticle.objects.create(
        code=1,
        headline="شمخاني",
        photo=name,
        photo_caption="علي شمخاني",
        photo_credit="إرنا",
        **common,
    )
    sharing = OldArticle.objects.create(code=2, headline="خبر آخر", photo=name, **common)
    missing = OldArticle.objects.create(code=3, headline="ضائع", photo="photos/gone.jpg", **common)
    bare = OldArticle.objects.create(code=4, headline="بلا صورة", **common)

    _migrate()

    moved = Article.objects.select_related("photo").get(pk=captioned.pk)
    photo = moved.photo
    assert photo is not None
    assert (photo.alt, photo.caption, photo.credit) == ("علي شمخاني", "علي شمخاني", "إرنا")
    assert (photo.width, photo.height) == (1200, 800)
    assert photo_original(photo=photo) == data
    assert Path(settings.PHOTOS_ROOT, photo.original_name).is_file()
    # Public at once, from renditions without the camera's metadata; the old files gone.
    assert photo.is_ready
    for rendition in photo.rendition_list("full"):
        with default_storage.open(rendition.name) as stored, Image.open(stored) as image:
            assert not image.getexif().get_ifd(GPS_IFD)
    assert not default_storage.exists(name) and not default_storage.exists(old_rendition)
    assert Article.objects.get(pk=sharing.pk).photo_id == photo.pk
    shared = Article.objects.get(pk=sharing.pk).photo
    assert shared is not None and shared.alt == "علي شمخاني"
    assert Article.objects.get(pk=missing.pk).photo is None
    assert Article.objects.get(pk=bare.pk).photo is None

    back = _migrate(BEFORE).loader.project_state(BEFORE).apps
    restored = back.get_model("articles", "Article").objects.get(pk=captioned.pk)
    assert (restored.photo_caption, restored.photo_credit) == ("علي شمخاني", "إرنا")
    assert (restored.photo_width, restored.photo_height) == (1200, 800)
    with default_storage.open(restored.photo.name) as stored:
        assert stored.read() == data
