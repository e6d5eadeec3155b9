"""Corrections are data: on the article, in JSON-LD, on the edition's corrections page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import translation

from khabar.articles import services, workflow
from khabar.articles.models import Article, Correction
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.web.tests.conftest import MakeArticle
from khabar.web.urls_for import article_url


def _json_ld(html: str) -> dict[str, Any]:
    [text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_a_correction_shows_its_kind_and_time_on_the_article_and_in_json_ld(
    client: Client, sample_article: Article
) -> None:
    services.correction_add(
        actor=IMPORTER,
        article=sample_article,
        text="صحح اسم المسؤول",
        kind=Correction.Kind.CLARIFICATION,
    )
    html = client.get(article_url(sample_article)).content.decode()
    with translation.override("ar"):
        label = str(Correction.Kind.CLARIFICATION.label)
    assert f"<strong>{label}</strong>" in html
    [entry] = _json_ld(html)["correction"]
    assert entry["@type"] == "CorrectionComment"
    assert entry["text"].endswith("صحح اسم المسؤول")
    assert re.fullmatch(r"[0-9T:+-]+", entry["datePublished"])


def test_an_unknown_kind_is_refused(sample_article: Article) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.correction_add(actor=IMPORTER, article=sample_article, text="x", kind="rumour")


def test_the_corrections_page_lists_corrections_of_public_articles_newest_first(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    first, second, withdrawn = (make_article(edition_ar, f"خبر {n}") for n in range(3))
    services.correction_add(actor=IMPORTER, article=first, text="التصحيح الأول")
    services.correction_add(actor=IMPORTER, article=second, text="التصحيح الثاني")
    services.correction_add(actor=IMPORTER, article=withdrawn, text="تصحيح مسحوب")
    workflow.article_unpublish(actor=IMPORTER, article=withdrawn)
    html = client.get("/ar/corrections/").content.decode()
    assert html.index("التصحيح الثاني") < html.index("التصحيح الأول")
    assert "تصحيح مسحوب" not in html
    assert f'href="{article_url(first)}"' in html
    assert client.get("/fa/corrections/").status_code == 200


def test_a_new_correction_refreshes_the_cached_corrections_page(
    client: Client,
    edition_ar: Edition,
    make_article: MakeArticle,
    settings: Any,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    settings.PAGECACHE_ENABLED = True
    article = make_article(edition_ar)
    client.get("/ar/corrections/")
    assert client.get("/ar/corrections/")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(actor=IMPORTER, article=article, text="تصحيح جديد")
    response = client.get("/ar/corrections/")
    assert response["X-Cache"] == "MISS"
    assert "تصحيح جديد" in response.content.decode()
