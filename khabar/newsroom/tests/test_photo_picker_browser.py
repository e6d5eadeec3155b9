"""The body editor's photo picker in headless Chromium: on the new-article page, a photo
from the media library found, chosen by keyboard and saved with its rendition and alt text."""

from __future__ import annotations

from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.core.tests.axe import AXE, axe_problems
from khabar.core.tests.browser import TABLET
from khabar.editions.models import Edition
from khabar.photos.tests.images import MakePhoto

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_photo_from_the_library_goes_into_a_new_articles_body_by_keyboard(
    signed_in_tab: Any,
    live_server: Any,
    newsroom: Any,
    edition_fa: Edition,
    make_photo: MakePhoto,
) -> None:
    market = make_photo(alt="بازار حلب", credit="سانا")
    make_photo(alt="دمشق")
    make_photo(alt="")  # no alt text: not offered
    shown = market.rendition_best("full", 960)
    assert shown is not None
    # bypass_csp: only for injecting axe-core; the page's own script runs under the policy.
    page = signed_in_tab(newsroom.section_editor, viewport=TABLET, bypass_csp=True)
    page.goto(live_server.url + "/newsroom/articles/new/")

    text = page.locator(".nr-body-text")
    text.wait_for()
    assert page.locator("textarea[name=body]").is_hidden()
    page.select_option("#id_edition", str(edition_fa.pk))
    page.select_option("#id_section", str(newsroom.fa_politics.pk))
    page.fill("#id_headline", "بازار")
    text.click()
    page.keyboard.type("بازار قدیمی")

    opener = page.get_by_role("button", name="Insert a photo from the library")
    opener.click()
    dialog = page.get_by_role("dialog", name="Insert a photo from the library")
    choices = dialog.locator(".nr-photo-results button")
    choices.nth(1).wait_for()
    assert choices.count() == 2
    assert page.evaluate("document.activeElement.id") == "photo-picker-q"
    # Escape closes the dialog and gives the focus back to the button that opened it.
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement.className") == "nr-photo-open"

    page.keyboard.press("Enter")
    page.keyboard.type("سانا")
    page.keyboard.press("Enter")  # searches; does not send the article's form
    dialog.get_by_role("button", name="بازار حلب").wait_for()
    page.wait_for_function("document.querySelectorAll('.nr-photo-results button').length === 1")
    assert AXE.exists(), "`make node_modules` installs axe-core (npm ci)"
    assert axe_problems(page) == []  # the open dialog, checked at a tablet's width
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "بازار حلبسانا"
    page.keyboard.press("Enter")
    assert dialog.is_hidden()
    image = text.locator("img")
    assert image.get_attribute("src") == shown.url
    assert image.get_attribute("alt") == "بازار حلب"

    page.click(".nr-editor-form button[type=submit]")
    page.locator(".messages").wait_for()
    article = Article.objects.get(headline="بازار")
    assert (
        f'<img dir="auto" src="{shown.url}" alt="بازار حلب" width="960" height="576" '
        f'data-photo="{market.pk}">' in article.body
    ), article.body
    assert "بازار قدیمی" in article.body
    assert page.errors == [], page.errors
