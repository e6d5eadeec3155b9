"""Each hand-written read returns what its ORM twin returns (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.utils import timezone

from khabar.articles import services, sql
from khabar.articles.models import Article, ArticleKeyword, Correction
from khabar.articles.selectors import BREAKING_FIELDS, CARD_FIELDS
from khabar.core import sql as core_sql
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.photos.models import Photo

BASE_TIME = datetime.datetime(2021, 3, 1, 8, 0, tzinfo=datetime.UTC)


def values(instance: Model, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The loaded field values, by attribute name (deferred fields left out)."""
    fields = instance._meta.concrete_fields
    loaded = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in fields
        if f.attname not in loaded and (names is None or f.name in names or f.attname in names)
    }


@pytest.fixture
def articles(edition_ar: Edition) -> list[Article]:
    """Nine public articles, in a section, sharing keywords; the first corrected twice."""
    section = Section.objects.create(edition=edition_ar, slug="economy", name="اقتصاد")
    made = [
        services.article_create(
            actor=IMPORTER,
            edition=edition_ar,
            headline=f"خبر {number}",
            keywords=["النفط", f"كلمة {number % 3}"],
            section=section,
            published_at=BASE_TIME + datetime.timedelta(hours=number),
        )
        for number in range(9)
    ]
    for text in ("تصحيح أول", "تصحيح ثان"):
        services.correction_add(actor=IMPORTER, article=made[0], text=text)
    return made


def test_article_for_page_is_the_orm_read(
    articles: list[Article], make_photo: Callable[..., Photo]
) -> None:
    article = articles[0]
    services.article_set_photo(actor=IMPORTER, article=article, photo=make_photo())
    read = sql.article_for_page(edition_id=article.edition_id, code=article.code)
    twin = Article.objects.select_related("section", "photo").get(pk=article.pk)
    assert read is not None
    found, corrected = read
    assert corrected is Correction.objects.filter(article=twin).exists() is True
    assert values(found) == values(twin)
    assert isinstance(found.published_at, datetime.datetime)  # converted, not a string
    assert found.section is not None and twin.section is not None
    assert values(found.section) == values(twin.section)
    assert found.photo is not None and twin.photo is not None
    assert values(found.photo) == values(twin.photo)
    assert isinstance(found.photo.renditions, dict)  # JSON decoded, not text
    bare = sql.article_for_page(edition_id=article.edition_id, code=articles[1].code)
    assert bare is not None and bare[0].photo is None
    assert bare[1] is Correction.objects.filter(article=articles[1]).exists() is False
    assert sql.article_for_page(edition_id=article.edition_id, code=10**9) is None


def test_keyword_links_are_the_orm_read(articles: list[Article]) -> None:
    article = articles[4]
    found = sql.keyword_links(article_id=article.pk, limit=1)
    twin = list(
        ArticleKeyword.objects.filter(article=article)
        .select_related("keyword")
        .order_by("position", "pk")[:1]
    )
    link_fields = ("id", "article", "keyword", "position")
    assert [values(link) for link in found] == [values(link, link_fields) for link in twin]
    assert [values(link.keyword) for link in found] == [values(link.keyword) for link in twin]
    assert len(sql.keyword_links(article_id=article.pk, limit=10)) == 2


def test_corrections_are_the_orm_read(articles: list[Article]) -> None:
    found = sql.corrections(article_id=articles[0].pk)
    twin = Correction.objects.filter(article=articles[0]).order_by("created_at", "pk")
    assert [values(c) for c in found] == [values(c) for c in twin]
    assert len(found) == 2
    assert all(isinstance(c.created_at, datetime.datetime) for c in found)


def test_cards_sharing_keywords_are_the_orm_read(articles: list[Article]) -> None:
    article = articles[8]
    keyword_ids = list(
        ArticleKeyword.objects.filter(article=article).values_list("keyword_id", flat=True)
    )
    now = timezone.now()
    found = sql.cards_sharing_keywords(
        fields=CARD_FIELDS, keyword_ids=keyword_ids, exclude=article.pk, now=now, limit=4
    )
    sharing = (
        ArticleKeyword.objects.filter(keyword_id__in=keyword_ids, article_published_at__lte=now)
        .exclude(article_id=article.pk)
        .values("article_id")
    )
    twin = Article.objects.filter(pk__in=sharing).order_by("-published_at", "-code")[:4]
    assert [values(a) for a in found] == [values(a, (*CARD_FIELDS, "id")) for a in twin]
    assert len(found) == 4


def test_cards_of_section_are_the_orm_read(articles: list[Article]) -> None:
    article = articles[0]
    assert article.section_id is not None
    now = timezone.now()
    found = sql.cards_of_section(
        fields=CARD_FIELDS,
        edition_id=article.edition_id,
        section_id=article.section_id,
        exclude=article.pk,
        now=now,
        limit=5,
    )
    twin = (
        Article.objects.published()
        .filter(section_id=article.section_id, edition_id=article.edition_id)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-code")[:5]
    )
    assert [values(a) for a in found] == [values(a, (*CARD_FIELDS, "id")) for a in twin]
    assert len(found) == 5


def test_latest_cards_are_the_orm_read(
    articles: list[Article], edition_ar: Edition, edition_fa: Edition
) -> None:
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="لاحق",
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    services.article_create(
        actor=IMPORTER, edition=edition_fa, headline="فارسی", published_at=BASE_TIME
    )
    now = timezone.now()
    found = sql.latest_cards(fields=CARD_FIELDS, edition_id=edition_ar.pk, now=now, limit=5)
    twin = Article.objects.published().filter(edition=edition_ar).order_by("-published_at", "-code")
    assert [values(a) for a in found] == [values(a, (*CARD_FIELDS, "id")) for a in twin[:5]]
    assert [a.headline for a in found] == [f"خبر {n}" for n in (8, 7, 6, 5, 4)]


def test_newest_of_sections_is_the_orm_read(articles: list[Article], edition_ar: Edition) -> None:
    economy = articles[0].section
    assert economy is not None
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    empty = Section.objects.create(edition=edition_ar, slug="sport", name="رياضة")
    for number in range(2):
        services.article_create(
            actor=IMPORTER,
            edition=edition_ar,
            headline=f"سياسي {number}",
            section=politics,
            published_at=BASE_TIME + datetime.timedelta(minutes=number),
        )
    services.article_create(  # a draft, and one not out yet
        actor=IMPORTER, edition=edition_ar, headline="مسودة", section=politics
    )
    services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        headline="لاحق",
        section=economy,
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    now = timezone.now()
    sections = [economy, politics, empty]
    found = sql.newest_of_sections(
        fields=CARD_FIELDS,
        edition_id=edition_ar.pk,
        section_ids=[section.pk for section in sections],
        now=now,
        per_section=3,
    )
    newest = [
        pk
        for section in sections
        for pk in Article.objects.published()
        .filter(section=section)
        .order_by("-published_at", "-code")
        .values_list("pk", flat=True)[:3]
    ]
    twin = Article.objects.filter(pk__in=newest, edition=edition_ar).order_by(
        "-published_at", "-code"
    )
    assert [values(a) for a in found] == [values(a, (*CARD_FIELDS, "id")) for a in twin]
    assert [a.headline for a in found] == ["خبر 8", "خبر 7", "خبر 6", "سياسي 1", "سياسي 0"]


def test_cards_filling_a_list_leave_out_its_articles_and_stop_when_it_is_full(
    articles: list[Article],
) -> None:
    article = articles[0]
    assert article.section_id is not None
    now = timezone.now()

    def section_cards(filling: set[int] | None = None) -> list[int]:
        found = sql.cards_of_section(
            fields=CARD_FIELDS,
            edition_id=article.edition_id,
            section_id=article.section_id or 0,
            exclude=article.pk,
            now=now,
            limit=5,
            filling=filling or (),
        )
        return [card.pk for card in found]

    newest = section_cards()
    held = {newest[1], articles[5].pk if articles[5].pk not in newest else 10**9}
    assert section_cards(held) == [pk for pk in newest if pk not in held][:3]
    assert section_cards(set(newest)) == []


def test_breaking_alert_is_the_orm_read(articles: list[Article]) -> None:
    """The alert ending last among the public ones; an expired, an unpublished and a
    future-dated alert, and a flag without an end, never win."""
    now = timezone.now()
    later = now + datetime.timedelta(hours=1)
    alerts = {
        articles[0].pk: (Article.Status.PUBLISHED, BASE_TIME, later),
        articles[1].pk: (Article.Status.PUBLISHED, BASE_TIME, now - datetime.timedelta(hours=1)),
        articles[2].pk: (
            Article.Status.UNPUBLISHED,
            BASE_TIME,
            later + datetime.timedelta(hours=1),
        ),
        articles[3].pk: (Article.Status.PUBLISHED, later, later + datetime.timedelta(hours=2)),
        articles[4].pk: (Article.Status.PUBLISHED, BASE_TIME, None),
    }
    for pk, (status, published_at, until) in alerts.items():
        Article.objects.filter(pk=pk).update(
            is_breaking=True, status=status, published_at=published_at, breaking_until=until
        )
    edition_id = articles[0].edition_id

    def twin() -> Article | None:
        return (
            Article.objects.published()
            .filter(edition_id=edition_id, is_breaking=True, breaking_until__gt=now)
            .only(*BREAKING_FIELDS)
            .order_by("-breaking_until")
            .first()
        )

    found = sql.breaking_alert(fields=BREAKING_FIELDS, edition_id=edition_id, now=now)
    expected = twin()
    assert found is not None and expected is not None
    assert values(found) == values(expected, (*BREAKING_FIELDS, "id"))
    assert found.pk == articles[0].pk
    assert isinstance(found.breaking_until, datetime.datetime)
    Article.objects.filter(pk=articles[0].pk).update(is_breaking=False)
    assert sql.breaking_alert(fields=BREAKING_FIELDS, edition_id=edition_id, now=now) is twin()


def test_attaching_the_edition_a_row_names_costs_no_query_later(
    articles: list[Article], edition_ar: Edition, django_assert_num_queries: Any
) -> None:
    card = sql.cards_of_section(
        fields=CARD_FIELDS,
        edition_id=edition_ar.pk,
        section_id=articles[0].section_id or 0,
        exclude=0,
        now=timezone.now(),
        limit=1,
    )[0]
    core_sql.attach(card, "edition", edition_ar)
    with django_assert_num_queries(0):
        assert card.edition is edition_ar
    assert card.edition_id == edition_ar.pk


def test_attaching_another_object_than_the_one_named_is_refused(
    articles: list[Article], edition_ar: Edition, edition_en: Edition
) -> None:
    article = Article.objects.get(pk=articles[0].pk)
    with pytest.raises(ValueError, match="is not the edition"):
        core_sql.attach(article, "edition", edition_en)
    with pytest.raises(ValueError, match="is not the photo"):
        core_sql.attach(article, "photo", Photo(pk=1))  # it names none
    core_sql.attach(article, "photo", None)
    assert article.photo is None
    with pytest.raises(TypeError, match="not a foreign key"):
        core_sql.attach(article, "headline", None)
