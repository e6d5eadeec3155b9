"""Filters the engine applies inside its match: on SQLite the edition and the section are
tokens of the full-text index (migration 0008), so a filtered search intersects posting
lists instead of checking each of the word's matches across the site."""

from __future__ import annotations

import pytest

from khabar.articles import services
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.search.backends import Order
from khabar.search.tests.conftest import Find, MakeArticle

pytestmark = pytest.mark.django_db


def test_a_section_filter_skips_the_word_s_matches_in_other_sections(
    edition_ar: Edition, make_article: MakeArticle, find: Find, sqlite_steps: list[int]
) -> None:
    # The word is common on the site and rare in the section: were the section checked on
    # each match, FTS5 would hand over all 400 matches of the other section.
    economy = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    sport = Section.objects.create(edition=edition_ar, slug="sport", name="رياضة")
    rare = [make_article(edition_ar, "الاقتصادي", section=sport) for _ in range(3)]
    for _ in range(400):
        make_article(edition_ar, "الاقتصادي", section=economy)
    sqlite_steps[0] = 0
    found = find(edition_ar, "الاقتصادي", order=Order.DATE, section_id=sport.pk)
    narrow = sqlite_steps[0]
    sqlite_steps[0] = 0
    everything = find(edition_ar, "الاقتصادي", order=Order.DATE)
    whole = sqlite_steps[0]
    assert sorted(found) == sorted(a.pk for a in rare)
    assert len(everything) == 403
    assert narrow * 20 < whole, (narrow, whole)


def test_an_edition_s_search_skips_the_other_edition_s_matches(
    edition_ar: Edition,
    edition_fa: Edition,
    make_article: MakeArticle,
    find: Find,
    sqlite_steps: list[int],
) -> None:
    # Arabic and Persian share words ("ایران"): the Persian edition's 400 must not be walked.
    ours = [make_article(edition_ar, "ایران") for _ in range(3)]
    for _ in range(400):
        make_article(edition_fa, "ایران")
    sqlite_steps[0] = 0
    found = find(edition_ar, "ایران", order=Order.DATE)
    narrow = sqlite_steps[0]
    sqlite_steps[0] = 0
    theirs = find(edition_fa, "ایران", order=Order.DATE)
    whole = sqlite_steps[0]
    assert sorted(found) == sorted(a.pk for a in ours)
    assert len(theirs) == 400
    assert narrow * 20 < whole, (narrow, whole)


def test_an_article_moved_to_another_section_is_found_in_that_section_only(
    edition_ar: Edition, make_article: MakeArticle, find: Find, django_capture_on_commit_callbacks
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    world = Section.objects.create(edition=edition_ar, slug="world", name="العالم")
    article = make_article(edition_ar, "سوريا", section=politics)
    unfiled = make_article(edition_ar, "سوريا")
    assert find(edition_ar, "سوريا", section_id=politics.pk) == [article.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(actor=IMPORTER, article=article, section=world)
    assert find(edition_ar, "سوريا", section_id=politics.pk) == []
    assert find(edition_ar, "سوريا", section_id=world.pk) == [article.pk]
    assert set(find(edition_ar, "سوريا")) == {article.pk, unfiled.pk}
