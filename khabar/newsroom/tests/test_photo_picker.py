"""The body editor's photo picker over HTTP (newsroom:photo_pick): staff only, only photos
that can go in a text, searched and paged, with a clear 400 for a bad query string."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.core.actors import IMPORTER
from khabar.newsroom.photos import PER_PAGE
from khabar.newsroom.tests.conftest import Signed
from khabar.photos.services import photo_create
from khabar.photos.tests.images import MakePhoto, jpeg_bytes

pytestmark = pytest.mark.django_db

URL = "/newsroom/photos/pick/"


def test_only_newsroom_staff_get_the_picker(signed_in: Signed, newsroom: Any) -> None:
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/newsroom/login/?next=/newsroom/photos/pick/")
    reader = get_user_model().objects.create_user("reader", password="x")
    assert signed_in(reader).get(URL).status_code == 403
    answer = signed_in(newsroom.reporter).get(URL)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.json() == {"photos": [], "next": None}


def test_only_photos_with_renditions_and_alt_text_are_offered_with_their_body_rendition(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    ready = make_photo(alt="سوق حلب", caption="الأسواق القديمة", credit="سانا")
    make_photo(alt="")  # renditions made, but nothing for readers who cannot see it
    photo_create(actor=IMPORTER, data=jpeg_bytes(1000, 600), alt="لم تُصنع نسخها بعد")

    answer = signed_in(newsroom.reporter).get(URL).json()

    shown = ready.rendition_best("full", 960)
    thumb = ready.rendition_best("full", 0)
    assert shown is not None and thumb is not None
    assert (shown.width, shown.height) == (960, 576)
    assert answer == {
        "photos": [
            {
                "id": ready.pk,
                "alt": "سوق حلب",
                "caption": "الأسواق القديمة",
                "credit": "سانا",
                "src": shown.url,
                "width": 960,
                "height": 576,
                "thumb": thumb.url,
            }
        ],
        "next": None,
    }
    assert shown.url.startswith(settings.MEDIA_URL) and thumb.url != shown.url


def test_the_picker_searches_alt_text_captions_and_credits(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    small = jpeg_bytes(40, 30)
    make_photo(small, alt="سوق حلب", credit="سانا")
    make_photo(small, alt="دمشق", caption="ساحة الأمويين")
    client = signed_in(newsroom.editor)

    def alts(query: str) -> list[str]:
        return [photo["alt"] for photo in client.get(URL, {"q": query}).json()["photos"]]

    assert alts("") == ["دمشق", "سوق حلب"]  # newest first
    assert alts("  سانا ") == ["سوق حلب"]
    assert alts("الأمويين") == ["دمشق"]
    assert alts("xyz") == []


def test_the_picker_pages_by_24_with_the_same_queries_on_every_page(
    signed_in: Signed, newsroom: Any, make_photo: MakePhoto
) -> None:
    for number in range(PER_PAGE + 1):
        make_photo(jpeg_bytes(20, 20), alt=f"photo {number}")
    client = signed_in(newsroom.reporter)
    client.get(URL)  # the session and the staff role read once, as every page does

    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(URL).json()
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(URL, {"page": 2}).json()

    assert len(first["photos"]) == PER_PAGE and first["next"] == 2
    assert [photo["alt"] for photo in second["photos"]] == ["photo 0"] and second["next"] is None
    assert len(first_queries) == len(second_queries)
    assert client.get(URL, {"page": 3}).json() == {"photos": [], "next": None}


BAD_QUERIES = {
    "page-not-a-number": ({"page": "two"}, "page", "invalid", "Enter a whole number."),
    "page-zero": (
        {"page": "0"},
        "page",
        "min_value",
        "Ensure this value is greater than or equal to 1.",
    ),
    "query-longer-than-alt-text": (
        {"q": "x" * 301},
        "q",
        "max_length",
        "Ensure this value has at most 300 characters (it has 301).",
    ),
}


@pytest.mark.parametrize("case", BAD_QUERIES, ids=list(BAD_QUERIES))
def test_a_bad_query_string_answers_400_with_the_field_and_its_error(
    signed_in: Signed, newsroom: Any, case: str
) -> None:
    params, field, code, message = BAD_QUERIES[case]
    answer = signed_in(newsroom.reporter).get(URL, params)
    assert answer.status_code == 400 and answer["Content-Type"] == "application/json"
    assert answer.json() == {"errors": {field: [{"message": message, "code": code}]}}


def test_the_picker_answers_only_get(signed_in: Signed, newsroom: Any) -> None:
    assert signed_in(newsroom.reporter).post(URL).status_code == 405
