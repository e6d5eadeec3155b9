"""Every writer of articles meets the same limits, and is told which field passed which."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from khabar.articles import limits, services
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.core.fields import concrete_field
from khabar.editions.models import Edition
from khabar.photos.models import CAPTION_MAX, CREDIT_MAX
from khabar.photos.services import photo_create
from khabar.photos.tests.images import jpeg_bytes


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


TEXT_LIMITS = [
    ("headline", limits.HEADLINE_MAX),
    ("overline", limits.OVERLINE_MAX),
    ("lead", limits.LEAD_MAX),
    ("byline", limits.BYLINE_MAX),
    ("source", limits.SOURCE_MAX),
]


def _write(writer: str, edition: Edition, **fields: Any) -> None:
    fields.setdefault("headline", "خبر")
    if writer == "create":
        services.article_create(actor=IMPORTER, edition=edition, **fields)
    elif writer == "update":
        article = services.article_create(actor=IMPORTER, edition=edition, headline="خبر")
        services.article_update(actor=IMPORTER, article=article, **fields)
    else:
        articles_bulk_create(edition=edition, items=[BulkArticle(**fields)])


def _the_one_error(caught: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    [(field, [message])] = caught.value.message_dict.items()
    return field, message


@pytest.mark.parametrize("writer", ["create", "update", "bulk"])
@pytest.mark.parametrize(("field", "limit"), TEXT_LIMITS)
def test_a_text_at_its_limit_is_stored_and_one_character_more_is_refused(
    edition_ar: Edition, writer: str, field: str, limit: int
) -> None:
    _write(writer, edition_ar, **{field: "ب" * limit})
    assert Article.objects.filter(**{field: "ب" * limit}).exists()
    with pytest.raises(ValidationError) as caught:
        _write(writer, edition_ar, **{field: "ب" * (limit + 1)})
    assert _the_one_error(caught) == (
        field,
        f"The {concrete_field(Article, field).verbose_name} is at most {limit:,} characters"
        f" long; this one has {limit + 1:,}.",
    )


@pytest.mark.parametrize("writer", ["create", "update", "bulk"])
def test_a_body_longer_than_the_limit_is_refused(edition_ar: Edition, writer: str) -> None:
    paragraph = "<p>" + "ب" * 993 + "</p>"  # 1,000 characters of stored HTML
    _write(writer, edition_ar, body=paragraph * (limits.BODY_MAX // 1000))
    with pytest.raises(ValidationError) as caught:
        _write(writer, edition_ar, body=paragraph * (limits.BODY_MAX // 1000) + "<p>ب</p>")
    field, message = _the_one_error(caught)
    assert field == "body"
    assert f"{limits.BODY_MAX:,}" in message


def test_a_ten_megabyte_lead_is_refused_with_its_length(edition_ar: Edition) -> None:
    with pytest.raises(ValidationError) as caught:
        services.article_create(
            actor=IMPORTER, edition=edition_ar, headline="خبر", lead="ب" * 10_000_000
        )
    assert _the_one_error(caught) == (
        "lead",
        f"The lead is at most {limits.LEAD_MAX:,} characters long; this one has 10,000,000.",
    )
    assert not Article.objects.exists()


def test_every_field_past_its_limit_is_named_at_once(edition_ar: Edition) -> None:
    with pytest.raises(ValidationError) as caught:
        services.article_create(
            actor=IMPORTER,
            edition=edition_ar,
            headline="ب" * (limits.HEADLINE_MAX + 1),
            lead="ب" * (limits.LEAD_MAX + 1),
        )
    assert sorted(caught.value.message_dict) == ["headline", "lead"]


def test_a_keyword_longer_than_the_limit_is_refused_naming_the_limit(
    edition_ar: Edition,
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.article_create(
            actor=IMPORTER,
            edition=edition_ar,
            headline="خبر",
            keywords=["ب" * (limits.KEYWORD_NAME_MAX + 1)],
        )
    assert _the_one_error(caught) == (
        "keywords",
        f"A keyword is at most {limits.KEYWORD_NAME_MAX} characters long.",
    )


@pytest.mark.parametrize(("field", "limit"), [("caption", CAPTION_MAX), ("credit", CREDIT_MAX)])
def test_a_photo_caption_or_credit_past_its_limit_is_refused(field: str, limit: int) -> None:
    with pytest.raises(ValidationError) as caught:
        texts: dict[str, Any] = {field: "ب" * (limit + 1)}
        photo_create(actor=IMPORTER, data=jpeg_bytes(80, 60), **texts)
    assert _the_one_error(caught)[0] == field
    assert f"{limit:,}" in _the_one_error(caught)[1]


def test_a_correction_past_its_limit_is_refused(sample_article: Article) -> None:
    with pytest.raises(ValidationError) as caught:
        services.correction_add(
            actor=IMPORTER, article=sample_article, text="ب" * (limits.CORRECTION_MAX + 1)
        )
    assert _the_one_error(caught)[0] == "text"
