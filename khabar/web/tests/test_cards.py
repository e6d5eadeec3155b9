"""Article cards, written once per process for each state of them (khabar.web.cards), as
the template they replaced wrote them."""

# ruff: noqa: E501 - the template as it was, a line of the file each

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.test import Client
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.articles import services
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.web import cards
from khabar.web.tests.conftest import MakeArticle
from khabar.web.urls_for import article_url

# web/_card.html as it was (its comment left out), which cards.card_html writes.
CARD_TEMPLATE = (
    "{% load i18n khabar %}\n"
    '  <li class="card">\n'
    '    {% if card.photo %}<img src="{{ card.photo.url }}" srcset="{{ card.photo.srcset }}" sizes="(min-width: 48rem) 20rem, 100vw" alt="" loading="lazy" width="{{ card.photo.width }}" height="{{ card.photo.height }}">{% endif %}\n'
    '    {% if card.overline %}<p class="overline">{{ card.overline }}</p>{% endif %}\n'
    '    <h3>{% if card.is_breaking %}<span class="badge">{% translate "Breaking" %}</span> {% endif %}<a href="{{ card.url }}">{{ card.headline }}</a></h3>\n'
    '    {% if card.lead %}<p class="lead">{{ card.lead|truncatewords:40 }}</p>{% endif %}\n'
    '    <time datetime="{{ card.published_at|iso8601 }}">{{ card.published_at|edition_datetime:edition }}</time>\n'
    "  </li>\n"
)
# Text as editors type it, HTML's special characters and every script included.
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
photos = st.none() | st.builds(
    cards.CardPhoto,
    url=texts,
    srcset=texts,
    width=st.integers(1, 4000) | st.just(""),
    height=st.integers(1, 4000) | st.just(""),
)
EDITIONS = [
    cards.CardEdition("ar", "solar_hijri", "", "persian", "egypt", "Asia/Tehran", ""),
    cards.CardEdition("fa", "solar_hijri", "gregorian", "persian", "egypt", "Asia/Tehran", ""),
    cards.CardEdition("en", "gregorian", "", "latin", "egypt", "Europe/London", ""),
    cards.CardEdition("ar", "hijri", "gregorian", "arabic", "levant", "Asia/Riyadh", ""),
]


@settings(max_examples=200, deadline=None)
@given(
    card=st.builds(
        cards.Card,
        url=texts,
        overline=texts,
        headline=texts,
        is_breaking=st.booleans(),
        published_at=st.none()
        | st.datetimes(
            # hypothesis takes naive bounds, and makes aware values from `timezones`
            min_value=datetime.datetime(1990, 1, 1),  # noqa: DTZ001
            max_value=datetime.datetime(2060, 1, 1),  # noqa: DTZ001
            timezones=st.just(datetime.UTC),
        ),
        lead=texts | st.lists(texts, min_size=35, max_size=50).map(" ".join),
        photo=photos,
    ),
    edition=st.sampled_from(EDITIONS),
    language=st.sampled_from(["ar", "fa", "en"]),
)
def test_a_card_is_what_the_template_wrote_byte_for_byte(
    card: cards.Card, edition: cards.CardEdition, language: str
) -> None:
    template = engines["django"].from_string(CARD_TEMPLATE)
    with translation.override(language):
        expected = template.render({"card": card, "edition": edition})
        assert cards.card_html(card, edition, language) == expected


@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_a_breaking_card_s_badge_is_in_the_active_language(language: str) -> None:
    card = cards.Card("/ar/news/1", "", "خبر", True, None, "", None)
    with translation.override(language):
        badge = cards.card_html(card, EDITIONS[0], language).split('class="badge">')[1]
    assert badge.startswith({"ar": "عاجل", "fa": "فوری", "en": "Breaking"}[language])


def _cards(edition: Edition, *articles: object) -> str:
    return cards.cards_html(
        articles=articles,  # type: ignore[arg-type]
        edition=edition,
        with_photos=False,
        with_leads=False,
    )


def test_the_same_card_is_rendered_once_and_a_change_it_shows_renders_it_again(
    edition_ar: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar, "العنوان الأول")
    with translation.override("ar"):
        first = _cards(edition_ar, article)
        before = cards.card_html.cache_info()
        assert _cards(edition_ar, article) == first
        assert cards.card_html.cache_info().hits == before.hits + 1
        article.headline = "العنوان الثاني"
        article.is_breaking = True
        changed = _cards(edition_ar, article)
        edition_ar.digits = "latin"
        in_latin_digits = _cards(edition_ar, article)
    with translation.override("en"):
        in_english = _cards(edition_ar, article)
    assert "العنوان الأول" in first and 'class="badge"' not in first
    assert "العنوان الثاني" in changed and 'class="badge"' in changed
    assert "۱۳۹۵" in changed and "1395" in in_latin_digits  # the card's date
    assert ">Breaking<" in in_english and ">Breaking<" not in changed


def test_a_related_card_shows_a_changed_headline_on_the_next_page(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    related = make_article(edition_ar, "خبر قديم", keywords=["غزة"])
    article = make_article(edition_ar, "خبر جديد", keywords=["غزة"])
    assert "خبر قديم" in client.get(article_url(article)).content.decode()
    services.article_update(actor=IMPORTER, article=related, headline="خبر معدل")
    html = client.get(article_url(article)).content.decode()
    assert "خبر معدل" in html and "خبر قديم" not in html


def test_an_edition_s_new_digits_reach_the_cards_of_the_next_page(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "خبر قديم", keywords=["غزة"])
    article = make_article(edition_ar, "خبر جديد", keywords=["غزة"])
    related = client.get(article_url(article)).content.decode().split('class="related"')[1]
    assert "۱۳۹۵" in related
    Edition.objects.filter(pk=edition_ar.pk).update(digits="latin")
    related = client.get(article_url(article)).content.decode().split('class="related"')[1]
    assert "1395" in related and "۱۳۹۵" not in related
