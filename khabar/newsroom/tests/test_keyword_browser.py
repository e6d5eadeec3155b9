"""The keyword field in headless Chromium: typed with Persian yeh, the Arabic-spelled keyword
of the edition is offered and picked by keyboard; a suggestion is added with one click."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from khabar.articles import revisions
from khabar.articles.models import Article, Keyword, keyword_key
from khabar.core.tests.axe import AXE, axe_problems
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import editor_url, write

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEAD = "بحث علي شمخاني مع اللواء علي مملوك في دمشق. وقال علي شمخاني إن اللواء علي مملوك في دمشق."

KEYWORDS_VIEWPORT = {"width": 768, "height": 1000}
SCREENSHOTS = Path(os.environ.get("KHABAR_VAR_DIR", Path(__file__).resolve().parents[3] / "var"))
SCREENSHOTS = SCREENSHOTS / "screenshots"


def test_a_reporter_types_persian_yeh_and_picks_the_arabic_keyword_by_keyboard(
    signed_in_tab: Any, live_server: Any, newsroom: Any, edition_ar: Edition
) -> None:
    for name, uses in (("السورية", 5), ("السودان", 9), ("لبنان", 3)):
        Keyword.objects.create(edition=edition_ar, name=name, key=keyword_key(name), uses=uses)
    article = write(newsroom.reporter, edition_ar, headline="شمخاني في دمشق", lead=LEAD)

    page = signed_in_tab(newsroom.reporter, viewport=KEYWORDS_VIEWPORT)
    page.goto(live_server.url + editor_url(article))

    field = page.locator("#id_keywords")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    field.click()
    page.keyboard.type("السوری")  # Persian yeh; the keyword is spelt with Arabic ي
    option = page.locator("[role=listbox] [role=option]").first
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert page.locator("[role=option]").all_inner_texts() == ["السورية"]
    page.keyboard.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert field.input_value() == "السورية، "
    assert field.get_attribute("aria-expanded") == "false"
    assert page.url.endswith(editor_url(article))  # Enter picked; it did not submit

    page.keyboard.type("ال")
    page.locator("[role=option]").first.wait_for()
    # The exact match first, then by use: السودان (9) before السورية (5).
    assert page.locator("[role=option]").all_inner_texts() == ["السودان", "السورية"]
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    field.fill("السورية، ")

    tick = page.locator(".nr-keyword-suggestions input[value='علي مملوك']")
    tick.check()
    assert field.input_value() == "السورية، علي مملوك"
    tick.uncheck()
    assert field.input_value() == "السورية"
    tick.check()

    page.click(".nr-editor-form button[type=submit]")
    page.wait_for_load_state()
    article = Article.objects.get(pk=article.pk)
    assert revisions.keyword_names(article) == ["السورية", "علي مملوك"]
    assert not page.errors
    assert page.foreign == []

    # axe-core with the list open; bypass_csp only to inject it, an inline script the
    # newsroom's policy refuses.
    if not AXE.exists():
        pytest.skip("axe-core is not installed; `make node_modules` installs it (npm ci)")
    tab = signed_in_tab(newsroom.reporter, viewport=KEYWORDS_VIEWPORT, bypass_csp=True)
    tab.goto(live_server.url + editor_url(article))
    tab.locator("#id_keywords").fill("")
    tab.locator("#id_keywords").click()
    tab.keyboard.type("السو")
    tab.locator("[role=option]").first.wait_for()
    tab.keyboard.press("ArrowDown")
    assert axe_problems(tab) == []
    tab.screenshot(path=str(SCREENSHOTS / "newsroom-keywords-768.png"), full_page=True)
