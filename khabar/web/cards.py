"""Article cards (`web/_cards.html`: the home page's lists and the article page's related
news), each card written once per process for each state of it.

An uncached article page shows about six related cards, and rendering them through the
template cost it about a seventh of its function calls: the same few newest articles of a
section are listed on page after page. As with the header (khabar.web.chrome), a card is a
function of the values in its key alone and is written from them, so a change to anything
it shows (headline, photo, the edition's calendar...) is a new key, shown at once.

A card is written here, not by a template: an archive has tens of thousands of cards in
turn, so an uncached page still writes about one, and through `web/_card.html` that one
cost more than the page's own article read. Each value is escaped as the template escaped
it, and the output is the template's, byte for byte (khabar/web/tests/test_cards.py keeps
the template and compares).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from khabar.articles.models import Article
from khabar.core import links
from khabar.core.templatetags.khabar import edition_datetime, iso8601
from khabar.editions.models import Edition
from khabar.photos.templatetags.photos import rendition, srcset
from khabar.web.escaping import escape
from khabar.web.labels import Label

BREAKING = Label(gettext_noop("Breaking"))
LEAD_WORDS = 40


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
    language = links.language()
    return SafeString(
        "".join(
            card_html(_card(article, url, with_photos, with_leads), shown_in, language)
            for article, url in zip(articles, urls, strict=True)
        )
    )


# Shared by every list: a home page shows some forty cards, an article page six.
@functools.lru_cache(maxsize=4096)
def card_html(card: Card, edition: CardEdition, _language: str | None) -> str:
    """One card's `<li>` (`_language`: the active one, which its "Breaking" is written in)."""
    parts = ['\n  <li class="card">\n    ']
    if photo := card.photo:
        parts.append(
            f'<img src="{escape(photo.url)}" srcset="{escape(photo.srcset)}"'
            ' sizes="(min-width: 48rem) 20rem, 100vw" alt="" loading="lazy"'
            f' width="{escape(photo.width)}" height="{escape(photo.height)}">'
        )
    parts.append("\n    ")
    if card.overline:
        parts.append(f'<p class="overline">{escape(card.overline)}</p>')
    parts.append("\n    <h3>")
    if card.is_breaking:
        parts.append(f'<span class="badge">{BREAKING}</span> ')
    parts.append(f'<a href="{escape(card.url)}">{escape(card.headline)}</a></h3>\n    ')
    if card.lead:
        # The template's `truncatewords:40`.
        lead = Truncator(card.lead).words(LEAD_WORDS, truncate=" …")
        parts.append(f'<p class="lead">{escape(lead)}</p>')
    parts.append(
        f'\n    <time datetime="{escape(iso8601(card.published_at))}">'
        f"{escape(edition_datetime(card.published_at, edition))}</time>\n  </li>\n"
    )
    return "".join(parts)


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
