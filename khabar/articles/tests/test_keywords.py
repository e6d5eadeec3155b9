from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from khabar.articles import events, services
from khabar.articles.models import Article, Keyword


def test_spellings_with_arabic_or_persian_letters_are_one_keyword(edition_ar) -> None:
    first = services.keyword_get_or_create(edition=edition_ar, name="السورية")
    second = services.keyword_get_or_create(edition=edition_ar, name="السوریة")
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
            services.keyword_rename(keyword=keyword, name="تجهيز التنظيمات")
    finally:
        events.keyword_changed.disconnect(listener)
    keyword.refresh_from_db()
    assert keyword.name == "تجهيز التنظيمات"
    assert list(keyword.articles.all()) == [sample_article]
    assert received == [keyword]


def test_renaming_onto_another_keyword_is_refused(sample_article: Article) -> None:
    keyword = Keyword.objects.get(edition=sample_article.edition, name="تجهيزهم")
    with pytest.raises(ValidationError):
        services.keyword_rename(keyword=keyword, name="السوریة")  # another spelling of السورية
