from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

import pytest

from khabar.articles import limits, services, workflow
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article, ArticleKeyword, Keyword, keyword_key
from khabar.articles.selectors import article_get_for_page, article_related
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section

BASE_TIME = datetime.datetime(2020, 5, 1, 9, 30, tzinfo=datetime.UTC)

Make = Callable[..., Article]


@pytest.fixture
def make(edition_ar: Edition) -> Make:
    """A published article, each one minute after the previous unless told."""
    minutes = iter(range(1, 100_000))

    def make(headline: str = "خبر", **fields: Any) -> Article:
        fields.setdefault("published_at", BASE_TIME + datetime.timedelta(minutes=next(minutes)))
        return services.article_create(
            actor=IMPORTER, edition=edition_ar, headline=headline, **fields
        )

    return make


@pytest.fixture
def section(edition_ar: Edition) -> Section:
    return Section.objects.create(edition=edition_ar, slug="politics", name="سياسة", position=1)


def _related(article: Article, limit: int = 6) -> list[Article]:
    """What the article's page shows, reading the article as the page does."""
    page = article_get_for_page(edition=article.edition, code=article.code)
    assert page is not None
    return article_related(article=page, limit=limit)


def _reference(article: Article, limit: int = 6) -> list[Article]:
    """The meaning of `article_related`, written the obvious (slow) way."""
    published = Article.objects.published().exclude(pk=article.pk).latest_first()
    sharing = list(
        published.filter(articlekeyword__keyword__articlekeyword__article=article).distinct()
    )
    same_section = list(published.filter(section_id=article.section_id or -1))
    found = {a.pk: a for a in [*sharing[:limit], *same_section[:limit]]}
    return list(found.values())[:limit]


def test_related_articles_share_a_keyword_newest_first_then_fill_up_from_the_section(
    make: Make, section: Section
) -> None:
    older = make("أقدم", keywords=["شمخاني"])
    same_section = make("من القسم", section=section)
    newer = make("أحدث", keywords=["السورية"])
    make("لا علاقة")
    article = make("الخبر", keywords=["شمخاني", "السورية"], section=section)
    assert _related(article) == [newer, older, same_section]


def test_related_articles_leave_out_the_article_itself_drafts_and_what_is_not_out_yet(
    make: Make, edition_ar: Edition
) -> None:
    shown = make("منشور", keywords=["شمخاني"])
    services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="مسودة", keywords=["شمخاني"]
    )
    make(
        "غدا",
        keywords=["شمخاني"],
        published_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1),
    )
    scheduled = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="مجدول", keywords=["شمخاني"]
    )
    workflow.article_publish(
        actor=IMPORTER,
        article=scheduled,
        at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1),
    )
    article = make("الخبر", keywords=["شمخاني"])
    assert _related(article) == [shown]


def test_an_unpublished_article_leaves_the_related_list_and_comes_back_when_republished(
    make: Make,
) -> None:
    first = make("أول", keywords=["شمخاني"])
    second = make("ثان", keywords=["شمخاني"])
    article = make("الخبر", keywords=["شمخاني"])
    workflow.article_unpublish(actor=IMPORTER, article=second)
    assert _related(article) == [first]
    workflow.article_return_to_draft(actor=IMPORTER, article=second)
    workflow.article_publish(actor=IMPORTER, article=second, at=BASE_TIME)
    assert _related(article) == [first, second]


def test_an_article_published_again_later_moves_up_the_related_list(make: Make) -> None:
    first = make("أول", keywords=["شمخاني"])
    second = make("ثان", keywords=["شمخاني"])
    article = make("الخبر", keywords=["شمخاني"])
    assert _related(article) == [second, first]
    workflow.article_redate(
        actor=IMPORTER, article=first, published_at=BASE_TIME + datetime.timedelta(days=1)
    )
    assert _related(article) == [first, second]


def test_changing_an_articles_keywords_changes_where_it_is_related(make: Make) -> None:
    moved = make("منقول", keywords=["شمخاني"])
    by_old = make("الخبر القديم", keywords=["شمخاني"])
    by_new = make("الخبر الجديد", keywords=["السورية"])
    services.article_update(actor=IMPORTER, article=moved, keywords=["السورية"])
    assert _related(by_old) == []
    assert _related(by_new) == [moved]


def test_articles_published_at_the_same_time_are_related_in_news_code_order(
    make: Make,
) -> None:
    same_time = [make(f"خبر {n}", keywords=["شمخاني"], published_at=BASE_TIME) for n in range(4)]
    article = make("الخبر", keywords=["شمخاني"])
    assert _related(article, limit=3) == sorted(same_time, key=lambda a: -a.code)[:3]


def test_bulk_written_articles_are_related_like_those_written_one_by_one(
    edition_ar: Edition, make: Make
) -> None:
    articles_bulk_create(
        edition=edition_ar,
        items=[
            BulkArticle(headline="قديم", keywords=["شمخاني"], published_at=BASE_TIME),
            BulkArticle(headline="مسودة", keywords=["شمخاني"]),
            BulkArticle(
                headline="جديد",
                keywords=["شمخاني"],
                published_at=BASE_TIME + datetime.timedelta(days=1),
            ),
        ],
    )
    article = make("الخبر", keywords=["شمخاني"])
    assert [a.headline for a in _related(article)] == ["جديد", "قديم"]


def test_related_articles_are_the_newest_even_when_a_keyword_has_many(
    make: Make, section: Section
) -> None:
    """Each keyword is asked only for its newest few; together they still give the newest."""
    rng = random.Random(5)
    names = ["شمخاني", "السورية", "تجهيزهم", "إيران"]
    published = [
        make(
            f"خبر {n}",
            keywords=rng.sample(names, rng.randint(0, 3)),
            section=section if rng.random() < 0.3 else None,
            published_at=BASE_TIME + datetime.timedelta(minutes=rng.randint(0, 40)),
        )
        for n in range(60)
    ]
    for article in rng.sample(published, 10):
        workflow.article_unpublish(actor=IMPORTER, article=article)
    for article in rng.sample(published, 12):
        assert _related(article) == _reference(article)


@pytest.mark.parametrize(("sharing", "queries"), [(12, 1), (5, 2), (0, 2)])
def test_related_articles_take_two_queries_at_most_whatever_the_number_of_keywords(
    make: Make,
    section: Section,
    django_assert_num_queries: Callable[..., Any],
    sharing: int,
    queries: int,
) -> None:
    """One when the keywords' cards fill the list: the section's is not asked."""
    names = [f"كلمة {n}" for n in range(12)]
    for name in names[:sharing]:
        make(keywords=[name])
    for _ in range(6):
        make(section=section)
    page = article_get_for_page(
        edition=section.edition, code=make(keywords=names, section=section).code
    )
    assert page is not None
    with django_assert_num_queries(queries):
        related = article_related(article=page)
    assert len(related) == 6
    assert sum(each.section_id == section.pk for each in related) == 6 - min(sharing, 6)


def test_related_articles_of_an_article_with_more_keywords_than_the_cap_are_found(
    make: Make, section: Section
) -> None:
    """Rows written before the cap existed (or bypassing the services) must not break the page.

    10,000 keywords once made SQLite refuse the query (too many terms in compound SELECT).
    """
    article = make("الخبر", section=section)
    edition = article.edition
    keywords = Keyword.objects.bulk_create(
        Keyword(edition=edition, name=f"كلمة {n}", key=keyword_key(f"كلمة {n}"))
        for n in range(10_000)
    )
    ArticleKeyword.objects.bulk_create(
        (
            ArticleKeyword(
                article=article,
                keyword=keyword,
                position=position,
                article_published_at=article.published_at,
                article_code=article.code,
            )
            for position, keyword in enumerate(keywords)
        ),
        batch_size=500,
    )
    by_first = make("بالأولى", keywords=["كلمة 0"])
    same_section = make("من القسم", section=section)
    make("بالأخيرة", keywords=["كلمة 9999"])  # past the keywords the list is drawn from
    assert _related(article) == [by_first, same_section]
    page = article_get_for_page(edition=edition, code=article.code)
    assert page is not None
    assert len(page.ordered_keywords) == limits.KEYWORDS_MAX
