from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from khabar.articles import events, limits, services
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article, Keyword
from khabar.core.actors import IMPORTER


def test_spellings_with_arabic_or_persian_letters_are_one_keyword(edition_ar) -> None:
    first = services.keyword_get_or_create(actor=IMPORTER, edition=edition_ar, name="السورية")
    second = services.keyword_get_or_create(actor=IMPORTER, edition=edition_ar, name="السوریة")
    assert first.pk == second.pk
    assert first.name == "السورية"  # the spelling typed first is the one shown


def test_a_renamed_keyword_keeps_its_articles_and_announces_the_change(
    sample_article: Article, django_capture_on_commit_callbacks: Callable
) -> None:
    keyword = Keyword.objects.get(edition=sample_article.edition, name="تجهيزهم")
    received: list[Keyword] = []

    def listener(*, keyword: Keyword, **kwargs: object) -> None:
        received.append(keyword)

    events.keyword_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.keyword_rename(actor=IMPORTER, keyword=keyword, name="تجهيز التنظيمات")
    finally:
        events.keyword_changed.disconnect(listener)
    keyword.refresh_from_db()
    assert keyword.name == "تجهيز التنظيمات"
    assert list(keyword.articles.all()) == [sample_article]
    assert received == [keyword]


def test_renaming_onto_another_keyword_is_refused(sample_article: Article) -> None:
    keyword = Keyword.objects.get(edition=sample_article.edition, name="تجهيزهم")
    with pytest.raises(ValidationError):
        services.keyword_rename(
            actor=IMPORTER, keyword=keyword, name="السوریة"
        )  # another spelling of السورية


def _names(count: int) -> list[str]:
    return [f"كلمة {n}" for n in range(count)]


def test_an_article_may_have_as_many_keywords_as_the_cap(edition_ar) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=_names(limits.KEYWORDS_MAX)
    )
    assert article.keywords.count() == limits.KEYWORDS_MAX


@pytest.mark.parametrize("writer", ["create", "update", "bulk"])
def test_more_keywords_than_the_cap_are_refused_naming_the_field_and_the_limit(
    edition_ar, writer: str
) -> None:
    names = _names(limits.KEYWORDS_MAX + 1)
    with pytest.raises(ValidationError) as caught:
        if writer == "create":
            services.article_create(
                actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=names
            )
        elif writer == "update":
            article = services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر")
            services.article_update(actor=IMPORTER, article=article, keywords=names)
        else:
            articles_bulk_create(
                edition=edition_ar, items=[BulkArticle(headline="خبر", keywords=names)]
            )
    assert list(caught.value.message_dict) == ["keywords"]
    assert str(limits.KEYWORDS_MAX) in caught.value.message_dict["keywords"][0]
    assert not Keyword.objects.filter(name="كلمة 0").exists()


def test_spellings_of_one_keyword_count_once_towards_the_cap(edition_ar) -> None:
    names = [*_names(limits.KEYWORDS_MAX), "كلمة 0", "کلمة 1"]  # the same two again
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=names
    )
    assert article.keywords.count() == limits.KEYWORDS_MAX


def test_a_keyword_of_invisible_characters_only_is_left_out_like_a_blank_one(edition_ar) -> None:
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="خبر",
        keywords=["سوريا", "\u200f", "\u200b\ufeff", " "],
    )
    assert [k.name for k in article.keywords.all()] == ["سوريا"]


@pytest.mark.parametrize("code", [limits.CODE_MAX + 1, 2**63, 10**30])
def test_a_news_code_past_the_largest_is_refused(edition_ar, code: int) -> None:
    with pytest.raises(ValidationError) as caught:
        services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر", code=code)
    assert list(caught.value.message_dict) == ["code"]


def test_the_largest_news_code_is_stored(edition_ar) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", code=limits.CODE_MAX
    )
    assert Article.objects.get(pk=article.pk).code == limits.CODE_MAX


def test_the_bulk_path_refuses_a_news_code_past_the_largest(edition_ar) -> None:
    with pytest.raises(ValidationError) as caught:
        articles_bulk_create(edition=edition_ar, items=[BulkArticle(headline="خبر", code=2**63)])
    assert list(caught.value.message_dict) == ["code"]


@pytest.mark.parametrize("name", ["/x", "x/", "a//b", "a/../b", "a/./b", "..", ".", "a/ /b"])
def test_a_keyword_whose_address_would_lead_elsewhere_is_refused(edition_ar, name: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match="between slashes"):
        services.keyword_get_or_create(actor=IMPORTER, edition=edition_ar, name=name)


@pytest.mark.parametrize("name", ["9/11", "1400/12/29", "AC/DC", ".net", "C#", "100%", "a / b"])
def test_keywords_with_slashes_and_dots_inside_words_are_kept(edition_ar, name: str) -> None:
    assert (
        services.keyword_get_or_create(actor=IMPORTER, edition=edition_ar, name=name).name == name
    )
