from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article, ArticleKeyword, Keyword
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.photos.services import photo_create, photo_update
from khabar.photos.tests.images import jpeg_bytes

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
        actor=IMPORTER,
        edition=edition_ar,
        headline="خبر",
        keywords=["شمخاني", "السورية"],
        published_at=PUBLISHED_AT,
    )
    assert _links(article) == [(PUBLISHED_AT, article.code)] * 2


def test_keyword_links_of_a_draft_carry_no_time(edition_ar: Edition) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="مسودة", keywords=["شمخاني"]
    )
    assert _links(article) == [(None, article.code)]


def test_keyword_links_follow_publishing_scheduling_and_taking_down(edition_ar: Edition) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=["شمخاني"]
    )
    workflow.article_publish(actor=IMPORTER, article=article, at=PUBLISHED_AT)
    assert _links(article) == [(PUBLISHED_AT, article.code)]
    workflow.article_unpublish(actor=IMPORTER, article=article)
    assert _links(article) == [(None, article.code)]
    workflow.article_return_to_draft(actor=IMPORTER, article=article)
    workflow.article_publish(
        actor=IMPORTER, article=article, at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert article.status == Article.Status.SCHEDULED
    assert _links(article) == [(None, article.code)]
    later = PUBLISHED_AT + datetime.timedelta(days=1)
    workflow.article_publish(actor=IMPORTER, article=article, at=later)
    assert _links(article) == [(later, article.code)]


def test_new_keywords_of_a_published_article_carry_its_time(edition_ar: Edition) -> None:
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="خبر",
        keywords=["شمخاني"],
        published_at=PUBLISHED_AT,
    )
    services.article_update(actor=IMPORTER, article=article, keywords=["السورية", "تجهيزهم"])
    assert _links(article) == [(PUBLISHED_AT, article.code)] * 2


SPOOFED = "\u202eخبر\u202c \u2067عاجل\u2069\u200b\ufeff"  # shows as خبر عاجل


def test_invisible_spoofing_characters_are_removed_from_every_text_on_write(
    edition_ar: Edition, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline=SPOOFED,
        overline=SPOOFED,
        lead=SPOOFED,
        body=f"<p>{SPOOFED}</p>",
        byline=SPOOFED,
        source=SPOOFED,
        keywords=[SPOOFED],
    )
    photo = photo_create(actor=IMPORTER, data=jpeg_bytes(80, 60), alt=SPOOFED, caption=SPOOFED)
    photo = photo_update(
        actor=IMPORTER,
        photo=photo,
        alt=SPOOFED,
        caption=SPOOFED,
        credit=SPOOFED,
        focal_x=0.5,
        focal_y=0.5,
    )
    services.article_set_photo(actor=IMPORTER, article=article, photo=photo)
    correction = services.correction_add(actor=IMPORTER, article=article, text=SPOOFED)
    article.refresh_from_db()
    assert article.photo is not None
    shown = "خبر عاجل"
    assert [
        article.headline,
        article.overline,
        article.lead,
        article.byline,
        article.source,
        article.photo.alt,
        article.photo.caption,
        article.photo.credit,
        correction.text,
        article.keywords.get().name,
    ] == [shown] * 10
    assert article.body == f"<p>{shown}</p>"


def test_an_update_and_the_bulk_path_remove_them_too(edition_ar: Edition) -> None:
    article = services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر")
    services.article_update(actor=IMPORTER, article=article, headline=SPOOFED, keywords=[SPOOFED])
    articles_bulk_create(
        edition=edition_ar,
        items=[BulkArticle(headline=SPOOFED, lead=SPOOFED, keywords=["\u202eب"])],
    )
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["خبر عاجل"] * 2
    assert sorted(Keyword.objects.values_list("name", flat=True)) == ["ب", "خبر عاجل"]


def test_a_persian_zwnj_is_kept(edition_fa: Edition) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_fa, headline="می\u200cخواهم", keywords=["کتاب\u200cها"]
    )
    assert article.headline == "می\u200cخواهم"
    assert article.keywords.get().name == "کتاب\u200cها"
