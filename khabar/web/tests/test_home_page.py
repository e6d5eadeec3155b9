"""The edition home: top stories, latest, most viewed, a block per section."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import TopStory
from khabar.core import surrogate
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.web import views
from khabar.web.tests.conftest import MakeArticle, count_queries


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_top_stories_come_first_in_the_editors_order(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    first, _second, third = (make_article(edition_ar, f"قصة {n}") for n in "١٢٣")
    services.top_stories_set(actor=IMPORTER, edition=edition_ar, articles=[third, first])
    html = client.get("/ar/").content.decode()
    top = _between(html, 'class="top-stories"', "</section>")
    assert top.index("قصة ٣") < top.index("قصة ١")
    assert "قصة ٢" not in top
    latest = _between(html, 'class="latest"', "</section>")
    assert "قصة ٢" in latest and "قصة ٣" not in latest


def test_a_top_story_taken_down_or_not_yet_out_is_left_out(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    shown, taken_down = make_article(edition_ar, "ظاهرة"), make_article(edition_ar, "محذوفة")
    later = make_article(
        edition_ar, "لاحقة", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    services.top_stories_set(
        actor=IMPORTER, edition=edition_ar, articles=[later, taken_down, shown]
    )
    workflow.article_unpublish(actor=IMPORTER, article=taken_down)
    html = client.get("/ar/").content.decode()
    top = _between(html, 'class="top-stories"', "</section>")
    assert "ظاهرة" in top
    assert "محذوفة" not in html and "لاحقة" not in html


def test_a_top_story_row_of_another_edition_is_left_out(
    client: Client, edition_ar: Edition, edition_en: Edition, make_article: MakeArticle
) -> None:
    """The desk refuses it (top_stories_set); a row written around the services must still
    not show another edition's article under this edition's URLs."""
    ours, theirs = make_article(edition_ar, "قصتنا"), make_article(edition_en, "Their story")
    services.top_stories_set(actor=IMPORTER, edition=edition_ar, articles=[ours])
    TopStory.objects.create(edition=edition_ar, article=theirs, position=1)
    top = _between(client.get("/ar/").content.decode(), 'class="top-stories"', "</section>")
    assert "قصتنا" in top
    assert "Their story" not in top


def test_latest_lists_newest_first_without_drafts(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "أقدم")
    make_article(edition_ar, "أحدث")
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    html = client.get("/ar/").content.decode()
    assert html.index("أحدث") < html.index("أقدم")
    assert "مسودة" not in html


def test_each_section_shows_its_newest_few(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    economy = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    for n in range(6):
        make_article(edition_ar, f"سياسي {n}", section=politics)
    make_article(edition_ar, "اقتصادي", section=economy)
    html = client.get("/ar/").content.decode()
    block = _between(html, f'aria-labelledby="section-{politics.pk}"', "</section>")
    assert [f"سياسي {n}" in block for n in range(6)] == [False, False, True, True, True, True]
    assert "اقتصادي" in _between(html, f'aria-labelledby="section-{economy.pk}"', "</section>")


def test_most_viewed_lists_both_windows(
    client: Client, edition_ar: Edition, make_article: MakeArticle, monkeypatch
) -> None:
    day, week = make_article(edition_ar, "الأكثر اليوم"), make_article(edition_ar, "الأكثر أسبوعا")
    asked = []

    def most_viewed(*, edition: Edition, days: int, limit: int) -> list:
        asked.append(days)
        return [day] if days == 1 else [week, day]

    monkeypatch.setattr(views, "most_viewed", most_viewed)
    response = client.get("/ar/")
    html = response.content.decode()
    assert sorted(asked) == [1, 7]
    viewed = _between(html, 'class="most-viewed"', "</aside>")
    assert "الأكثر اليوم" in _between(viewed, "most-viewed-day", "</section>")
    assert "الأكثر أسبوعا" in _between(viewed, "most-viewed-week", "</section>")
    assert surrogate.article_key(week.pk) in surrogate.keys_of(response)


def test_home_is_tagged_with_membership_and_every_article_shown(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    top = make_article(edition_ar, "الأولى")
    other = make_article(edition_ar, "الثانية", section=politics)
    services.top_stories_set(actor=IMPORTER, edition=edition_ar, articles=[top])
    keys = surrogate.keys_of(client.get("/ar/"))
    assert keys >= {
        surrogate.edition_key("ar"),
        surrogate.latest_key("ar"),
        surrogate.top_stories_key("ar"),
        surrogate.section_key(politics.pk),
        surrogate.article_key(top.pk),
        surrogate.article_key(other.pk),
    }


def test_home_runs_the_same_few_queries_whatever_the_archive(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    sections = [
        Section.objects.create(edition=edition_ar, slug=f"s{n}", name=f"قسم {n}") for n in range(3)
    ]
    services.top_stories_set(
        actor=IMPORTER, edition=edition_ar, articles=[make_article(edition_ar)]
    )
    make_article(edition_ar)  # the latest list is not empty: its comment counts are read
    few, response = count_queries(client, "/ar/")
    assert response.status_code == 200
    for n in range(60):
        make_article(edition_ar, section=sections[n % 3])
    Section.objects.create(edition=edition_ar, slug="new", name="جديد")
    cache.clear()  # the most-read rankings made again too (they are kept a minute)
    many, response = count_queries(client, "/ar/")
    assert response.status_code == 200
    assert few == many <= 10


def test_header_links_every_edition_in_its_own_language(
    client: Client, edition_ar: Edition
) -> None:
    html = client.get("/en/").content.decode()
    assert '<a href="/fa/" lang="fa" dir="rtl" hreflang="fa">خبر</a>' in html
    assert '<a href="/ar/" lang="ar" dir="rtl" hreflang="ar">خبر العربي</a>' in html
    assert 'aria-current="true">Khabar English</a>' in html


def test_home_links_its_feed_archive_and_canonical(client: Client, edition_en: Edition) -> None:
    html = client.get("/en/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Khabar English" '
        'href="/en/rss.xml">' in html
    )
    assert 'href="/en/archive/"' in html
    assert '<link rel="canonical" href="http://testserver/en/">' in html
    assert '<meta property="og:url" content="http://testserver/en/">' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("path", ["/xx/", "/arabic/", "/AR/"])
def test_unknown_editions_are_a_404(client: Client, edition_ar: Edition, path: str) -> None:
    assert client.get(path).status_code == 404
