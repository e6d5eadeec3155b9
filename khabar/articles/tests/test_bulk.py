from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from khabar.articles import events
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article, ArticleKeyword, Keyword
from khabar.articles.services import article_create, keyword_get_or_create
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section

PUBLISHED_AT = datetime.datetime(2020, 5, 1, 9, 30, tzinfo=datetime.UTC)


def _codes(edition: Edition) -> list[int]:
    return list(
        Article.objects.filter(edition=edition).order_by("code").values_list("code", flat=True)
    )


def test_new_codes_continue_after_the_highest_and_legacy_codes_are_kept(
    edition_ar: Edition,
) -> None:
    article_create(actor=IMPORTER, edition=edition_ar, code=500, headline="قديم")
    items = [
        BulkArticle(headline="أول"),
        BulkArticle(headline="قديم آخر", code=14027),
        BulkArticle(headline="ثان"),
        BulkArticle(headline="ثالث"),
    ]

    written = articles_bulk_create(edition=edition_ar, items=items, batch_size=3)

    assert written == 4
    assert _codes(edition_ar) == [500, 14027, 14028, 14029, 14030]
    by_headline = dict(Article.objects.filter(edition=edition_ar).values_list("headline", "code"))
    assert by_headline["أول"] == 14028
    assert by_headline["ثالث"] == 14030
    edition_ar.refresh_from_db()
    assert edition_ar.next_code == 14031
    assert article_create(actor=IMPORTER, edition=edition_ar, headline="بعد").code == 14031


def test_a_taken_legacy_code_is_refused(edition_ar: Edition) -> None:
    article_create(actor=IMPORTER, edition=edition_ar, code=14027, headline="موجود")

    with pytest.raises(ValidationError) as refused:
        articles_bulk_create(edition=edition_ar, items=[BulkArticle(headline="x", code=14027)])

    assert refused.value.params == {"codes": "14027"}


def test_a_code_given_twice_in_one_call_is_refused(edition_ar: Edition) -> None:
    items = [BulkArticle(headline="a", code=7), BulkArticle(headline="b", code=7)]

    with pytest.raises(ValidationError) as refused:
        articles_bulk_create(edition=edition_ar, items=items)

    assert refused.value.params == {"codes": "7"}
    assert not Article.objects.filter(edition=edition_ar).exists()


def test_keywords_merge_across_spellings_and_with_existing_ones(edition_ar: Edition) -> None:
    existing = keyword_get_or_create(actor=IMPORTER, edition=edition_ar, name="السورية")
    items = [
        BulkArticle(headline="أ", keywords=["السوریة", "شمخاني", " شمخانی "]),
        BulkArticle(headline="ب", keywords=["شمخاني", "تجهيزهم"]),
        BulkArticle(headline="ج", keywords=["السورية", "", "تَجهيزهم"]),
    ]

    articles_bulk_create(edition=edition_ar, items=items, batch_size=2)

    assert Keyword.objects.filter(edition=edition_ar).count() == 3
    first = Article.objects.get(edition=edition_ar, headline="أ")
    links = ArticleKeyword.objects.filter(article=first).order_by("position")
    assert [link.keyword.name for link in links] == ["السورية", "شمخاني"]
    assert links[0].keyword == existing
    third = Article.objects.get(edition=edition_ar, headline="ج")
    assert [k.name for k in third.keywords.order_by("articlekeyword__position")] == [
        "السورية",
        "تجهيزهم",
    ]


def test_a_new_keyword_takes_the_first_spelling_met(edition_fa: Edition) -> None:
    articles_bulk_create(
        edition=edition_fa, items=[BulkArticle(headline="خبر", keywords=["ايران"])]
    )

    # The Persian edition canonicalises letters on save, as keyword_get_or_create does.
    assert list(Keyword.objects.filter(edition=edition_fa).values_list("name", flat=True)) == [
        keyword_get_or_create(actor=IMPORTER, edition=edition_fa, name="ايران").name
    ]


def test_text_is_cleaned_like_article_create(edition_fa: Edition) -> None:
    section = Section.objects.create(edition=edition_fa, slug="siasi", name="سیاسی")
    fields: dict[str, Any] = {
        "overline": "  روتيتر ",
        "lead": " لید با ي و ك ",
        "body": "<p>متن</p>",
        "byline": " خبرنگار ",
        "source": " ايرنا ",
        "section": section,
        "content_type": "report",
        "is_breaking": True,
    }
    reference = article_create(
        actor=IMPORTER,
        edition=edition_fa,
        headline="  تيتر يك خبر  ",
        published_at=PUBLISHED_AT,
        **fields,
    )

    articles_bulk_create(
        edition=edition_fa,
        items=[BulkArticle(headline="  تيتر يك خبر  ", published_at=PUBLISHED_AT, **fields)],
    )

    bulk = Article.objects.exclude(pk=reference.pk).get(edition=edition_fa)
    for name in (
        "headline",
        "slug",
        "overline",
        "lead",
        "body",
        "byline",
        "source",
        "section_id",
        "content_type",
        "is_breaking",
        "status",
        "published_at",
    ):
        assert getattr(bulk, name) == getattr(reference, name), name
    assert bulk.headline == "تیتر یک خبر"


def test_the_body_is_sanitised(edition_en: Edition) -> None:
    body = '<p onclick="steal()">Text<script>alert(1)</script></p><iframe src="x"></iframe>'

    articles_bulk_create(edition=edition_en, items=[BulkArticle(headline="H", body=body)])

    assert Article.objects.get(edition=edition_en).body == "<p>Text</p>"


def test_articles_without_a_date_are_drafts_and_dated_ones_published(edition_en: Edition) -> None:
    articles_bulk_create(
        edition=edition_en,
        items=[
            BulkArticle(headline="Draft"),
            BulkArticle(headline="Out", published_at=PUBLISHED_AT),
        ],
    )

    statuses = dict(Article.objects.filter(edition=edition_en).values_list("headline", "status"))
    assert statuses == {"Draft": "draft", "Out": "published"}
    assert Article.objects.published().get(edition=edition_en).headline == "Out"


def test_a_bad_batch_leaves_nothing_half_written(edition_ar: Edition) -> None:
    good = [BulkArticle(headline=f"خبر {n}", keywords=[f"كلمة {n}"]) for n in range(3)]
    bad = [
        BulkArticle(headline="سليم", keywords=["جديدة"]),
        BulkArticle(headline="سليم أيضا", keywords=["أخرى"], code=99),
        BulkArticle(headline="   ", keywords=["ثالثة"]),
    ]

    with pytest.raises(ValidationError):
        articles_bulk_create(edition=edition_ar, items=[*good, *bad], batch_size=3)

    assert Article.objects.filter(edition=edition_ar).count() == 3
    assert set(Keyword.objects.filter(edition=edition_ar).values_list("name", flat=True)) == {
        "كلمة 0",
        "كلمة 1",
        "كلمة 2",
    }
    edition_ar.refresh_from_db()
    assert edition_ar.next_code == 4


def test_a_batch_the_database_refuses_rolls_back_its_keywords_and_codes(
    edition_ar: Edition,
) -> None:
    articles_bulk_create(
        edition=edition_ar, items=[BulkArticle(headline="قبل", keywords=["قديمة"])]
    )
    items = [
        BulkArticle(headline="أ", keywords=["جديدة", "قديمة"]),
        # Passes cleaning; the database's check on news codes refuses it, after the batch's
        # keywords and codes were written inside its transaction.
        BulkArticle(headline="ب", keywords=["أخرى"], code=-1),
    ]

    with pytest.raises(IntegrityError):
        articles_bulk_create(edition=edition_ar, items=items)

    assert list(Article.objects.filter(edition=edition_ar).values_list("headline", flat=True)) == [
        "قبل"
    ]
    assert list(Keyword.objects.filter(edition=edition_ar).values_list("name", flat=True)) == [
        "قديمة"
    ]
    assert ArticleKeyword.objects.count() == 1
    edition_ar.refresh_from_db()
    assert edition_ar.next_code == 2


def test_it_sends_no_events(edition_en: Edition, django_capture_on_commit_callbacks) -> None:
    heard: list[object] = []

    def listener(**kwargs: object) -> None:
        heard.append(kwargs)

    events.article_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            articles_bulk_create(
                edition=edition_en, items=[BulkArticle(headline="Out", published_at=PUBLISHED_AT)]
            )
    finally:
        events.article_published.disconnect(listener)

    assert heard == []
    assert Article.objects.filter(edition=edition_en).count() == 1


def test_keyword_links_carry_the_publication_time_and_code_of_their_article(
    edition_ar: Edition,
) -> None:
    articles_bulk_create(
        edition=edition_ar,
        items=[
            BulkArticle(
                headline="منشور", keywords=["شمخاني", "السورية"], published_at=PUBLISHED_AT
            ),
            BulkArticle(headline="مسودة", keywords=["شمخاني"]),
        ],
    )
    published = Article.objects.get(headline="منشور")
    draft = Article.objects.get(headline="مسودة")
    links = ArticleKeyword.objects.values_list("article_id", "article_published_at", "article_code")
    assert sorted(links) == [
        (published.pk, PUBLISHED_AT, published.code),
        (published.pk, PUBLISHED_AT, published.code),
        (draft.pk, None, draft.code),
    ]
