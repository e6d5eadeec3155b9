"""A reader comments on a cached article page and sees it after approval: headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.text import to_digits
from khabar.web.urls_for import article_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


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


def test_a_reader_comments_on_a_cached_page_and_sees_it_once_approved(
    browser: Any, live_server: Any, settings: Any, sample_article: Article, newsroom: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    url = live_server.url + article_url(sample_article)
    # Another reader's visit puts the page in the cache (a fresh context each time: the
    # browser's own cache would otherwise answer without asking the server).
    for _attempt in range(20):
        reader = browser.new_context(viewport=PHONE).new_page()
        if reader.goto(url).headers["x-cache"] == "HIT":
            break
        reader.wait_for_timeout(250)
    else:
        pytest.fail("the article page never came from the cache")

    reader.fill("#c-name", "سامي")
    reader.fill("#c-email", "sami@example.com")
    reader.fill("#c-body", "تعليق من المتصفح")
    reader.wait_for_timeout(3_100)  # a person takes this long at least
    reader.click(".comment-form button[type=submit] >> nth=-1")
    assert reader.locator("html").get_attribute("dir") == "rtl"
    assert reader.locator("[role=status]").is_visible()

    staff = browser.new_context().new_page()
    staff.goto(live_server.url + "/newsroom/login/")
    staff.fill("input[name=username]", "editor_ar")
    staff.fill("input[name=password]", "editor_ar-password")
    staff.click("form.nr-form button[type=submit]")
    staff.goto(live_server.url + "/newsroom/comments/")
    staff.check("input[name=comment]")
    staff.click("button[value=approve]")
    assert staff.locator("ul.messages").is_visible()

    reader = browser.new_context(viewport=PHONE).new_page()
    reader.goto(url)
    assert reader.locator(".comment-body").inner_text() == "تعليق من المتصفح"
    one = to_digits("1", sample_article.edition.digits)
    assert reader.locator("#comments-title .comment-count").inner_text() == f"({one})"
    assert "sami@example.com" not in reader.content()
