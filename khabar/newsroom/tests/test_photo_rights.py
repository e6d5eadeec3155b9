"""A photo's page shows its form only to who may change it; anyone else reads the
description and is refused a change with a 403 that says why."""

from __future__ import annotations

from typing import Any

import pytest

from khabar.newsroom.tests.conftest import Signed
from khabar.photos.models import Photo
from khabar.photos.services import photo_create
from khabar.photos.tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db

CHANGE = {"alt": "بعد", "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "0.5"}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("reporter", True), ("other_reporter", False), ("section_editor", True), ("admin", True)],
)
def test_the_photo_page_offers_its_form_only_to_who_may_change_it(
    signed_in: Signed, newsroom: Any, who: str, allowed: bool
) -> None:
    photo = photo_create(actor=newsroom.reporter, data=jpeg_bytes(100, 80), alt="قبل")
    client = signed_in(getattr(newsroom, who))
    page = client.get(f"/newsroom/photos/{photo.pk}/").content.decode()
    assert ('name="alt"' in page) is allowed
    assert ("data-focal" in page) is allowed
    assert ("Only the photo’s uploader or an editor" in page) is not allowed
    assert "قبل" in page
    response = client.post(f"/newsroom/photos/{photo.pk}/", CHANGE)
    if allowed:
        assert response.status_code == 302
        assert Photo.objects.get(pk=photo.pk).alt == "بعد"
    else:
        assert response.status_code == 403
        assert "only the photos they uploaded" in response.content.decode()
        assert Photo.objects.get(pk=photo.pk).alt == "قبل"


def test_a_refused_change_is_refused_before_its_form_is_read(
    signed_in: Signed, newsroom: Any
) -> None:
    photo = photo_create(actor=newsroom.reporter, data=jpeg_bytes(100, 80), alt="قبل")
    response = signed_in(newsroom.other_reporter).post(
        f"/newsroom/photos/{photo.pk}/", {**CHANGE, "focal_x": "7"}
    )
    assert response.status_code == 403
