"""Newsroom changes invalidate exactly the cached pages that show them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from khabar.articles import events, services, workflow
from khabar.articles.models import Article, Keyword
from khabar.core.actors import IMPORTER
from khabar.editions import services as edition_services
from khabar.editions.models import Edition, Section

pytestmark = pytest.mark.urls("khabar.pagecache.tests.urls")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Callable) -> Callable:
    """Run a change as production does: events fire once its transaction commits."""

    def run(change: Callable[[], object]) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def warm(client: Client, *pages: str) -> None:
    for page in pages:
        client.get(page)
        assert client.get(page)["X-Cache"] == "HIT", page


def misses(client: Client, *pages: str) -> set[str]:
    return {page for page in pages if client.get(page)["X-Cache"] == "MISS"}


def keyword_ids(article: Article) -> list[int]:
    return list(article.keywords.order_by("articlekeyword__position").values_list("pk", flat=True))


def test_editing_an_article_invalidates_its_page_and_the_lists_it_is_in(
    client: Client, sample_article: Article, on_commit: Callable
) -> None:
    k1, _k2, k3 = keyword_ids(sample_article)
    a = sample_article.pk
    day = "day-ar-2017-01-08"  # 15:26 UTC is 18:56 in Tehran, the edition's zone
    affected = [f"/t/a{a}", f"/t/latest-ar,a{a + 1}", f"/t/k{k1}", f"/t/k{k3}", f"/t/{day}"]
    unrelated = [f"/t/a{a + 1}", "/t/latest-fa", "/t/top-ar", "/t/day-ar-2017-01-09", "/t/ed-ar"]
    warm(client, *affected, *unrelated)
    on_commit(
        lambda: services.article_update(
            actor=IMPORTER, article=sample_article, headline="عنوان جديد"
        )
    )
    assert misses(client, *affected, *unrelated) == set(affected)


def test_the_archive_day_is_the_editions_local_day(
    client: Client, edition_ar: Edition, on_commit: Callable
) -> None:
    # 22:00 UTC on 8 January is already 9 January in Tehran (+03:30).
    warm(client, "/t/day-ar-2017-01-09", "/t/day-ar-2017-01-08")
    on_commit(
        lambda: services.article_create(
            actor=IMPORTER,
            edition=edition_ar,
            headline="خبر متأخر",
            published_at=datetime.datetime(2017, 1, 8, 22, 0, tzinfo=datetime.UTC),
        )
    )
    assert misses(client, "/t/day-ar-2017-01-09", "/t/day-ar-2017-01-08") == {
        "/t/day-ar-2017-01-09"
    }


def test_publishing_invalidates_the_editions_latest_lists_its_section_and_keywords(
    client: Client, edition_ar: Edition, sample_article: Article, on_commit: Callable
) -> None:
    section = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    draft = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="مسودة",
        keywords=["شمخاني", "جديدة"],
        section=section,
    )
    shared, new = keyword_ids(draft)
    other_sample_keywords = [f"/t/k{k}" for k in keyword_ids(sample_article) if k != shared]
    affected = ["/t/latest-ar", f"/t/s{section.pk}", f"/t/k{shared}", f"/t/k{new}"]
    unrelated = ["/t/latest-fa", f"/t/a{sample_article.pk}", *other_sample_keywords]
    warm(client, *affected, *unrelated)
    on_commit(lambda: workflow.article_publish(actor=IMPORTER, article=draft))
    assert misses(client, *affected, *unrelated) == set(affected)


def test_unpublishing_invalidates_the_article_and_its_lists(
    client: Client, sample_article: Article, on_commit: Callable
) -> None:
    a = sample_article.pk
    warm(client, f"/t/a{a}", "/t/latest-ar", "/t/latest-en")
    on_commit(lambda: workflow.article_unpublish(actor=IMPORTER, article=sample_article))
    assert misses(client, f"/t/a{a}", "/t/latest-ar", "/t/latest-en") == {
        f"/t/a{a}",
        "/t/latest-ar",
    }


def test_a_correction_invalidates_the_article_page(
    client: Client, sample_article: Article, on_commit: Callable
) -> None:
    page = f"/article/{sample_article.pk}"
    warm(client, page, "/t/latest-fa")
    on_commit(lambda: services.correction_add(actor=IMPORTER, article=sample_article, text="تصحيح"))
    assert misses(client, page, "/t/latest-fa") == {page}


def test_a_keyword_change_invalidates_its_page_and_the_articles_showing_it(
    client: Client, sample_article: Article, edition_ar: Edition, on_commit: Callable
) -> None:
    k1, k2, _k3 = keyword_ids(sample_article)
    other = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="آخر", keywords=["أخرى"]
    )
    pages = [f"/t/k{k1}", f"/t/a{sample_article.pk}", f"/t/k{k2}", f"/t/a{other.pk}"]
    warm(client, *pages)
    keyword = Keyword.objects.get(pk=k1)
    on_commit(lambda: events.keyword_changed.send(sender=Keyword, keyword=keyword))
    assert misses(client, *pages) == {f"/t/k{k1}", f"/t/a{sample_article.pk}"}


def test_new_top_stories_invalidate_the_editions_top_stories_only(
    client: Client, sample_article: Article, edition_ar: Edition, on_commit: Callable
) -> None:
    warm(client, "/t/top-ar", "/t/top-fa", "/t/latest-ar", f"/t/a{sample_article.pk}")
    on_commit(
        lambda: services.top_stories_set(
            actor=IMPORTER, edition=edition_ar, articles=[sample_article]
        )
    )
    assert misses(client, "/t/top-ar", "/t/top-fa", "/t/latest-ar", f"/t/a{sample_article.pk}") == {
        "/t/top-ar"
    }


def test_saving_an_edition_invalidates_its_pages_once_committed(
    client: Client, edition_ar: Edition, on_commit: Callable
) -> None:
    warm(client, "/t/ed-ar", "/t/ed-fa")
    on_commit(
        lambda: edition_services.edition_update(
            actor=IMPORTER, edition=edition_ar, newsroom_email="news@khabar.example"
        )
    )
    assert misses(client, "/t/ed-ar", "/t/ed-fa") == {"/t/ed-ar"}


def test_renaming_or_deleting_a_section_invalidates_its_pages(
    client: Client, edition_ar: Edition, on_commit: Callable
) -> None:
    section = Section.objects.create(edition=edition_ar, slug="sport", name="رياضة")
    other = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    page, other_page = f"/t/s{section.pk}", f"/t/s{other.pk}"
    warm(client, page, other_page, "/t/ed-ar", "/t/ed-fa")
    on_commit(
        lambda: edition_services.section_update(actor=IMPORTER, section=section, name="الرياضة")
    )
    # The renamed section's page, and every page of the edition: their headers list it.
    assert misses(client, page, other_page, "/t/ed-ar", "/t/ed-fa") == {page, "/t/ed-ar"}
    warm(client, page, other_page)
    on_commit(lambda: edition_services.section_delete(actor=IMPORTER, section=section))
    assert misses(client, page, other_page) == {page}


def test_a_change_rolled_back_invalidates_nothing(
    client: Client, sample_article: Article, django_capture_on_commit_callbacks: Callable
) -> None:
    warm(client, f"/t/a{sample_article.pk}")
    with django_capture_on_commit_callbacks(execute=False):
        services.correction_add(actor=IMPORTER, article=sample_article, text="تصحيح")
    assert misses(client, f"/t/a{sample_article.pk}") == set()
