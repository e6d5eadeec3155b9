"""Sitemaps and robots.txt, read element by element as a crawler reads them."""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core import surrogate
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.pagecache.cache import page_cache
from khabar.photos.services import photo_create
from khabar.photos.tests.images import MakePhoto, jpeg_bytes
from khabar.syndication import sitemaps
from khabar.syndication.tests.conftest import NS, W3C_DATETIME, parse_xml

IMAGE_NS = {**NS, "image": "http://www.google.com/schemas/sitemap-image/1.1"}

BASE = "http://testserver"
HOUR = datetime.timedelta(hours=1)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def urlset(client: Client, path: str) -> list[dict[str, str]]:
    """The `<url>` entries of a sitemap, each checked for a `loc` and a W3C `lastmod`."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = []
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc and loc.startswith(f"{BASE}/"), loc
        lastmod = url.findtext("sm:lastmod", namespaces=NS)
        assert lastmod is not None and re.fullmatch(W3C_DATETIME, lastmod), lastmod
        entries.append({"loc": loc, "lastmod": lastmod})
    assert len(entries) <= 50_000
    return entries


def index(client: Client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    found = {}
    for sitemap in root.findall("sm:sitemap", NS):
        loc = sitemap.findtext("sm:loc", namespaces=NS)
        assert loc and loc.startswith(f"{BASE}/sitemap-"), loc
        lastmod = sitemap.findtext("sm:lastmod", namespaces=NS)
        assert lastmod is None or re.fullmatch(W3C_DATETIME, lastmod), lastmod
        found[path_of(loc)] = lastmod
    return found


def test_the_index_lists_articles_sections_keywords_and_news_of_every_edition(
    client: Client, sample_article: Article
) -> None:
    listed = index(client)
    assert set(listed) == {
        f"/sitemap-{kind}-{code}.xml"
        for kind in ("articles", "sections", "keywords", "news")
        for code in ("fa", "ar", "en")
    }
    assert listed["/sitemap-keywords-ar.xml"] == "2017-01-08T15:26:00+00:00"
    assert listed["/sitemap-articles-fa.xml"] is None  # nothing published there yet
    for path in listed:
        assert client.get(path).status_code == 200


def test_an_article_sitemap_lists_canonical_urls_with_their_last_change(
    client: Client, sample_article: Article, edition_ar: Edition
) -> None:
    draft = services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    [entry] = urlset(client, "/sitemap-articles-ar.xml")
    assert entry["loc"].startswith(f"{BASE}/ar/news/14027/%D8%A3%D9%83%D8%AF-")
    # Imported today, published in 2017: the import is no change a crawler should hear of.
    assert entry["lastmod"] == "2017-01-08T15:26:00+00:00"
    assert f"/ar/news/{draft.code}" not in client.get("/sitemap-articles-ar.xml").content.decode()
    assert urlset(client, "/sitemap-articles-fa.xml") == []


@pytest.mark.parametrize("path", ["/sitemap-articles-ar.xml", "/sitemap-news-ar.xml"])
def test_an_articles_main_photo_is_its_image_entry_once_rendered(
    client: Client, edition_ar: Edition, publish, make_photo: MakePhoto, path: str
) -> None:
    pictured = publish(edition_ar, "خبر مصور")
    photo = make_photo(jpeg_bytes(800, 600))
    services.article_set_photo(actor=IMPORTER, article=pictured, photo=photo)
    waiting = publish(edition_ar, "صورة قيد المعالجة")
    unrendered = photo_create(actor=IMPORTER, data=jpeg_bytes(80, 60), alt="صورة")
    services.article_set_photo(actor=IMPORTER, article=waiting, photo=unrendered)
    publish(edition_ar, "بلا صورة")
    root = parse_xml(client.get(path).content)
    images = {
        path_of(url.findtext("sm:loc", namespaces=NS) or "").split("/")[3]: [
            loc.text for loc in url.iterfind("image:image/image:loc", IMAGE_NS)
        ]
        for url in root.iterfind("sm:url", NS)
    }
    widest = photo.rendition_list("full")[-1]
    assert images[str(pictured.code)] == [f"{BASE}{widest.url}"]
    assert images[str(waiting.code)] == []
    assert len(images) == 3 and sum(map(len, images.values())) == 1


def test_an_edit_made_after_publication_is_the_articles_lastmod(
    client: Client, edition_ar: Edition, publish
) -> None:
    article = publish(edition_ar, "خبر", ago=48 * HOUR)
    Article.objects.filter(pk=article.pk).update(created_at=article.published_at)
    article.refresh_from_db()
    services.article_update(actor=IMPORTER, article=article, lead="تفاصيل جديدة")
    [entry] = urlset(client, "/sitemap-articles-ar.xml")
    assert entry["lastmod"] == article.updated_at.astimezone(datetime.UTC).isoformat(
        timespec="seconds"
    )


def test_article_sitemaps_split_into_pages_in_code_order(
    client: Client, edition_ar: Edition, publish, monkeypatch
) -> None:
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    # Published newest-first in code order, so code order differs from date order.
    codes = [publish(edition_ar, f"خبر {n}", ago=n * HOUR).code for n in range(1, 6)]
    listed = index(client)
    assert [p for p in listed if p.startswith("/sitemap-articles-ar.xml")] == [
        "/sitemap-articles-ar.xml",
        "/sitemap-articles-ar.xml?p=2",
        "/sitemap-articles-ar.xml?p=3",
    ]
    pages = [urlset(client, f"/sitemap-articles-ar.xml?p={page}") for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    listed_codes = [int(urlsplit(e["loc"]).path.split("/")[3]) for page in pages for e in page]
    assert listed_codes == sorted(codes)
    assert client.get("/sitemap-articles-ar.xml?p=4").status_code == 404
    assert client.get("/sitemap-articles-ar.xml?p=x").status_code == 404


def test_the_protocol_limit_is_fifty_thousand_urls_a_file() -> None:
    assert sitemaps.ArticleSitemap.limit == 50_000
    assert sitemaps.KeywordSitemap.limit == 50_000


def test_the_sections_sitemap_lists_home_and_sections_with_articles(
    client: Client, sample_article: Article, section_ar: Section, edition_ar: Edition
) -> None:
    Section.objects.create(edition=edition_ar, slug="empty", name="فارغ")
    services.article_update(actor=IMPORTER, article=sample_article, section=section_ar)
    locs = [e["loc"] for e in urlset(client, "/sitemap-sections-ar.xml")]
    assert locs == [f"{BASE}/ar/", f"{BASE}/ar/section/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/"]


def test_the_keywords_sitemap_lists_keywords_of_published_articles_only(
    client: Client, sample_article: Article, edition_ar: Edition
) -> None:
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة", keywords=["سر"])
    entries = urlset(client, "/sitemap-keywords-ar.xml")
    assert [e["loc"] for e in entries] == [
        f"{BASE}/ar/tag/%D8%B4%D9%85%D8%AE%D8%A7%D9%86%D9%8A/",
        f"{BASE}/ar/tag/%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9/",
        f"{BASE}/ar/tag/%D8%AA%D8%AC%D9%87%D9%8A%D8%B2%D9%87%D9%85/",
    ]
    assert {e["lastmod"] for e in entries} == {"2017-01-08T15:26:00+00:00"}


def news(client: Client, path: str) -> list[dict[str, str | None]]:
    response = client.get(path)
    assert response.status_code == 200
    assert (
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in response.content.decode()
    )
    root = parse_xml(response.content)
    entries = []
    for url in root.findall("sm:url", NS):
        item = url.find("news:news", NS)
        assert item is not None
        publication = item.find("news:publication", NS)
        assert publication is not None
        published = item.findtext("news:publication_date", namespaces=NS)
        assert published and re.fullmatch(W3C_DATETIME, published), published
        entries.append(
            {
                "loc": url.findtext("sm:loc", namespaces=NS),
                "name": publication.findtext("news:name", namespaces=NS),
                "language": publication.findtext("news:language", namespaces=NS),
                "published": published,
                "title": item.findtext("news:title", namespaces=NS),
            }
        )
    assert len(entries) <= 1000
    return entries


def test_the_news_sitemap_lists_only_the_last_48_hours(
    client: Client, sample_article: Article, edition_ar: Edition, publish
) -> None:
    fresh = publish(edition_ar, "خبر عاجل", ago=HOUR)
    publish(edition_ar, "خبر قديم", ago=72 * HOUR)
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    [entry] = news(client, "/sitemap-news-ar.xml")
    assert entry == {
        "loc": f"{BASE}/ar/news/{fresh.code}/{quote(fresh.slug)}",
        "name": "خبر العربي",
        "language": "ar",
        "published": fresh.published_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "title": "خبر عاجل",
    }


@pytest.mark.parametrize(("code", "name", "language"), [("fa", "خبر", "fa"), ("en", None, "en")])
def test_the_news_sitemap_names_each_editions_publication_and_language(
    client: Client, db: None, publish, code: str, name: str | None, language: str
) -> None:
    edition = Edition.objects.get(code=code)
    publish(edition, "Headline & <more>")
    [entry] = news(client, f"/sitemap-news-{code}.xml")
    assert entry["name"] == (name or edition.name)
    assert entry["language"] == language
    assert entry["title"] == "Headline & <more>"


def test_the_news_sitemap_holds_at_most_its_limit_newest_first(
    client: Client, edition_ar: Edition, publish, monkeypatch
) -> None:
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    for n in range(1, 4):
        publish(edition_ar, f"خبر {n}", ago=n * HOUR)
    assert [e["title"] for e in news(client, "/sitemap-news-ar.xml")] == ["خبر 1", "خبر 2"]


def test_google_news_reads_at_most_a_thousand_urls() -> None:
    assert sitemaps.NEWS_LIMIT == sitemaps.NewsSitemap.limit == 1000


@pytest.mark.parametrize(
    "path",
    ["/sitemap-articles-xx.xml", "/sitemap-blog-ar.xml", "/sitemap-news.xml", "/sitemap-.xml"],
)
def test_unknown_sitemaps_are_a_404(client: Client, sample_article: Article, path: str) -> None:
    assert client.get(path).status_code == 404


def test_sitemaps_are_tagged_for_the_page_cache(
    client: Client, sample_article: Article, edition_ar: Edition, section_ar: Section, publish
) -> None:
    fresh = publish(edition_ar, "خبر عاجل", section=section_ar)
    assert surrogate.keys_of(client.get("/sitemap-articles-ar.xml")) == {"ed-ar", "latest-ar"}
    assert surrogate.keys_of(client.get("/sitemap-news-ar.xml")) == {
        "ed-ar",
        "latest-ar",
        f"a{fresh.pk}",
    }
    assert surrogate.keys_of(client.get("/sitemap-sections-ar.xml")) == {
        "ed-ar",
        "latest-ar",
        f"s{section_ar.pk}",
    }
    assert {"latest-fa", "latest-ar", "latest-en"} <= surrogate.keys_of(client.get("/sitemap.xml"))


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_newsroom(
    client: Client,
) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /newsroom/" in lines
    assert "Disallow: /*/news/*/print$" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


@pytest.mark.parametrize("kind", ["articles", "sections", "keywords", "news"])
def test_a_sitemap_page_runs_the_same_few_queries_however_many_urls_it_lists(
    client: Client, edition_ar: Edition, publish, kind: str
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/sitemap-{kind}-ar.xml").status_code == 200
        return len(captured)

    publish(edition_ar, "خبر", keywords=["أ"])
    few = queries()
    for n in range(5):
        publish(edition_ar, f"خبر {n}", keywords=[f"كلمة {n}", "أ"])
    caches["default"].clear()
    page_cache.cache_clear()  # without Redis the pages are kept in the page cache itself
    assert queries() == few <= 3
