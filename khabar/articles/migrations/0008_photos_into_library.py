"""Each article's main photo moves into the media library.

The original goes to the private storage (PHOTOS_ROOT) and its public copy and old
renditions leave MEDIA_ROOT: the public keeps only the library's renditions, made here
at once so no published photo disappears while a worker catches up. The alt text is the
caption, else the headline (what the article page used as alt before). An article whose
file is missing keeps no photo. Backwards, the original returns to MEDIA_ROOT.
"""

import io
import logging
import mimetypes
import secrets
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image

from khabar.photos import images
from khabar.photos.models import ALT_MAX
from khabar.photos.storage import originals_storage

log = logging.getLogger(__name__)
OLD_WIDTHS = (480, 960, 1440)


def _old_names(name: str) -> list[str]:
    path = PurePosixPath(name)
    return [name, *(str(path.with_name(f"{path.stem}.w{w}.webp")) for w in OLD_WIDTHS)]


def _library_photo(Photo, row: dict, data: bytes):  # noqa: ANN001, ANN202 - historical model
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        width, height = images.upright_size(image)
        encoded = images.renditions_encode(image, 0.5, 0.5)
    name = row["photo_file"]
    stored = originals_storage().save(name, ContentFile(data))
    folder = f"photos/{row['created_at']:%Y/%m}/{secrets.token_hex(8)}"
    renditions: dict[str, list] = {}
    for each in encoded:
        saved = default_storage.save(f"{folder}/{each.kind}-{each.width}.webp", ContentFile(each.data))
        renditions.setdefault(each.kind, []).append([each.width, each.height, saved])
    return Photo.objects.create(
        original_name=stored,
        original_type=mimetypes.guess_type(name)[0] or "image/jpeg",
        width=width,
        height=height,
        alt=(row["photo_caption"] or row["headline"])[:ALT_MAX],
        caption=row["photo_caption"],
        credit=row["photo_credit"],
        renditions=renditions,
        created_at=row["created_at"],
        updated_at=row["created_at"],
    )


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    Article = apps.get_model("articles", "Article")
    Photo = apps.get_model("photos", "Photo")
    moved: dict[str, object] = {}  # one library photo for a file several articles share
    # Rows, not instances: an ImageField instance opens its file to measure it.
    rows = Article.objects.exclude(photo_file="").values(
        "pk", "photo_file", "photo_caption", "photo_credit", "headline", "created_at"
    )
    for row in rows.order_by("pk").iterator():
        name = row["photo_file"]
        if name not in moved:
            try:
                with default_storage.open(name) as old:
                    data = old.read()
            except OSError:
                log.warning("article %s: photo %s is missing; left without one", row["pk"], name)
                continue
            moved[name] = _library_photo(Photo, row, data)
        Article.objects.filter(pk=row["pk"]).update(photo=moved[name])
    for name in moved:
        for old_name in _old_names(name):
            default_storage.delete(old_name)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(photo=None).select_related("photo").iterator():
        photo = article.photo
        with originals_storage().open(photo.original_name) as original:
            name = default_storage.save(f"photos/{photo.original_name}", original)
        Article.objects.filter(pk=article.pk).update(
            photo_file=name,
            photo_width=photo.width,
            photo_height=photo.height,
            photo_caption=photo.caption,
            photo_credit=photo.credit,
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_photo_library")]

    operations = [migrations.RunPython(forwards, backwards)]
