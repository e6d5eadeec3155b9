"""/newsroom/keywords/autocomplete: the edition's keywords that start with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from khabar.articles import newsroom_selectors, services, workflow
from khabar.articles.models import Keyword, keyword_key
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

SignedIn = Callable[[Any], Client]
URL = "/newsroom/keywords/autocomplete"


def keyword(edition: Edition, name: str, uses: int = 0) -> Keyword:
    return Keyword.objects.create(edition=edition, name=name, key=keyword_key(name), uses=uses)


def offered(client: Client, q: str, edition: str = "ar") -> list[str]:
    response = client.get(URL, {"q": q, "edition": edition})
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["keywords"]]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("السوریة", "السورية"),  # Persian yeh finds Arabic yeh
        ("سوریا", "سوريا"),
        ("کرة", "كرة القدم"),  # Persian keheh finds Arabic kaf
        ("السُّورِيَّة", "السورية"),  # harakat
        ("الســورية", "السورية"),  # tatweel
        ("وزارت\u200cخارجه", "وزارتخارجه"),  # ZWNJ, as search ignores it
        ("اير", "إيران"),  # hamza carriers
        ("١٤", "14 آذار"),  # digits in any script
    ],
)
def test_a_prefix_matches_however_either_is_spelt(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, typed: str, found: str
) -> None:
    for name in ("السورية", "سوريا", "كرة القدم", "وزارتخارجه", "إيران", "14 آذار", "لبنان"):
        keyword(edition_ar, name)
    names = offered(signed_in(newsroom.reporter), typed)
    assert found in names
    assert "لبنان" not in names


def test_the_exact_match_comes_first_then_the_most_used(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    keyword(edition_ar, "سوريا الديمقراطية", uses=3)
    keyword(edition_ar, "سوريا", uses=1)
    keyword(edition_ar, "سوريانا", uses=40)
    keyword(edition_ar, "سوق", uses=99)  # another prefix
    names = offered(signed_in(newsroom.editor), "سوریا")
    assert names == ["سوريا", "سوريانا", "سوريا الديمقراطية"]


@pytest.mark.parametrize("common", [1_000, 1], ids=["rare prefix", "common prefix"])
def test_a_prefix_many_keywords_share_is_ranked_as_a_rare_one(
    newsroom: Any,
    signed_in: SignedIn,
    edition_ar: Edition,
    monkeypatch: pytest.MonkeyPatch,
    common: int,
) -> None:
    """Past COMMON_PREFIX matches SQLite walks the keywords by use instead of by key: the
    same ten, in the same order."""
    monkeypatch.setattr(newsroom_selectors, "COMMON_PREFIX", common)
    keyword(edition_ar, "سوريا", uses=1)
    for number in range(12):
        keyword(edition_ar, f"سوريا {number:02}", uses=number % 4)
    keyword(edition_ar, "سوق", uses=99)
    keyword(edition_ar, "علي مملوك", uses=2)
    keyword(edition_ar, "عليرضا", uses=5)
    client = signed_in(newsroom.editor)

    names = offered(client, "سوریا")

    by_use = sorted(range(12), key=lambda number: (-(number % 4), number))
    assert names == ["سوريا", *(f"سوريا {number:02}" for number in by_use[:9])]
    assert offered(client, "علی ") == ["علي مملوك"]


def test_a_space_typed_after_a_word_asks_for_more_words(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    keyword(edition_ar, "علي مملوك")
    keyword(edition_ar, "عليرضا")
    assert offered(signed_in(newsroom.editor), "علی ") == ["علي مملوك"]


def test_use_counts_follow_the_articles_that_carry_a_keyword(
    newsroom: Any, edition_ar: Edition
) -> None:
    article = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=["دمشق", "حلب"]
    )
    services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر", keywords=["دمشق"])
    uses = dict(Keyword.objects.values_list("name", "uses"))
    assert uses == {"دمشق": 2, "حلب": 1}
    services.article_update(actor=IMPORTER, article=article, keywords=["حلب", "إدلب"])
    uses = dict(Keyword.objects.values_list("name", "uses"))
    assert uses == {"دمشق": 1, "حلب": 1, "إدلب": 1}
    workflow.article_delete(actor=IMPORTER, article=article)
    assert dict(Keyword.objects.values_list("name", "uses")) == {"دمشق": 1, "حلب": 0, "إدلب": 0}


def test_only_staff_of_the_edition_get_keywords(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition, edition_fa: Edition
) -> None:
    keyword(edition_ar, "دمشق")
    assert Client().get(URL, {"q": "د", "edition": "ar"}).status_code == 302  # to sign in
    reader = get_user_model().objects.create_user("reader", password="reader-password")
    assert signed_in(reader).get(URL, {"q": "د", "edition": "ar"}).status_code == 403
    response = signed_in(newsroom.section_editor).get(URL, {"q": "د", "edition": "ar"})
    assert response.status_code == 403
    assert response.json() == {"error": "You do not work in this edition."}
    response = signed_in(newsroom.reporter).get(URL, {"q": "د", "edition": "ar"})
    assert "no-cache" in response.headers["Cache-Control"]
    assert (
        "private" in response.headers["Cache-Control"]
        or "max-age=0" in response.headers["Cache-Control"]
    )


@pytest.mark.parametrize(
    ("params", "status", "error"),
    [
        ({"q": "", "edition": "ar"}, 400, "Type the first letters of a keyword."),
        ({"q": "   ", "edition": "ar"}, 400, "Type the first letters of a keyword."),
        ({"edition": "ar"}, 400, "Type the first letters of a keyword."),
        ({"q": "س" * 10_000, "edition": "ar"}, 400, "Type at most 100 characters."),
        ({"q": "سو\x00ريا", "edition": "ar"}, 400, "A keyword cannot hold control characters."),
        ({"q": "سو\x1bريا", "edition": "ar"}, 400, "A keyword cannot hold control characters."),
        ({"q": "سوريا", "edition": "xx"}, 404, "There is no such edition."),
        ({"q": "سوريا"}, 404, "There is no such edition."),
    ],
)
def test_bad_input_gets_a_clear_json_error(
    newsroom: Any,
    signed_in: SignedIn,
    edition_ar: Edition,
    params: dict[str, str],
    status: int,
    error: str,
) -> None:
    response = signed_in(newsroom.editor).get(URL, params)
    assert response.status_code == status
    assert response.json() == {"error": error}


def test_a_prefix_of_nothing_but_marks_finds_nothing(
    newsroom: Any, signed_in: SignedIn, edition_ar: Edition
) -> None:
    keyword(edition_ar, "دمشق")
    assert offered(signed_in(newsroom.editor), "\u064e\u0640") == []
