"""A reader comments on a cached article page and sees it after approval: headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.text import to_digits
from khabar.web.tests.conftest import PHONE
from khabar.web.urls_for import article_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_comments_on_a_cached_page_and_sees_it_once_approved(
    browser: Any,
    signed_in_tab: Any,
    live_server: Any,
    settings: Any,
    sample_article: Article,
    newsroom: Any,
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
    # A plain HTML form: the browser itself follows the 303 to the "received" page.
    assert reader.url.endswith("/comment/received")
    assert reader.locator("html").get_attribute("dir") == "rtl"
    assert reader.locator("[role=status]").is_visible()

    staff = signed_in_tab(newsroom.editor)
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
