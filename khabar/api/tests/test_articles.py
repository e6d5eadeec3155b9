"""The article endpoints: published content only, canonical values beside display strings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.api.tests.conftest import get_json
from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_list
from khabar.photos.services import photo_create, photo_render
from khabar.photos.tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["14027", "۱۴۰۲۷", "١٤٠٢٧"])
def test_an_article_is_found_by_its_code_in_any_digits(
    client: Client, sample_article: Article, code: str
) -> None:
    body = get_json(client, f"/api/v1/articles/ar/{code}")
    assert body["code"] == 14027
    assert body["headline"] == sample_article.headline
    assert body["api_url"] == "http://testserver/api/v1/articles/ar/14027"


def test_machine_values_are_canonical_and_display_strings_are_the_editions(
    client: Client, sample_article: Article
) -> None:
    body = get_json(client, "/api/v1/articles/ar/14027")
    assert body["published_at"] == "2017-01-08T15:26:00Z"
    assert body["code_display"] == "۱۴۰۲۷"
    assert "۱۳۹۵" in body["published_display"] and "۱۸:۵۶" in body["published_display"]
    assert body["url"].startswith("http://testserver/ar/news/14027/")
    assert [keyword["name"] for keyword in body["keywords"]] == ["شمخاني", "السورية", "تجهيزهم"]


def test_a_code_that_is_not_a_number_or_unknown_is_a_json_404(
    client: Client, sample_article: Article
) -> None:
    for url in ("/api/v1/articles/ar/abc", "/api/v1/articles/ar/99999", "/api/v1/articles/xx/1"):
        body = get_json(client, url, status=404)
        assert body["status"] == 404 and body["message"]


def test_drafts_and_scheduled_articles_are_404(
    client: Client, edition_ar: Edition, newsroom: object
) -> None:
    draft = services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    get_json(client, f"/api/v1/articles/ar/{draft.code}", status=404)
    get_json(client, f"/api/v1/articles/ar/{draft.code}/ninjs", status=404)
    assert get_json(client, "/api/v1/articles")["items"] == []


def test_a_taken_down_article_is_410_with_a_message_and_leaves_the_lists(
    client: Client, sample_article: Article, newsroom: Any, on_commit: Callable
) -> None:
    get_json(client, "/api/v1/articles?edition=ar")
    on_commit(
        lambda: workflow.article_take_down(
            actor=newsroom.editor,
            article=sample_article,
            reason="legal",
        )
    )
    body = get_json(client, "/api/v1/articles/ar/14027", status=410)
    assert "withdrawn" in body["message"]
    assert get_json(client, "/api/v1/articles?edition=ar")["items"] == []


def test_the_list_is_newest_first_and_filters_by_section_and_keyword(
    client: Client, edition_fa: Edition, newsroom: Any, publish: Callable
) -> None:
    politics = newsroom.fa_politics
    first = publish(edition_fa, "یک", section=politics, keywords=["ایران"])
    second = publish(edition_fa, "دو", keywords=["ايران"])
    third = publish(edition_fa, "سه", section=politics)
    codes = [item["code"] for item in get_json(client, "/api/v1/articles?edition=fa")["items"]]
    assert codes == [third.code, second.code, first.code]
    by_section = get_json(client, "/api/v1/articles?edition=fa&section=politics")["items"]
    assert [item["code"] for item in by_section] == [third.code, first.code]
    # ي and ی are one keyword.
    by_keyword = get_json(client, "/api/v1/articles?edition=fa&keyword=ايران")["items"]
    assert [item["code"] for item in by_keyword] == [second.code, first.code]
    assert by_keyword[0]["keywords"] == ["ایران"]


def test_editions_sections_and_keywords_are_listed(
    client: Client, sample_article: Article, newsroom: object
) -> None:
    codes = [edition["code"] for edition in get_json(client, "/api/v1/editions")]
    assert set(codes) == {"fa", "ar", "en"}
    sections = get_json(client, "/api/v1/editions/fa/sections")
    # Same position: by name, اقتصادی before سیاسی.
    assert [section["slug"] for section in sections] == ["economy", "politics"]
    keywords = get_json(client, "/api/v1/editions/ar/keywords?limit=2")
    assert [keyword["name"] for keyword in keywords["items"]] == ["شمخاني", "السورية"]
    rest = get_json(client, f"/api/v1/editions/ar/keywords?cursor={keywords['next_cursor']}")
    assert [keyword["name"] for keyword in rest["items"]] == ["تجهيزهم"]
    assert rest["next_cursor"] is None


def test_keywords_only_of_drafts_are_not_listed(client: Client, edition_ar: Edition) -> None:
    services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="سر", keywords=["خبر لم ينشر"]
    )
    assert get_json(client, "/api/v1/editions/ar/keywords")["items"] == []


def test_a_page_of_the_list_costs_three_queries_whatever_it_holds(
    client: Client, edition_ar: Edition, publish: Callable, django_assert_num_queries: Callable
) -> None:
    for number in range(25):
        publish(edition_ar, f"خبر {number}", keywords=[f"كلمة {number}", "عام"])
    edition_list()  # the process's copy of the editions, read once (then one check a request)
    # The editions' generation, the page of articles with sections, their keywords.
    with django_assert_num_queries(3):
        assert len(get_json(client, "/api/v1/articles?edition=ar&limit=20")["items"]) == 20


def test_an_article_costs_three_queries_and_one_more_for_its_corrections(
    client: Client,
    sample_article: Article,
    django_assert_num_queries: Callable,
    on_commit: Callable,
) -> None:
    edition_list()  # the process's copy of the editions, read once (then one check a request)
    # The editions' generation, the article with its section (and whether it has
    # corrections), its keywords; its corrections only when it has some.
    with django_assert_num_queries(3):
        get_json(client, "/api/v1/articles/ar/14027")
    on_commit(
        lambda: services.correction_add(actor=IMPORTER, article=sample_article, text="صُحح الاسم.")
    )
    with django_assert_num_queries(4):
        found = get_json(client, "/api/v1/articles/ar/14027")
    assert [each["text"] for each in found["corrections"]] == ["صُحح الاسم."]


def test_the_main_photo_is_its_public_renditions_once_the_worker_made_them(
    client: Client, sample_article: Article, on_commit: Callable
) -> None:
    photo = photo_create(
        actor=IMPORTER, data=jpeg_bytes(1000, 600), alt="شمخاني يتحدث", caption="شمخاني"
    )
    on_commit(
        lambda: services.article_set_photo(actor=IMPORTER, article=sample_article, photo=photo)
    )
    assert get_json(client, "/api/v1/articles/ar/14027")["photo"] is None
    # The worker's renditions reach the cached answer: the photo's event makes it stale.
    on_commit(lambda: photo_render(photo_id=photo.pk))
    shown = get_json(client, "/api/v1/articles/ar/14027")["photo"]
    assert shown["url"].startswith("http://testserver/media/photos/")
    assert shown["url"].endswith("/full-1000.webp")  # the widest, never wider than the original
    assert (shown["width"], shown["height"]) == (1000, 600)
    assert (shown["alt"], shown["caption"], shown["credit"]) == ("شمخاني يتحدث", "شمخاني", "")
    assert [r["width"] for r in shown["renditions"]] == [480, 960, 1000]
    listed = get_json(client, "/api/v1/articles?edition=ar")["items"][0]["photo"]
    assert listed == shown
