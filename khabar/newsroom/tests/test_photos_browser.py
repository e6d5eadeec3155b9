"""A reporter uploads two photos with progress, describes one, and makes it the main photo
of their article: headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.core.tests.axe import AXE, axe_problems
from khabar.core.tests.browser import TABLET
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import write
from khabar.photos.models import Photo
from khabar.photos.services import photo_render
from khabar.photos.tests.images import jpeg_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_photos_upload_with_progress_and_one_becomes_the_main_photo(
    signed_in_tab: Any, live_server: Any, newsroom: Any, edition_ar: Edition, tmp_path: Path
) -> None:
    article = write(newsroom.reporter, edition_ar, headline="حريق في السوق")
    files = []
    for name, size, colour in (
        ("fire.jpg", (2400, 1600), (200, 60, 20)),
        ("crowd.jpg", (1600, 2000), (20, 60, 200)),
    ):
        path = tmp_path / name
        path.write_bytes(jpeg_bytes(*size, colour))
        files.append(str(path))

    # bypass_csp: only for injecting axe-core, an inline script the newsroom's policy refuses.
    page = signed_in_tab(newsroom.reporter, viewport=TABLET, bypass_csp=True)

    page.goto(live_server.url + "/newsroom/photos/upload/")
    page.fill("#id_credit", "مراسلنا")
    page.set_input_files("#id_files", files)
    page.click("form[data-photo-upload] button[type=submit]")
    page.locator("[data-upload-finished]").wait_for()
    bars = page.locator("[data-upload-list] progress")
    assert bars.count() == 2
    assert [bars.nth(i).get_attribute("aria-label") for i in range(2)] == [
        "Uploading fire.jpg",
        "Uploading crowd.jpg",
    ]
    assert page.eval_on_selector_all(
        "[data-upload-list] progress", "bars => bars.map(b => b.value)"
    ) == [100, 100]
    assert page.locator("[data-upload-list] a").count() == 2
    assert Photo.objects.count() == 2 and {p.credit for p in Photo.objects.all()} == {"مراسلنا"}

    # The first one: alt text written, focal point clicked near its top left corner.
    page.click("[data-upload-list] li:first-child a")
    image = page.locator("[data-focal] img")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.3})
    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.2, abs=0.02)
    assert float(page.input_value("#id_focal_y")) == pytest.approx(0.3, abs=0.02)
    page.fill("#id_alt", "نيران في سوق المدينة")
    page.click("form.nr-form button[type=submit]")
    page.locator("text=The photo is saved.").wait_for()
    described = Photo.objects.get(alt="نيران في سوق المدينة")
    assert described.focal_x == pytest.approx(0.2, abs=0.02)
    for photo in Photo.objects.all():  # what the worker does
        photo_render(photo_id=photo.pk)

    page.goto(f"{live_server.url}/newsroom/articles/{article.pk}/")
    page.click("text=Choose from the library")
    choices = page.locator("text=Use as main photo")
    assert choices.count() == 1  # the other photo has no alt text yet
    choices.click()
    page.locator("text=The main photo is chosen.").wait_for()
    assert page.locator(".nr-article-photo img").get_attribute("alt") == "نيران في سوق المدينة"
    assert Article.objects.get(pk=article.pk).photo == described
    assert not page.errors

    assert AXE.exists(), "`make node_modules` installs axe-core (npm ci)"
    problems = []
    for url_path in (
        "/newsroom/photos/",
        "/newsroom/photos/upload/",
        f"/newsroom/photos/{described.pk}/",
    ):
        page.goto(live_server.url + url_path)
        problems += [f"{url_path}: {line}" for line in axe_problems(page)]
    assert problems == [], "axe-core violations:\n" + "\n".join(problems)
