from __future__ import annotations

import datetime

from django.utils import timezone

from khabar.articles import services
from khabar.articles.models import Article, ArticleKeyword
from khabar.editions.models import Edition

PUBLISHED_AT = datetime.datetime(2020, 5, 1, 9, 30, tzinfo=datetime.UTC)


def _links(article: Article) -> list[tuple[datetime.datetime | None, int]]:
    return list(
        ArticleKeyword.objects.filter(article=article)
        .order_by("position")
        .values_list("article_published_at", "article_code")
    )


def test_keyword_links_of_a_published_article_carry_its_time_and_code(
    edition_ar: Edition,
) -> None:
    article = services.article_create(
        edition=edition_ar,
        headline="خبر",
        keywords=["شمخاني", "السورية"],
        published_at=PUBLISHED_AT,
    )
    assert _links(article) == [(PUBLISHED_AT, article.code)] * 2


def test_keyword_links_of_a_draft_carry_no_time(edition_ar: Edition) -> None:
    article = services.article_create(edition=edition_ar, headline="مسودة", keywords=["شمخاني"])
    assert _links(article) == [(None, article.code)]


def test_keyword_links_follow_publishing_scheduling_and_taking_down(edition_ar: Edition) -> None:
    article = services.article_create(edition=edition_ar, headline="خبر", keywords=["شمخاني"])
    services.article_publish(article=article, at=PUBLISHED_AT)
    assert _links(article) == [(PUBLISHED_AT, article.code)]
    services.article_unpublish(article=article)
    assert _links(article) == [(None, article.code)]
    services.article_publish(article=article, at=timezone.now() + datetime.timedelta(hours=1))
    assert article.status == Article.Status.SCHEDULED
    assert _links(article) == [(None, article.code)]
    later = PUBLISHED_AT + datetime.timedelta(days=1)
    services.article_publish(article=article, at=later)
    assert _links(article) == [(later, article.code)]


def test_new_keywords_of_a_published_article_carry_its_time(edition_ar: Edition) -> None:
    article = services.article_create(
        edition=edition_ar, headline="خبر", keywords=["شمخاني"], published_at=PUBLISHED_AT
    )
    services.article_update(article=article, keywords=["السورية", "تجهيزهم"])
    assert _links(article) == [(PUBLISHED_AT, article.code)] * 2
