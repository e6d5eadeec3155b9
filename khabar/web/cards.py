"""Article cards (`web/_cards.html`: the home page's lists and the article page's related
news), each card rendered once per process for each state of it.

An uncached article page shows about six related cards, and rendering them through the
template cost it about a seventh of its function calls: the same few newest articles of a
section are listed on page after page. As with the header (khabar.web.chrome), a card is a
function of the values in its key alone and is rendered from them, in a context that holds
nothing else, so a change to anything it shows (headline, photo, the edition's calendar...)
is a new key, shown at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from khabar.articles.models import Article
from khabar.core import links
from khabar.editions.models import Edition
from khabar.photos.templatetags.photos import rendition, srcset
from khabar.web.fragments import render_once


@dataclass(frozen=True, slots=True)
class CardEdition:
    """What the card's dates are written with (core's `EditionLike`)."""

    language: str
    calendar: str
    secondary_calendar: str
    digits: str
    month_names: str
    time_zone: str
    date_pattern: str


@dataclass(frozen=True, slots=True)
class CardPhoto:
    url: str
    srcset: str
    width: int | str  # "" when the photo has no card rendition, as the template printed it
    height: int | str


@dataclass(frozen=True, slots=True)
class Card:
    url: str
    overline: str
    headline: str
    is_breaking: bool
    published_at: datetime.datetime | None
    lead: str  # "" unless the list shows leads
    photo: CardPhoto | None  # none unless the list shows photos


def cards_html(
    *, articles: Iterable[Article], edition: Edition, with_photos: bool, with_leads: bool
) -> SafeString:
    """The `<li>` of each article as a card of `edition`'s list."""
    shown_in = CardEdition(
        edition.language,
        edition.calendar,
        edition.secondary_calendar,
        edition.digits,
        edition.month_names,
        edition.time_zone,
        edition.date_pattern,
    )
    articles = list(articles)
    urls = links.article_paths(edition.code, [(article.code, article.slug) for article in articles])
    return SafeString(
        "".join(
            render_once(
                "web/_card.html",
                card=_card(article, url, with_photos, with_leads),
                edition=shown_in,
            )
            for article, url in zip(articles, urls, strict=True)
        )
    )


def _card(article: Article, url: str, with_photos: bool, with_leads: bool) -> Card:
    return Card(
        url=url,
        overline=article.overline,
        headline=article.headline,
        is_breaking=article.is_breaking,
        published_at=article.published_at,
        lead=article.lead if with_leads else "",
        photo=_photo(article) if with_photos else None,
    )


def _photo(article: Article) -> CardPhoto | None:
    photo = article.photo
    if photo is None or not photo.is_ready:
        return None
    card = rendition(photo, "card")
    if card is None:
        return CardPhoto("", srcset(photo, "card"), "", "")
    return CardPhoto(card.url, srcset(photo, "card"), card.width, card.height)
