"""The newsroom's own numbers — character counts, list counts, pages, navigation badges, times —
in the digits of the interface language: Persian ۰-۹, Arabic ٠-٩, otherwise 0-9."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import editor_url, write
from khabar.text import to_digits

pytestmark = pytest.mark.django_db


def _client(user: Any, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _headline_count(page: str) -> str:
    found = re.search(r'data-count-for="id_headline".*?</p>', page, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group())


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۱۲ / ۳۰۰"), ("ar", "١٢ / ٣٠٠"), ("en", "12 / 300")],
)
def test_the_editors_character_count_is_in_the_interface_digits(
    newsroom: Any, edition_ar: Edition, language: str, expected: str
) -> None:
    article = write(newsroom.editor, edition_ar, headline="خبر عاجل ١٢٣")
    page = _client(newsroom.editor, language).get(editor_url(article)).content.decode()
    assert expected in _headline_count(page)


@pytest.mark.parametrize(
    ("language", "digits"), [("fa", "persian"), ("ar", "arabic"), ("en", "latin")]
)
def test_list_counts_and_pages_are_in_the_interface_digits(
    newsroom: Any, language: str, digits: str
) -> None:
    for _ in range(51):
        audit_record(actor=IMPORTER, action=AuditEntry.Action.EDITION_CHANGE)
    client = _client(newsroom.admin, language)
    count = to_digits(str(AuditEntry.objects.count()), digits)
    html = client.get("/newsroom/audit/").content.decode()
    status = re.search(r'<p role="status">(.*?)</p>', html)
    assert status is not None and count in status.group(1)
    pages = re.search(r'<nav class="nr-pages".*?<span>(.*?)</span>', html, re.S)
    assert pages is not None
    assert re.findall(r"\d", pages.group(1)) == [to_digits("1", digits), to_digits("2", digits)]
    assert 'href="?page=2"' in html  # the links keep their Latin numbers
    when = re.search(r'<time datetime="([^"]*)">([^<]*)</time>', html)
    assert when is not None and re.search(r"[0-9]", when.group(1))  # machine-readable
    assert when.group(2) == to_digits(when.group(2), digits)
