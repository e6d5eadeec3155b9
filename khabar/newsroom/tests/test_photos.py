"""The media library's pages: grid and search, uploads, descriptions, the private original
and the article's photo picker, with crafted bad requests."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, write
from khabar.photos.images import MAX_UPLOAD_BYTES
from khabar.photos.models import Photo
from khabar.photos.services import photo_create
from khabar.photos.tests.images import MakePhoto, jpeg_bytes, png_bomb

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def field_errors(page: str, name: str) -> str:
    """The text of the form field `name`'s block: its label, input, help and errors."""
    found = re.search(
        rf'<div class="field[^"]*">\s*<label for="id_{name}"[^>]*>.*?</div>', page, flags=re.S
    )
    assert found, f"no field {name}"
    return html.unescape(found.group())


def test_the_library_searches_alt_text_captions_and_credits(
    signed_in: Signed, newsroom: Any
) -> None:
    photo_create(actor=IMPORTER, data=jpeg_bytes(40, 30), alt="سوق حلب", credit="سانا")
    photo_create(actor=IMPORTER, data=jpeg_bytes(40, 30), alt="دمشق", caption="ساحة الأمويين")
    client = signed_in(newsroom.reporter)
    everything = client.get("/newsroom/photos/").content.decode()
    assert "سوق حلب" in everything and "دمشق" in everything
    assert "Processing" in everything  # no renditions yet: no image to show
    by_credit = client.get("/newsroom/photos/", {"q": "سانا"}).content.decode()
    assert "سوق حلب" in by_credit and "دمشق" not in by_credit
    by_caption = client.get("/newsroom/photos/", {"q": "الأمويين"}).content.decode()
    assert "دمشق" in by_caption and "سوق حلب" not in by_caption
    assert "No photo matches" in client.get("/newsroom/photos/", {"q": "xyz"}).content.decode()


def test_the_library_pages_by_24_with_the_same_queries_whatever_it_holds(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    client = signed_in(newsroom.editor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/newsroom/photos/").status_code == 200
        return len(captured)

    make_photo()
    few = queries()
    for _ in range(25):
        photo_create(actor=IMPORTER, data=jpeg_bytes(20, 20), alt="x")
    assert queries() == few
    page = client.get("/newsroom/photos/").content.decode()
    assert "Page 1 of 2" in page
    assert client.get("/newsroom/photos/", {"page": 2}).status_code == 200


def test_several_photos_upload_at_once_without_javascript(signed_in: Signed, newsroom: Any) -> None:
    response = signed_in(newsroom.reporter).post(
        "/newsroom/photos/upload/",
        {
            "files": [upload("a.jpg", jpeg_bytes(64, 48)), upload("b.jpg", jpeg_bytes(48, 64))],
            "credit": "إرنا",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/newsroom/photos/"
    assert sorted(Photo.objects.values_list("width", "height", "credit")) == [
        (48, 64, "إرنا"),
        (64, 48, "إرنا"),
    ]
    assert all(p.uploaded_by == newsroom.reporter for p in Photo.objects.all())
    assert DBTaskResult.objects.count() == 2


def test_the_uploader_script_gets_json_for_each_file(signed_in: Signed, newsroom: Any) -> None:
    response = signed_in(newsroom.reporter).post(
        "/newsroom/photos/upload/",
        {"files": upload("a.jpg", jpeg_bytes(64, 48))},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    [photo] = Photo.objects.all()
    assert response.json() == {
        "photos": [{"id": photo.pk, "edit_url": f"/newsroom/photos/{photo.pk}/"}]
    }


BAD_FILES = {
    "over-20-mb": ("huge.jpg", b"\xff\xd8" + b"\x00" * MAX_UPLOAD_BYTES, "larger than 20 MB"),
    "not-an-image": ("report.jpg", b"%PDF-1.7 this is a document", "not a photo Khabar can read"),
    "decompression-bomb": ("bomb.png", png_bomb(), "more than 60 million pixels"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_next_to_the_field_keeping_what_was_typed(
    signed_in: Signed, newsroom: Any, case: str
) -> None:
    name, data, message = BAD_FILES[case]
    client = signed_in(newsroom.reporter)
    response = client.post(
        "/newsroom/photos/upload/",
        {
            "files": [upload("good.jpg", jpeg_bytes(64, 48)), upload(name, data)],
            "alt": "ساحة",
            "caption": "ساحة المدينة",
            "credit": "وكالة",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    files = field_errors(page, "files")
    assert name in files and message in files
    assert 'value="ساحة المدينة"' in html.unescape(page) and 'value="وكالة"' in page
    # All or none: the good photo of the batch is not kept either.
    assert not Photo.objects.exists() and not DBTaskResult.objects.exists()
    assert list(Path(settings.PHOTOS_ROOT).rglob("*.*")) == []
    as_json = client.post(
        "/newsroom/photos/upload/",
        {"files": upload(name, data)},
        headers={"Accept": "application/json"},
    )
    assert as_json.status_code == 400
    assert message in as_json.json()["errors"]["files"][0]["message"]


def test_an_upload_without_files_says_so(signed_in: Signed, newsroom: Any) -> None:
    response = signed_in(newsroom.reporter).post("/newsroom/photos/upload/", {"alt": "x"})
    assert response.status_code == 400
    assert "Choose one or more photos" in field_errors(response.content.decode(), "files")


def test_describing_a_photo_without_alt_text_is_refused_next_to_the_field(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    photo = make_photo(alt="قديم")
    response = signed_in(newsroom.editor).post(
        f"/newsroom/photos/{photo.pk}/",
        {"alt": " ", "caption": "تعليق جديد", "credit": "وكالة", "focal_x": "0.2", "focal_y": "2"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value is less than or equal to 1" in field_errors(page, "focal_y")
    assert "تعليق جديد" in page and 'value="0.2"' in page
    response = signed_in(newsroom.editor).post(
        f"/newsroom/photos/{photo.pk}/",
        {"alt": " ", "caption": "تعليق جديد", "credit": "وكالة", "focal_x": "0.2", "focal_y": "1"},
    )
    assert response.status_code == 400
    assert "Describe the photo" in field_errors(response.content.decode(), "alt")
    photo.refresh_from_db()
    assert (photo.alt, photo.caption, photo.focal_x) == ("قديم", "", 0.5)


def test_a_photo_is_described_and_its_focal_point_set_with_the_two_fields(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    photo = make_photo()
    DBTaskResult.objects.all().delete()
    response = signed_in(newsroom.editor).post(
        f"/newsroom/photos/{photo.pk}/",
        {"alt": "حشد في الساحة", "caption": "", "credit": "", "focal_x": "0.25", "focal_y": "0.75"},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.alt, photo.focal_x, photo.focal_y) == ("حشد في الساحة", 0.25, 0.75)
    assert DBTaskResult.objects.count() == 1  # the crops are made again around the new point
    page = signed_in(newsroom.editor).get(f"/newsroom/photos/{photo.pk}/").content.decode()
    assert "left: 25%; top: 75%" in page


def test_the_original_is_for_staff_only_and_lies_outside_the_media_root(
    client: Client, signed_in: Signed, newsroom: Any, django_user_model: Any
) -> None:
    data = jpeg_bytes(64, 48)
    photo = photo_create(actor=IMPORTER, data=data, alt="x")
    url = f"/newsroom/photos/{photo.pk}/original"
    assert client.get(url).status_code == 404
    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    assert client.get(url).status_code == 404
    response = signed_in(newsroom.reporter).get(url)
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == data
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(",", " ").split())
    assert not list(Path(settings.MEDIA_ROOT).rglob(Path(photo.original_name).name))
    assert Client().get(f"{settings.MEDIA_URL}{photo.original_name}").status_code == 404


def test_an_editor_chooses_the_main_photo_in_the_library_and_takes_it_off(
    signed_in: Signed, newsroom: Any, edition_ar: Edition, make_photo: MakePhoto
) -> None:
    article = write(newsroom.reporter, edition_ar)
    photo = make_photo(alt="شمخاني في دمشق")
    bare = photo_create(actor=IMPORTER, data=jpeg_bytes(40, 30))
    client = signed_in(newsroom.reporter)
    editor = client.get(f"/newsroom/articles/{article.pk}/").content.decode()
    assert f'href="/newsroom/photos/?for={article.pk}"' in editor and "No main photo" in editor
    picker = client.get("/newsroom/photos/", {"for": article.pk}).content.decode()
    assert picker.count("Use as main photo") == 1  # not the photo without alt text
    assert "Write its alt text to use it" in picker
    response = client.post(f"/newsroom/articles/{article.pk}/photo", {"photo": photo.pk})
    assert response["Location"] == f"/newsroom/articles/{article.pk}/"
    article.refresh_from_db()
    assert article.photo == photo
    editor = client.get(f"/newsroom/articles/{article.pk}/").content.decode()
    assert "شمخاني في دمشق" in editor and "Take the photo off" in editor
    refused = client.post(f"/newsroom/articles/{article.pk}/photo", {"photo": bare.pk}, follow=True)
    assert "alt text" in refused.content.decode()
    article.refresh_from_db()
    assert article.photo == photo
    client.post(f"/newsroom/articles/{article.pk}/photo", {"photo": ""})
    assert Article.objects.get(pk=article.pk).photo is None


def test_another_editions_article_cannot_be_given_a_photo(
    signed_in: Signed, newsroom: Any, edition_fa: Edition, make_photo: MakePhoto
) -> None:
    article = write(newsroom.admin, edition_fa)
    response = signed_in(newsroom.reporter).post(
        f"/newsroom/articles/{article.pk}/photo", {"photo": make_photo().pk}
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).photo is None
