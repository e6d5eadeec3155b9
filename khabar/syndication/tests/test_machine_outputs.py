"""Machine outputs stay Gregorian ISO 8601 / RFC 822 with ASCII digits (DESIGN §2).

Every page type, feed and sitemap is rendered and scanned where programs read:
`datetime` attributes, JSON-LD, `<meta>` content, feed and sitemap dates and
attributes, HTTP headers, and the digits of URLs. Text written for people
(headlines, leads, names) may hold any digits and is left alone there, while
the visible page must still show the edition's own digits.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import Article, Keyword, keyword_key
from khabar.calendars import Calendar, month_name, to_calendar, to_local
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.photos.tests.images import MakePhoto
from khabar.syndication.tests.conftest import jpeg_bytes, parse_xml

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

NON_ASCII_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
SOLAR_HIJRI_MONTHS = frozenset(
    month_name(Calendar.SOLAR_HIJRI, month, language=language)
    for month in range(1, 13)
    for language in ("fa", "ar", "en")
)
WORD = re.compile(r"\w+")
OUR_HOSTS = {"", "testserver"}

# Where a program reads text written for people; any digits an editor typed belong there.
HUMAN_META = {
    "description",
    "keywords",
    "author",
    "application-name",
    "apple-mobile-web-app-title",
    "og:title",
    "og:description",
    "og:site_name",
    "og:image:alt",
    "article:section",
    "article:tag",
    "article:author",
    "twitter:title",
    "twitter:description",
    "twitter:image:alt",
}
HUMAN_JSON = {
    "headline",
    "alternativeHeadline",
    "name",
    "alternateName",
    "description",
    "abstract",
    "articleBody",
    "articleSection",
    "text",
    "caption",
    "keywords",
    "creditText",
    "copyrightNotice",
    "copyrightHolder",
}
HUMAN_XML = {
    "title",
    "subtitle",
    "description",
    "summary",
    "content",
    "category",
    "name",
    "creator",
    "credit",
    "rights",
    "copyright",
    "keywords",
}
HUMAN_XML_ATTRIBUTES = {"term", "label", "title"}
URL_XML = {"link", "guid", "id", "loc", "uri", "comments", "url", "docs"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "url"}
URL_HEADERS = {"location", "content-location", "link", "refresh"}


def text_leaks(where: str, value: str) -> list[str]:
    """A machine value with non-ASCII digits or a Solar Hijri month name in it."""
    found = []
    if NON_ASCII_DIGITS.search(value):
        found.append(f"{where}: non-ASCII digits in {value!r}")
    months = SOLAR_HIJRI_MONTHS.intersection(WORD.findall(value))
    if months:
        found.append(f"{where}: Solar Hijri month {sorted(months)} in {value!r}")
    return found


def url_leaks(where: str, value: str) -> list[str]:
    """A URL whose digits, percent-decoded, are not ASCII.

    Slugs may hold any word (a headline's "دی" is no date). The query of another site's
    URL or of a mailto: link is left alone: a share link carries the headline as text for
    people to read there.
    """
    parts = urlsplit(value.strip())
    checked = unquote(parts.netloc + parts.path)
    if parts.scheme in ("", "http", "https") and parts.netloc.lower() in OUR_HOSTS:
        checked += "?" + unquote(parts.query)
    if NON_ASCII_DIGITS.search(checked):
        return [f"{where}: non-ASCII digits in URL {value!r}"]
    return []


def _looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/"))


@dataclass
class Scan:
    """What a scan found: leaks, how many values of each kind it read, the visible text."""

    leaks: list[str] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)
    visible: list[str] = field(default_factory=list)

    def value(self, kind: str, where: str, value: str, *, url: bool = False) -> None:
        self.checked[kind] += 1
        self.leaks += url_leaks(where, value) if url else text_leaks(where, value)


def json_values(node: Any, path: str = "$") -> Iterator[tuple[str, str, bool]]:
    """(path, value, is_url) of each machine string in JSON-LD; text for people skipped."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in HUMAN_JSON and not isinstance(value, dict | list):
                continue
            if (
                key in HUMAN_JSON
                and isinstance(value, list)
                and all(isinstance(item, str) for item in value)
            ):
                continue
            yield from json_values(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from json_values(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node, _looks_like_url(node)


class HtmlScanner(HTMLParser):
    INVISIBLE = {"script", "style", "template", "head", "title"}

    def __init__(self, scan: Scan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.open: list[str] = []
        self.json_ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "datetime":
                self.scan.value("datetime", f"<{tag} datetime>", value)
            elif name in URL_ATTRIBUTES:
                self.scan.value("url", f"<{tag} {name}>", value, url=True)
            elif name == "srcset":
                for candidate in value.split(","):
                    self.scan.value("url", f"<{tag} srcset>", candidate.split()[0], url=True)
        if tag == "meta" and "content" in values:
            label = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if label.lower() not in HUMAN_META:
                content = values["content"]
                url = _looks_like_url(content)
                self.scan.value("meta", f"<meta {label}>", content, url=url)
        if tag == "script" and values.get("type") == "application/ld+json":
            self.json_ld = []
        if tag not in {"meta", "link", "img", "br", "hr", "input", "source"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.json_ld is not None:
            data = json.loads("".join(self.json_ld))
            self.scan.checked["json-ld"] += 1
            for path, value, url in json_values(data):
                self.scan.value("json-ld value", f"JSON-LD {path}", value, url=url)
            self.json_ld = None
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)
        elif not self.INVISIBLE.intersection(self.open):
            self.scan.visible.append(data)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def scan_html(html: str, scan: Scan) -> None:
    scanner = HtmlScanner(scan)
    scanner.feed(html)
    scanner.close()


def scan_xml(content: bytes, scan: Scan) -> None:
    for element in parse_xml(content).iter():
        tag = _local(element.tag)
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute not in HUMAN_XML_ATTRIBUTES:
                url = attribute in URL_ATTRIBUTES
                scan.value("xml attribute", f"<{tag} {attribute}>", value, url=url)
        text = (element.text or "").strip()
        if text and tag not in HUMAN_XML:
            scan.value(f"xml <{tag}>", f"<{tag}>", text, url=tag in URL_XML)


def scan_headers(headers: Any, scan: Scan) -> None:
    for name, value in headers.items():
        scan.value("header", f"header {name}", value, url=name.lower() in URL_HEADERS)


def scan_response(response: HttpResponse | TestResponse) -> Scan:
    scan = Scan()
    scan_headers(response.headers, scan)
    content_type = response["Content-Type"]
    if content_type.startswith("text/html"):
        scan_html(response.content.decode(), scan)
    elif "xml" in content_type:
        scan_xml(response.content, scan)
    elif content_type.startswith("text/plain"):
        for line in response.content.decode().splitlines():
            scan.value("text line", "text", line, url=True)
    else:
        pytest.fail(f"no scanner for {content_type}")
    return scan


# The negative control: each snippet leaks in one place, and the scan must say so.
BAD_HTML = {
    "datetime in Persian digits": '<time datetime="۲۰۱۷-۰۱-۰۸T15:26:00+00:00">x</time>',
    "datetime as a Solar Hijri date": '<time datetime="19 دی 1395">x</time>',
    "meta time in Arabic-Indic digits": (
        '<meta property="article:published_time" content="٢٠١٧-٠١-٠٨T15:26:00Z">'
    ),
    "JSON-LD date in Persian digits": (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "۱۳۹۵-۱۰-۱۹T18:56:00+03:30"}</script>'
    ),
    "JSON-LD date with a month name": (
        '<script type="application/ld+json">{"dateModified": "19 Dey 1395"}</script>'
    ),
    "link to a Persian-digit code, percent-encoded": (
        '<a href="/ar/news/%DB%B1%DB%B4%DB%B0%DB%B2%DB%B7">x</a>'
    ),
    "image in Arabic-Indic digits": '<img src="/media/photos/٢٠١٧/x.jpg" alt="">',
    "srcset in Persian digits": '<img srcset="/media/a.w480.webp 480w, /media/۱.webp 960w">',
    "our own search link with Persian digits": '<a href="/ar/search?q=%DB%B1%DB%B4">x</a>',
}
BAD_XML = {
    "RSS pubDate in the edition's calendar": (
        "<rss><channel><item><pubDate>یکشنبه ۱۹ دی ۱۳۹۵</pubDate></item></channel></rss>"
    ),
    "Atom updated with a month name": (
        '<feed xmlns="http://www.w3.org/2005/Atom"><updated>1395 Dey 19</updated></feed>'
    ),
    "sitemap lastmod in Persian digits": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        "<loc>http://testserver/ar/</loc><lastmod>۲۰۱۷-۰۱-۰۸</lastmod></url></urlset>"
    ),
    "sitemap loc with a Persian-digit code": (
        "<urlset><url><loc>http://testserver/ar/news/۱۴۰۲۷</loc></url></urlset>"
    ),
    "enclosure length in Persian digits": (
        '<rss><channel><item><enclosure url="http://testserver/m.jpg" length="۱۲۳"'
        ' type="image/jpeg"/></item></channel></rss>'
    ),
    "news publication date in Arabic-Indic digits": (
        '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        "<news:news><news:publication_date>٢٠١٧-٠١-٠٨</news:publication_date></news:news>"
        "</url></urlset>"
    ),
}
CLEAN_HTML = (
    '<p>رمز الخبر: ۱۴۰۲۷ - ۱۹ دی ۱۳۹۵</p><time datetime="2017-01-08T15:26:00+00:00">'
    "۱۹ دی ۱۳۹۵ - ۱۸:۵۶</time>"
    '<meta property="og:title" content="۱۲ کشته در دی">'
    '<meta property="article:published_time" content="2017-01-08T15:26:00+00:00">'
    '<script type="application/ld+json">{"headline": "۱۲ کشته", "keywords": ["دی"],'
    '"datePublished": "2017-01-08T15:26:00+00:00", "url": "http://testserver/fa/news/12"}'
    "</script>"
    f'<a href="/fa/tag/{quote("دی")}/">دی</a>'
    f'<a href="https://t.me/share/url?text={quote("۱۲ کشته")}">x</a>'
    f'<a href="mailto:?subject={quote("۱۲ کشته")}">x</a>'
)


@pytest.mark.parametrize("snippet", BAD_HTML.values(), ids=BAD_HTML.keys())
def test_the_scanner_catches_a_leak_in_a_page(snippet: str) -> None:
    scan = Scan()
    scan_html(snippet, scan)
    assert scan.leaks


@pytest.mark.parametrize("snippet", BAD_XML.values(), ids=BAD_XML.keys())
def test_the_scanner_catches_a_leak_in_a_feed_or_sitemap(snippet: str) -> None:
    scan = Scan()
    scan_xml(snippet.encode(), scan)
    assert scan.leaks


@pytest.mark.parametrize("value", ["Sun, 08 Jan 2017 ۱۵:26:00 GMT", "چهارشنبه 19 دی 1395", '"۱۲۳"'])
def test_the_scanner_catches_a_leak_in_a_header(value: str) -> None:
    scan = Scan()
    scan_headers({"Last-Modified": value}, scan)
    assert scan.leaks


def test_the_scanner_leaves_text_for_people_alone() -> None:
    scan = Scan()
    scan_html(CLEAN_HTML, scan)
    assert scan.leaks == []
    assert scan.checked["datetime"] == 1
    assert scan.checked["json-ld"] == 1
    assert "۱۴۰۲۷" in "".join(scan.visible)


# The site every scan reads: a page of each type with articles in all three editions.


@dataclass
class Site:
    ar: Article
    fa: Article
    en: Article
    section: Section


@pytest.fixture
def site(
    sample_article: Article,
    edition_fa: Edition,
    edition_en: Edition,
    media_root: Path,
    make_photo: MakePhoto,
    publish: Any,
) -> Site:
    section = Section.objects.create(
        edition=sample_article.edition, slug="سياسة", name="سياسة", position=1
    )
    services.article_update(
        actor=IMPORTER, article=sample_article, section=section, byline="مراسلنا", source="وكالات"
    )
    photo = make_photo(jpeg_bytes(1000, 600), caption="علي شمخاني", credit="إرنا")
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=photo)
    services.correction_add(actor=IMPORTER, article=sample_article, text="صُحّح اسم المسؤول.")
    fa = publish(
        edition_fa,
        "۱۲ کشته در حادثه جاده‌ای",
        lead="در این حادثه ۱۲ نفر کشته شدند.",
        keywords=["حادثه", "جاده"],
    )
    en = publish(edition_en, "Twelve killed on the road", keywords=["Accidents"])
    return Site(ar=sample_article, fa=fa, en=en, section=section)


def _article(article: Article) -> str:
    from khabar.core.links import article_path

    return article_path(article.edition.code, article.code, article.slug)


def _archive_day(article: Article) -> str:
    edition = article.edition
    assert article.published_at is not None
    local = to_calendar(to_local(article.published_at, edition.time_zone), edition.calendar)
    return f"/{edition.code}/archive/{local.year}/{local.month:02d}/{local.day:02d}/"


Page = Callable[[Site], str]
PAGES: dict[str, Page] = {
    "article ar": lambda s: _article(s.ar),
    "article fa": lambda s: _article(s.fa),
    "article en": lambda s: _article(s.en),
    "home ar": lambda s: "/ar/",
    "home fa": lambda s: "/fa/",
    "home en": lambda s: "/en/",
    "keyword ar": lambda s: f"/ar/tag/{quote('شمخاني')}/",
    "keyword fa": lambda s: f"/fa/tag/{quote('حادثه')}/",
}
# Page types that other issues build; until one is, its URL answers 404 and is skipped.
LATER_PAGES: dict[str, Page] = {
    "section": lambda s: f"/ar/section/{quote(s.section.slug)}/",
    "archive index": lambda s: "/ar/archive/",
    "archive day ar": lambda s: _archive_day(s.ar),
    "archive day fa": lambda s: _archive_day(s.fa),
    "print": lambda s: f"/ar/news/{s.ar.code}/print",
    "search": lambda s: f"/fa/search?q={quote('۱۲ کشته')}",
    "submit": lambda s: "/fa/submit",
}


def _feed(code: str, kind: str) -> Page:
    return lambda s: f"/{code}/{kind}.xml"


FEEDS: dict[str, Page] = {
    **{
        f"{kind} {code}": _feed(code, kind)
        for code in ("ar", "fa", "en")
        for kind in ("rss", "atom")
    },
    "section rss": lambda s: f"/ar/section/{quote(s.section.slug)}/rss.xml",
    "section atom": lambda s: f"/ar/section/{quote(s.section.slug)}/atom.xml",
    "keyword rss": lambda s: f"/fa/tag/{quote('حادثه')}/rss.xml",
    "keyword atom": lambda s: f"/ar/tag/{quote('شمخاني')}/atom.xml",
    "robots.txt": lambda s: "/robots.txt",
}


def assert_no_leak(response: HttpResponse | TestResponse, path: str) -> Scan:
    scan = scan_response(response)
    assert scan.leaks == [], f"{path}: {scan.leaks}"
    assert scan.checked["header"] > 0
    return scan


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_pages_keep_machine_outputs_ascii(client: Client, site: Site, page: Page) -> None:
    path = page(site)
    response = client.get(path)
    assert response.status_code == 200, path
    scan = assert_no_leak(response, path)
    assert scan.checked["url"] > 0


@pytest.mark.parametrize("page", LATER_PAGES.values(), ids=LATER_PAGES.keys())
def test_later_page_types_keep_machine_outputs_ascii(
    client: Client, site: Site, page: Page
) -> None:
    path = page(site)
    response = client.get(path, follow=True)
    if response.status_code == 404:
        pytest.skip(f"{path} is not built yet")
    assert response.status_code == 200, path
    assert_no_leak(response, path)


@pytest.mark.parametrize("path", ["/ar/news/99999", "/fa/no-such-page"])
def test_the_404_page_keeps_machine_outputs_ascii(client: Client, site: Site, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert_no_leak(response, path)


def test_the_page_of_a_taken_down_article_keeps_machine_outputs_ascii(
    client: Client, site: Site
) -> None:
    path = _article(site.ar)
    workflow.article_unpublish(actor=IMPORTER, article=site.ar)
    response = client.get(path)
    assert response.status_code == 410
    assert_no_leak(response, path)


@pytest.mark.parametrize("feed", FEEDS.values(), ids=FEEDS.keys())
def test_feeds_keep_machine_outputs_ascii(client: Client, site: Site, feed: Page) -> None:
    path = feed(site)
    response = client.get(path)
    assert response.status_code == 200, path
    assert_no_leak(response, path)


def test_every_sitemap_keeps_machine_outputs_ascii(client: Client, site: Site) -> None:
    response = client.get("/sitemap.xml")
    assert_no_leak(response, "/sitemap.xml")
    locations = [
        element.text or ""
        for element in parse_xml(response.content).iter()
        if _local(element.tag) == "loc"
    ]
    assert len(locations) == 12
    for location in locations:
        path = urlsplit(location).path
        assert_no_leak(client.get(path), path)


def test_feed_dates_are_read_by_the_scan(client: Client, site: Site) -> None:
    """The feed scan reads every date element, so a leak there could not slip by."""
    rss = scan_response(client.get("/fa/rss.xml"))
    atom = scan_response(client.get("/fa/atom.xml"))
    news = scan_response(client.get("/sitemap-news-fa.xml"))
    assert rss.checked["xml <pubDate>"] == 1
    assert rss.checked["xml <lastBuildDate>"] == 1
    assert atom.checked["xml <published>"] == 1
    assert news.checked["xml <publication_date>"] == 1
    assert news.checked["xml <lastmod>"] == 1


@pytest.mark.parametrize(("edition", "digits"), [("ar", "۱۴۰۲۷"), ("fa", "۱۲")])
def test_people_still_read_the_editions_own_digits(
    client: Client, site: Site, edition: str, digits: str
) -> None:
    article = site.ar if edition == "ar" else site.fa
    scan = scan_response(client.get(_article(article)))
    visible = "".join(scan.visible)
    assert digits in visible
    assert NON_ASCII_DIGITS.search(visible)
    assert scan.checked["datetime"] >= 1


def test_the_sample_is_shown_in_solar_hijri_but_dated_in_iso_8601(
    client: Client, site: Site
) -> None:
    response = client.get(_article(site.ar))
    html = response.content.decode()
    assert "۱۹ دی ۱۳۹۵" in html
    assert 'datetime="2017-01-08T15:26:00+00:00"' in html
    assert all(value.isascii() for _, value in response.items())


@pytest.mark.parametrize(
    "path",
    ["/ar/rss.xml", "/ar/atom.xml", "/ar/tag/السورية/rss.xml", "/sitemap-news-ar.xml"],
)
def test_control_characters_stored_before_cleaning_do_not_break_machine_outputs(
    client: Client, sample_article: Article, path: str
) -> None:
    """Rows stored before text was cleaned may hold control characters XML cannot carry:
    the outputs leave them out rather than failing whole."""
    keyword = sample_article.keywords.get(key=keyword_key("السورية"))
    # PostgreSQL's text cannot hold NUL at all, so only SQLite can have stored one.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    Keyword.objects.filter(pk=keyword.pk).update(name="السورية\x1b" + nul)
    Article.objects.filter(pk=sample_article.pk).update(
        headline="عنوان\x1b خبر",
        lead="مقدمة\x0b خبر",
        byline="كاتب\x07",
        # Within the news sitemap's 48 hours.
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    text = "".join(root.itertext()) + "".join(
        value for element in root.iter() for value in element.attrib.values()
    )
    assert "عنوان خبر" in text
    assert not any(char in text for char in "\x1b\x00\x0b\x07")


def test_a_keyword_typed_with_control_characters_is_stored_without_them(
    edition_ar: Edition,
) -> None:
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="خبر\x1b",
        published_at=timezone.now(),
        keywords=["a\x1bb", "\x1b\x00"],
    )
    assert [keyword.name for keyword in article.keywords.all()] == ["ab"]
    assert article.headline == "خبر"
