"""The ninjs form of an article is valid against IPTC's official ninjs 3.3 schema."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client
from PIL import Image

from khabar.api.tests.conftest import get_json
from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.photos.tests.images import MakePhoto

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "ninjs-schema_3.3.json").read_text())


def validate(item: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(item)


def test_the_schema_copy_refuses_what_ninjs_forbids() -> None:
    """The fixture is the real schema: an unknown property or status fails it."""
    with pytest.raises(jsonschema.ValidationError):
        validate({"uri": "http://testserver/ar/news/1", "keywords": ["x"]})
    with pytest.raises(jsonschema.ValidationError):
        validate({"uri": "http://testserver/ar/news/1", "pubStatus": "published"})


@pytest.fixture
def full_article(
    sample_article: Article, edition_fa: Edition, newsroom: Any, make_photo: MakePhoto
) -> Article:
    """The sample with everything ninjs maps: overline, section, photo, a correction and a
    translation."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "navy").save(buffer, "JPEG")
    article = services.article_update(
        actor=IMPORTER, article=sample_article, overline="سوريا", byline="مراسلنا", source="ارنا"
    )
    photo = make_photo(buffer.getvalue(), alt="شمخاني يتحدث", caption="شمخاني", credit="ارنا")
    services.article_set_photo(actor=newsroom.editor, article=article, photo=photo)
    services.correction_add(actor=newsroom.editor, article=article, text="صُحح الاسم.")
    translation = services.article_create(
        actor=IMPORTER,
        edition=edition_fa,
        headline="شمخانی",
        published_at=article.published_at,
        section=newsroom.fa_politics,
    )
    services.translations_link(actor=newsroom.admin, articles=[article, translation])
    return article


def test_a_full_article_is_valid_ninjs_3_3_with_each_part_in_its_place(
    client: Client, full_article: Article
) -> None:
    item = get_json(client, "/api/v1/articles/ar/14027/ninjs")
    validate(item)
    assert item["uri"] == "http://testserver/ar/news/14027"
    assert item["pubStatus"] == "usable"
    assert item["standard"]["version"] == "3.3"
    assert {(h["role"], h["value"]) for h in item["headlines"]} == {
        ("main", full_article.headline),
        ("overline", "سوريا"),
    }
    assert item["descriptions"][0]["role"] == "summary"
    assert ("correction", "صُحح الاسم.") in {(d["role"], d["value"]) for d in item["descriptions"]}
    assert item["bodies"][0]["contentType"] == "text/html"
    keywords = [s["name"] for s in item["subjects"] if s["rel"] == "keyword"]
    assert keywords == ["شمخاني", "السورية", "تجهيزهم"]
    photo, translation = item["associations"]
    assert photo["type"] == "picture"
    assert [r["name"] for r in photo["renditions"]] == [
        "w480",
        "w960",
        "w1200",
        "card480",
        "card960",
        "og1200",
    ]
    assert photo["uri"].endswith("/full-1200.webp")
    assert {r["contentType"] for r in photo["renditions"]} == {"image/webp"}
    assert [(d["role"], d["value"]) for d in photo["descriptions"]] == [
        ("alt", "شمخاني يتحدث"),
        ("caption", "شمخاني"),
    ]
    assert photo["by"] == "ارنا"
    assert translation["rel"] == "translation" and translation["language"] == "fa"
    assert item["firstCreated"] == "2017-01-08T15:26:00Z"


def test_a_taken_down_article_is_canceled_in_ninjs_and_gone_elsewhere(
    client: Client, full_article: Article, newsroom: Any, on_commit: Callable
) -> None:
    on_commit(
        lambda: workflow.article_take_down(
            actor=newsroom.editor, article=full_article, reason="legal"
        )
    )
    item = get_json(client, "/api/v1/articles/ar/14027/ninjs")
    validate(item)
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item and "headlines" not in item
    get_json(client, "/api/v1/articles/ar/14027", status=410)
