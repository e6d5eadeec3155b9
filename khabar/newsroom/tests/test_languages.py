"""The newsroom in Persian and Arabic: no English left in what its pages say."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from .conftest import editor_url, write

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"https?://\S+")
# Not English of the interface: the product's name, the name of a format, and English named
# in itself in the language switch.
ALLOWED = {"Khabar", "HTML", "English"}


class VisibleText(HTMLParser):
    """What a reader sees or hears: text outside scripts and styles, and labelling attributes."""

    SPOKEN = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        values = dict(attrs)
        self.parts += [values[name] or "" for name in self.SPOKEN if name in values]
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def english_words(html: str, *data: str) -> set[str]:
    """Latin words the page says, its data (user names, codes, time zones, URLs) left out."""
    parser = VisibleText()
    parser.feed(html)
    text = URL.sub(" ", " ".join(parser.parts))
    for value in data:
        text = re.sub(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", " ", text)
    return set(LATIN_WORD.findall(text)) - ALLOWED


def test_english_words_finds_an_untranslated_label_and_leaves_out_the_data() -> None:
    html = (
        '<title>خبر · Khabar</title><script>var x = "code";</script>'
        '<button aria-label="Close">×</button><p>editor_ar · ar · Asia/Tehran · section</p>'
        '<input type="submit" value="Search"><p>Clear</p>'
    )
    words = english_words(html, "editor_ar", "ar", "Asia/Tehran")
    assert words == {"Close", "section", "Search", "Clear"}


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_dashboard_article_editor_and_revisions_say_nothing_in_english(
    newsroom: Any, language: str
) -> None:
    edition = newsroom.editor.staff_role.editions.get()
    article = write(newsroom.editor, edition, headline="خبر", overline="روتیتر", lead="لید")
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(newsroom.editor)
    for url in ("/newsroom/", editor_url(article), f"{editor_url(article)}revisions/"):
        page = client.get(url)
        assert page.status_code == 200
        data = (newsroom.editor.username, edition.code, edition.time_zone)
        words = english_words(page.content.decode(), *data)
        assert words == set(), f"{url} in {language}"


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_sign_in_page_says_nothing_in_english(client: Client, db: None, language: str) -> None:
    page = client.get("/newsroom/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert english_words(page.content.decode()) == set()


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("fa", "خبرنگاران نمی‌توانند خبر را منتشر، زمان‌بندی یا از انتشار خارج کنند"),
        ("ar", "لا يستطيع المراسلون نشر الأخبار أو جدولتها أو إلغاء نشرها"),
    ],
    ids=["fa", "ar"],
)
def test_a_reporter_told_they_cannot_publish_is_told_in_their_language(
    newsroom: Any, language: str, reason: str
) -> None:
    article = write(newsroom.reporter, newsroom.reporter.staff_role.editions.get())
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(newsroom.reporter)
    response = client.post(f"{editor_url(article)}publish/")
    assert response.status_code == 403
    page = response.content.decode()
    assert reason in page
    assert english_words(page, newsroom.reporter.username) == set()
