"""A reader sends two photos; an editor sees them in the inbox without their GPS tags:
headless Chromium."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from khabar.editions.models import Edition
from khabar.submissions.models import Submission
from khabar.submissions.tests.conftest import (  # noqa: F401  (private_root: autouse)
    GPS_IFD,
    jpeg_with_gps,
    private_root,
)
from khabar.text import to_digits
from khabar.web.tests.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_sends_two_photos_and_an_editor_sees_them_without_gps(
    browser: Any,
    signed_in_tab: Any,
    live_server: Any,
    newsroom: Any,
    edition_ar: Edition,
    tmp_path: Path,
) -> None:
    photos = []
    for name, size in (("street.jpg", (64, 32)), ("crowd.jpg", (32, 48))):
        path = tmp_path / name
        path.write_bytes(jpeg_with_gps(size=size))
        photos.append(str(path))

    reader = browser.new_context(viewport=PHONE).new_page()
    script_errors: list[Any] = []
    reader.on("pageerror", lambda error: script_errors.append(error))
    reader.goto(live_server.url + "/ar/submit")
    assert reader.locator("html").get_attribute("dir") == "rtl"
    reader.fill("#s-name", "سامي")
    reader.fill("#s-contact", "+964 770 123 4567")
    reader.fill("#s-text", "صور من الشارع")
    reader.set_input_files("#s-files", photos)
    reader.wait_for_timeout(3_100)  # a person takes this long at least
    reader.click(".submit-form button[type=submit]")
    reference = reader.locator(".submit-reference strong")
    reference.wait_for()
    assert not script_errors
    assert reader.locator(".submit-progress progress").count() == 0  # the receipt replaced it
    submission = Submission.objects.get()
    assert reference.inner_text() == to_digits(str(submission.reference), edition_ar.digits)

    staff = signed_in_tab(newsroom.editor)
    staff.goto(live_server.url + "/newsroom/submissions/")
    staff.click(f"text={submission.reference}")
    images = staff.locator(".nr-submission-files img")
    assert images.count() == 2
    for index in range(2):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        staff.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        data = staff.request.get(live_server.url + image.get_attribute("src")).body()
        with Image.open(io.BytesIO(data)) as shown:
            assert not shown.getexif().get_ifd(GPS_IFD) and not shown.getexif()
