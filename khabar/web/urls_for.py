"""Every public URL the pages print, from the objects the views hold.

The paths themselves are built in `khabar.core.links`, shared with feeds and sitemaps; this
module picks the edition and the slug, and adds what only the pages print (pagination, the
submission form, share links).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_noop

from khabar.articles.models import Article, Keyword
from khabar.core import links
from khabar.editions.models import Edition, Section
from khabar.web.labels import Label


def _edition_code(article: Article, edition: Edition | None) -> str:
    return edition.code if edition is not None else article.edition.code


def article_url(article: Article, edition: Edition | None = None) -> str:
    """The canonical path of an article: `/{ed}/news/{code}/{slug}` (slug when it has one)."""
    return links.article_path(_edition_code(article, edition), article.code, article.slug)


def article_print_url(article: Article, edition: Edition | None = None) -> str:
    return links.article_print_path(_edition_code(article, edition), article.code)


def home_url(edition: Edition) -> str:
    return links.home_path(edition.code)


def section_url(section: Section, edition: Edition | None = None) -> str:
    code = edition.code if edition is not None else section.edition.code
    return links.section_path(code, section.slug)


def keyword_url(keyword: Keyword, edition: Edition | None = None) -> str:
    code = edition.code if edition is not None else keyword.edition.code
    return links.keyword_path(code, keyword.slug)


def corrections_url(edition: Edition) -> str:
    return links.corrections_path(edition.code)


def archive_index_url(edition: Edition) -> str:
    return links.archive_index_path(edition.code)


def archive_day_url(edition: Edition, year: int, month: int, day: int) -> str:
    """A day in the edition's own calendar, written with ASCII digits: `/ar/archive/1395/10/19/`."""
    return links.archive_day_path(edition.code, year, month, day)


def page_url(path: str, number: int) -> str:
    """Page `number` of a paginated list at `path`; page 1 is the bare path."""
    return path if number <= 1 else f"{path}?{urlencode({'page': number})}"


def edition_feed_url(edition: Edition) -> str:
    return links.edition_feed_path(edition.code)


def section_feed_url(section: Section, edition: Edition) -> str:
    return links.section_feed_path(edition.code, section.slug)


def keyword_feed_url(keyword: Keyword, edition: Edition) -> str:
    return links.keyword_feed_path(edition.code, keyword.slug)


def submit_url(edition: Edition) -> str:
    """The reader submission form (khabar.web.submit_views)."""
    return links.reverse("web:submit", kwargs={"edition": edition.code})


@dataclass(frozen=True, slots=True)
class ShareLink:
    network: str  # a stable name, used as a class: "telegram", "whatsapp"…
    label: str
    url: str


TELEGRAM = Label(gettext_noop("Telegram"))
WHATSAPP = Label(gettext_noop("WhatsApp"))
X = Label(gettext_noop("X"))
FACEBOOK = Label(gettext_noop("Facebook"))
EMAIL = Label(gettext_noop("Email"))


def share_links(*, url: str, title: str) -> list[ShareLink]:
    """Plain links to each network's share endpoint: no script, frame or image of theirs."""
    # Each text percent-encoded once, every character but letters, digits and `_.-~`, as
    # `urlencode(..., quote_via=quote)` would: it cost a page five urlencodes of the same texts.
    link, text = links.percent_encode(url), links.percent_encode(title)
    both = f"{text}%20{link}"  # f"{title} {url}", encoded
    return [
        ShareLink("telegram", str(TELEGRAM), f"https://t.me/share/url?url={link}&text={text}"),
        ShareLink("whatsapp", str(WHATSAPP), f"https://wa.me/?text={both}"),
        ShareLink("x", str(X), f"https://x.com/intent/post?url={link}&text={text}"),
        ShareLink(
            "facebook", str(FACEBOOK), f"https://www.facebook.com/sharer/sharer.php?u={link}"
        ),
        ShareLink("email", str(EMAIL), f"mailto:?subject={text}&body={both}"),
    ]
