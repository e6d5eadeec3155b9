"""Article cards, rendered once per process for each state of them (khabar.web.cards)."""

from __future__ import annotations

from django.test import Client
from django.utils import translation

from khabar.articles import services
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.web import cards, fragments
from khabar.web.tests.conftest import MakeArticle
from khabar.web.urls_for import article_url


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
        before = fragments._rendered.cache_info()
        assert _cards(edition_ar, article) == first
        assert fragments._rendered.cache_info().hits == before.hits + 1
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
