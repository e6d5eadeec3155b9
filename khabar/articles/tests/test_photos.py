"""The main photo: chosen from the media library, refused without alt text."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.photos.tests.images import MakePhoto


def test_a_library_photo_becomes_the_main_photo_and_can_be_taken_off(
    sample_article: Article, make_photo: MakePhoto
) -> None:
    photo = make_photo(alt="شمخاني في دمشق")
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=photo)
    sample_article.refresh_from_db()
    assert sample_article.photo == photo
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=None)
    sample_article.refresh_from_db()
    assert sample_article.photo is None


def test_a_photo_without_alt_text_is_refused_and_the_article_keeps_its_photo(
    sample_article: Article, make_photo: MakePhoto
) -> None:
    kept = make_photo()
    services.article_set_photo(actor=IMPORTER, article=sample_article, photo=kept)
    bare = make_photo(alt="")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.article_set_photo(actor=IMPORTER, article=sample_article, photo=bare)
    assert "alt text" in caught.value.message_dict["photo"][0]
    sample_article.refresh_from_db()
    assert sample_article.photo == kept


def test_a_reporter_cannot_change_the_photo_of_a_published_article(
    newsroom: Any, edition_ar: Edition, sample_article: Article, make_photo: MakePhoto
) -> None:
    with pytest.raises(PermissionDenied):
        services.article_set_photo(
            actor=newsroom.reporter, article=sample_article, photo=make_photo()
        )
