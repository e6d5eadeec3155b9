"""The site's header and footer, rendered once per process for each state of them
(khabar.web.chrome)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import translation

from khabar.editions.models import Edition, Section
from khabar.web.chrome import footer_html, header_html


def test_the_same_header_is_rendered_once_and_a_change_renders_it_again(
    edition_ar: Edition, edition_fa: Edition
) -> None:
    section = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    shown: dict[str, Any] = {
        "edition": edition_ar,
        "editions": [edition_ar, edition_fa],
        "sections": [section],
    }
    with translation.override("ar"):
        first = header_html(**shown, current=None)
        assert header_html(**shown, current=None) is first
        marked = header_html(**shown, current=section)
        section.name = "الاقتصاد"
        renamed = header_html(**shown, current=None)
    with translation.override("fa"):
        in_persian = header_html(**shown, current=None)
    assert 'aria-current="page"' not in first and 'aria-current="page"' in marked
    assert ">اقتصاد</a>" in first and ">الاقتصاد</a>" in renamed
    assert in_persian != renamed  # the labels are in the active language


def test_a_change_to_an_edition_it_links_to_renders_the_header_again(
    edition_ar: Edition, edition_fa: Edition
) -> None:
    shown: dict[str, Any] = {"edition": edition_ar, "sections": [], "current": None}
    with translation.override("ar"):
        first = header_html(**shown, editions=[edition_ar, edition_fa])
        edition_fa.name = "خبر فارسی"
        renamed = header_html(**shown, editions=[edition_ar, edition_fa])
        edition_fa.direction = "ltr"
        turned = header_html(**shown, editions=[edition_ar, edition_fa])
    assert ">خبر فارسی</a>" not in first and ">خبر فارسی</a>" in renamed
    assert 'lang="fa" dir="ltr"' in turned and 'lang="fa" dir="ltr"' not in renamed


def test_a_renamed_section_reaches_the_header_of_the_next_page(
    client: Client, edition_ar: Edition
) -> None:
    section = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    assert ">اقتصاد</a>" in client.get("/ar/").content.decode()
    section.name = "الاقتصاد"
    section.save()
    assert ">الاقتصاد</a>" in client.get("/ar/").content.decode()


def test_the_footer_links_to_the_page_s_own_feed_and_is_rendered_once(edition_ar: Edition) -> None:
    urls = {"archive_url": "/ar/archive/", "corrections_url": "/ar/corrections/"}
    with translation.override("ar"):
        plain = footer_html(edition=edition_ar, urls=urls)
        assert footer_html(edition=edition_ar, urls=dict(urls)) is plain
        with_feed = footer_html(edition=edition_ar, urls={**urls, "feed_url": "/ar/feed/x/"})
    assert 'href="/ar/archive/"' in plain and "/ar/feed/x/" not in plain
    assert 'href="/ar/feed/x/"' in with_feed
    assert f"<p>{edition_ar.name}</p>" in plain
