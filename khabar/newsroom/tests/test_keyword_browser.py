"""The keyword field in headless Chromium: typed with Persian yeh, the Arabic-spelled keyword
of the edition is offered and picked by keyboard; a suggestion is added with one click."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from khabar.articles import revisions
from khabar.articles.models import Article, Keyword, keyword_key
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import editor_url, write

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LEAD = "بحث علي شمخاني مع اللواء علي مملوك في دمشق. وقال علي شمخاني إن اللواء علي مملوك في دمشق."


AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""
SCREENSHOTS = Path(os.environ.get("KHABAR_VAR_DIR", Path(__file__).resolve().parents[3] / "var"))
SCREENSHOTS = SCREENSHOTS / "screenshots"


def sign_in(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/newsroom/login/")
    page.fill("input[name=username]", "reporter_ar")
    page.fill("input[name=password]", "reporter_ar-password")
    page.click("button[type=submit]")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing; `make browser` installs it.")
        pytest.skip("Debian's chromium is not installed here; `make browser` installs it.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def test_a_reporter_types_persian_yeh_and_picks_the_arabic_keyword_by_keyboard(
    browser: Any, live_server: Any, newsroom: Any, edition_ar: Edition
) -> None:
    for name, uses in (("السورية", 5), ("السودان", 9), ("لبنان", 3)):
        Keyword.objects.create(edition=edition_ar, name=name, key=keyword_key(name), uses=uses)
    article = write(newsroom.reporter, edition_ar, headline="شمخاني في دمشق", lead=LEAD)

    page = browser.new_context(viewport={"width": 768, "height": 1000}).new_page()
    hosts: set[str] = set()
    errors: list[Any] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("pageerror", lambda error: errors.append(error))
    sign_in(page, live_server)
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
    assert not errors
    assert hosts == {urlsplit(live_server.url).netloc}

    # axe-core with the list open; bypass_csp only to inject it, an inline script the
    # newsroom's policy refuses.
    if not AXE.exists():
        pytest.skip("axe-core is not installed; `make node_modules` installs it (npm ci)")
    tab = browser.new_context(viewport={"width": 768, "height": 1000}, bypass_csp=True)
    tab = tab.new_page()
    sign_in(tab, live_server)
    tab.goto(live_server.url + editor_url(article))
    tab.locator("#id_keywords").fill("")
    tab.locator("#id_keywords").click()
    tab.keyboard.type("السو")
    tab.locator("[role=option]").first.wait_for()
    tab.keyboard.press("ArrowDown")
    tab.add_script_tag(path=str(AXE))
    assert tab.evaluate(AXE_RUN) == []
    tab.screenshot(path=str(SCREENSHOTS / "newsroom-keywords-768.png"), full_page=True)


AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""
