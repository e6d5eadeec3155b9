"""Main photos: good ones become renditions; bad ones are refused with a reason, nothing kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from khabar.articles import services
from khabar.articles.models import Article
from khabar.articles.photos import rendition_name
from khabar.core.actors import IMPORTER


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 60, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_photo_is_stored_with_renditions_narrower_than_itself(
    sample_article: Article, media: Path
) -> None:
    article = services.article_set_photo(
        actor=IMPORTER,
        article=sample_article,
        data=jpeg(1000, 600),
        filename="shamkhani.jpg",
        caption="شمخاني",
    )
    assert (article.photo_width, article.photo_height) == (1000, 600)
    article.refresh_from_db()
    assert (article.photo_width, article.photo_height) == (1000, 600)
    for width in (480, 960):
        with Image.open(media / rendition_name(article.photo.name, width)) as rendition:
            assert rendition.format == "WEBP"
            assert rendition.width == width
    assert not (media / rendition_name(article.photo.name, 1440)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an image at all", "not a photo"),
        (b"%PDF-1.4 fake", "not a photo"),
        (jpeg(10, 10)[:50], "not a photo"),  # cut off in the middle
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_changes(
    sample_article: Article, media: Path, data: bytes, message: str
) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        services.article_set_photo(
            actor=IMPORTER, article=sample_article, data=data, filename="x.jpg"
        )
    sample_article.refresh_from_db()
    assert not sample_article.photo
    assert list(media.rglob("*")) == []


def test_a_photo_over_the_size_limit_is_refused(sample_article: Article, monkeypatch) -> None:
    from khabar.articles import photos

    monkeypatch.setattr(photos, "MAX_UPLOAD_BYTES", 100)
    with translation.override("en"), pytest.raises(ValidationError, match="larger than"):
        services.article_set_photo(
            actor=IMPORTER, article=sample_article, data=jpeg(50, 50), filename="x.jpg"
        )
