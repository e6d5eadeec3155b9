"""RSS and Atom feeds: what partners' readers parse, with machine dates and absolute links."""

from __future__ import annotations

import datetime
import html
from pathlib import Path
from typing import Any

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core import surrogate
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.photos.services import photo_create
from khabar.photos.tests.images import MakePhoto
from khabar.syndication import feeds
from khabar.syndication.tests.conftest import jpeg_bytes

BASE = "http://testserver"
HOUR = datetime.timedelta(hours=1)
PERMALINK = f"{BASE}/ar/news/14027"
SECTION = "/ar/section/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9"  # سياسة
KEYWORD = "/ar/tag/%D8%B4%D9%85%D8%AE%D8%A7%D9%86%D9%8A"  # شمخاني
FEEDS = [
    "/ar/rss.xml",
    "/ar/atom.xml",
    f"{SECTION}/rss.xml",
    f"{SECTION}/atom.xml",
    f"{KEYWORD}/rss.xml",
    f"{KEYWORD}/atom.xml",
]


@pytest.fixture
def sample_in_section(sample_article: Article, section_ar: Section) -> Article:
    return services.article_update(actor=IMPORTER, article=sample_article, section=section_ar)


def parsed(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_parses_cleanly_and_lists_the_sample(
    client: Client, sample_in_section: Article, path: str
) -> None:
    feed = parsed(client, path)
    assert feed.feed.language == "ar"
    [entry] = feed.entries
    assert entry.title == sample_in_section.headline
    assert entry.link.startswith(f"{BASE}/ar/news/14027/")
    assert entry.id == PERMALINK
    assert entry.published_parsed[:6] == (2017, 1, 8, 15, 26, 0)
    assert entry.summary == sample_in_section.lead
    assert [tag.term for tag in entry.tags] == ["شمخاني", "السورية", "تجهيزهم"]


def test_rss_dates_are_rfc_822_in_utc_with_ascii_digits(
    client: Client, sample_article: Article
) -> None:
    xml = client.get("/ar/rss.xml").content.decode()
    assert "<pubDate>Sun, 08 Jan 2017 15:26:00 +0000</pubDate>" in xml
    assert '<guid isPermaLink="true">http://testserver/ar/news/14027</guid>' in xml


def test_atom_dates_are_rfc_3339_in_utc(client: Client, sample_article: Article) -> None:
    xml = client.get("/ar/atom.xml").content.decode()
    assert "<published>2017-01-08T15:26:00+00:00</published>" in xml
    assert '<feed xml:lang="ar"' in xml


def test_the_link_is_the_canonical_article_url_and_the_guid_survives_a_new_headline(
    client: Client, sample_article: Article
) -> None:
    services.article_update(actor=IMPORTER, article=sample_article, headline="عنوان جديد")
    [entry] = parsed(client, "/ar/rss.xml").entries
    assert (
        entry.link
        == f"{BASE}/ar/news/14027/%D8%B9%D9%86%D9%88%D8%A7%D9%86-%D8%AC%D8%AF%D9%8A%D8%AF"
    )
    assert entry.id == PERMALINK


@pytest.mark.parametrize("path", ["/ar/rss.xml", "/ar/atom.xml"])
def test_the_lead_reads_as_typed_even_with_markup_characters(
    client: Client, edition_ar: Edition, publish, path: str
) -> None:
    lead = "قال <script>المتحدث</script>: <لا تعليق> & غادر"
    publish(edition_ar, "خبر", lead=lead)
    [entry] = parsed(client, path).entries
    assert html.unescape(entry.summary) == lead


@pytest.mark.parametrize("path", ["/ar/rss.xml", "/ar/atom.xml"])
def test_the_byline_is_the_author(client: Client, edition_ar: Edition, publish, path: str) -> None:
    publish(edition_ar, "خبر بقلم مراسل", byline="مراسلنا في دمشق")
    [entry] = parsed(client, path).entries
    assert entry.author == "مراسلنا في دمشق"


def test_an_article_without_byline_names_no_rss_author(
    client: Client, sample_article: Article
) -> None:
    xml = client.get("/ar/rss.xml").content.decode()
    assert "dc:creator" not in xml
    assert "<author>" not in xml


@pytest.mark.parametrize("path", ["/ar/rss.xml", "/ar/atom.xml"])
def test_the_main_photo_is_an_enclosure_and_media_content(
    client: Client, sample_article: Article, media_root: Path, make_photo: MakePhoto, path: str
) -> None:
    photo = make_photo(jpeg_bytes(640, 480), caption="علي شمخاني", credit="إرنا")
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=photo)
    [entry] = parsed(client, path).entries
    [enclosure] = entry.enclosures
    # The widest public rendition: the original is private.
    widest = photo.rendition_list("full")[-1]
    photo_url = f"{BASE}/media/{widest.name}"
    assert enclosure.href == photo_url
    assert enclosure.type == "image/webp"
    assert int(enclosure.length) == (media_root / widest.name).stat().st_size
    [media] = entry.media_content
    assert media["url"] == photo_url
    assert media["medium"] == "image"
    assert media["type"] == "image/webp"
    assert (media["width"], media["height"]) == ("640", "480")
    assert entry.media_credit[0]["content"] == "إرنا"


def test_a_photo_not_yet_rendered_is_no_enclosure(
    client: Client, sample_article: Article, make_photo: MakePhoto
) -> None:
    photo = photo_create(actor=IMPORTER, data=jpeg_bytes(64, 48), alt="شمخاني")
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=photo)
    [entry] = parsed(client, "/ar/rss.xml").entries
    assert entry.enclosures == []


def test_an_article_without_photo_has_no_enclosure(client: Client, sample_article) -> None:
    [entry] = parsed(client, "/ar/rss.xml").entries
    assert entry.enclosures == []
    assert "media:content" not in client.get("/ar/rss.xml").content.decode()


def test_a_feed_lists_only_the_latest_published_articles_of_its_edition_newest_first(
    client: Client, edition_ar: Edition, edition_fa: Edition, publish, monkeypatch
) -> None:
    monkeypatch.setattr(feeds, "FEED_LENGTH", 2)
    hour = HOUR
    publish(edition_ar, "الأقدم", ago=3 * hour)
    publish(edition_ar, "الأوسط", ago=2 * hour)
    publish(edition_ar, "الأحدث", ago=hour)
    publish(edition_fa, "خبر فارسی", ago=hour / 2)
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    future = services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر قادم")
    workflow.article_publish(actor=IMPORTER, article=future, at=future.created_at + 5 * hour)
    titles = [entry.title for entry in parsed(client, "/ar/rss.xml").entries]
    assert titles == ["الأحدث", "الأوسط"]


def test_a_feed_holds_fifty_articles(client: Client) -> None:
    assert feeds.FEED_LENGTH == 50


def test_a_section_feed_lists_only_that_sections_articles(
    client: Client, sample_in_section: Article, edition_ar: Edition, publish
) -> None:
    publish(edition_ar, "خبر بلا قسم")
    titles = [entry.title for entry in parsed(client, f"{SECTION}/rss.xml").entries]
    assert titles == [sample_in_section.headline]
    assert len(parsed(client, "/ar/rss.xml").entries) == 2


@pytest.mark.parametrize("spelling", ["السورية", "السوریة", "السوريه"])
def test_a_keyword_feed_answers_any_spelling_of_the_keyword(
    client: Client, sample_article: Article, edition_ar: Edition, publish, spelling: str
) -> None:
    publish(edition_ar, "خبر آخر", keywords=["إيران"])
    feed = parsed(client, f"/ar/tag/{spelling}/rss.xml")
    assert [entry.title for entry in feed.entries] == [sample_article.headline]
    assert feed.feed.link == f"{BASE}/ar/tag/%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9/"


@pytest.mark.parametrize(
    "path",
    [
        "/xx/rss.xml",
        "/xx/atom.xml",
        "/ar/section/no-such-section/rss.xml",
        "/ar/section/no-such-section/atom.xml",
        "/ar/tag/لا-يوجد/rss.xml",
        "/ar/tag/لا-يوجد/atom.xml",
        "/xx/tag/شمخاني/rss.xml",
    ],
)
def test_unknown_edition_section_or_keyword_is_a_404(
    client: Client, sample_in_section: Article, path: str
) -> None:
    assert client.get(path).status_code == 404


def test_a_section_of_another_edition_is_a_404(client: Client, sample_in_section: Article) -> None:
    assert client.get(f"/fa/section/{SECTION.rsplit('/', 1)[1]}/rss.xml").status_code == 404


@pytest.mark.parametrize(
    ("path", "queries"),
    [("/ar/rss.xml", 3), (f"{SECTION}/rss.xml", 4), (f"{KEYWORD}/atom.xml", 4)],
)
def test_a_feed_runs_the_same_few_queries_however_many_items_it_lists(
    client: Client, sample_in_section: Article, section_ar: Section, publish, path, queries
) -> None:
    # edition, (section or keyword,) articles, their keywords
    for n in range(4):
        publish(sample_in_section.edition, f"خبر {n}", section=section_ar, keywords=["شمخاني"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert len(captured) == queries, [q["sql"] for q in captured]
    assert len(feedparser.parse(response.content).entries) == 5


def test_feeds_are_tagged_with_what_they_show(
    client: Client, sample_in_section: Article, section_ar: Section
) -> None:
    article = f"a{sample_in_section.pk}"
    assert surrogate.keys_of(client.get("/ar/rss.xml")) == {"ed-ar", "latest-ar", article}
    assert surrogate.keys_of(client.get(f"{SECTION}/atom.xml")) == {
        "ed-ar",
        f"s{section_ar.pk}",
        article,
    }
    shamkhani = sample_in_section.keywords.get(name="شمخاني")
    assert surrogate.keys_of(client.get(f"{KEYWORD}/rss.xml")) == {
        "ed-ar",
        f"k{shamkhani.pk}",
        article,
    }


def test_a_feed_says_when_it_last_changed(client: Client, sample_article: Article) -> None:
    response = client.get("/ar/rss.xml")
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert client.get("/ar/atom.xml")["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_atom_updated_is_the_publication_until_an_editor_changes_the_article(
    client: Client, edition_ar: Edition, publish, django_capture_on_commit_callbacks
) -> None:
    article = publish(edition_ar, "خبر", ago=48 * HOUR)
    published = article.published_at.astimezone(datetime.UTC).replace(microsecond=0)
    [entry] = parsed(client, "/ar/atom.xml").entries
    assert entry.updated == published.isoformat()
    Article.objects.filter(pk=article.pk).update(created_at=article.published_at)
    article.refresh_from_db()
    # After commit, the edit's event makes the page cache drop the feed showing the article.
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(actor=IMPORTER, article=article, lead="تفاصيل جديدة")
    [entry] = parsed(client, "/ar/atom.xml").entries
    assert (
        entry.updated
        == article.updated_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    )
    assert entry.published == published.isoformat()
