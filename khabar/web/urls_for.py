"""Every public URL the pages print, built in one place.

Paths are relative (`/ar/news/14027/...`), percent-encoded, with ASCII digits; a view
makes them absolute with `request.build_absolute_uri` where a page needs that (canonical,
Open Graph, JSON-LD). Feeds and the submission form belong to other apps: their URLs are
looked up by name (the submission form's only once that app exists).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from khabar.articles.models import Article, Keyword
from khabar.editions.models import Edition, Section


def reverse(name: str, *, kwargs: dict[str, object]) -> str:
    """Django's `reverse`, remembered.

    A page prints the same few URLs (its header's editions and sections, the newest
    articles among its related ones) page after page, and each lookup walks the URL
    patterns again.

    A URL is a function of the name, the arguments and what `reverse` itself reads: the
    URLconf (the request's or the settings'), the script prefix and the language.
    """
    url = _reverse(
        get_urlconf(),
        settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        name,
        tuple(kwargs.items()),
    )
    if url is None:
        raise NoReverseMatch(f"no URL named {name!r} with {kwargs!r}")
    return url


@functools.lru_cache(maxsize=4096)
def _reverse(
    urlconf: str | None,
    root_urlconf: str,
    prefix: str,
    language: str | None,
    name: str,
    kwargs: tuple[tuple[str, object], ...],
) -> str | None:
    try:
        return django_reverse(name, urlconf=urlconf, kwargs=dict(kwargs))
    except NoReverseMatch:  # remembered too: the submission form's URL, until there is one
        return None


def _edition_code(article: Article, edition: Edition | None) -> str:
    return edition.code if edition is not None else article.edition.code


def article_url(article: Article, edition: Edition | None = None) -> str:
    """The canonical path of an article: `/{ed}/news/{code}/{slug}` (slug when it has one)."""
    kwargs: dict[str, object] = {"edition": _edition_code(article, edition), "code": article.code}
    if article.slug:
        kwargs["slug"] = article.slug
    return reverse("web:article", kwargs=kwargs)


def article_print_url(article: Article, edition: Edition | None = None) -> str:
    return reverse(
        "web:article_print",
        kwargs={"edition": _edition_code(article, edition), "code": article.code},
    )


def home_url(edition: Edition) -> str:
    return reverse("web:home", kwargs={"edition": edition.code})


def section_url(section: Section, edition: Edition | None = None) -> str:
    code = edition.code if edition is not None else section.edition.code
    return reverse("web:section", kwargs={"edition": code, "slug": section.slug})


def keyword_url(keyword: Keyword, edition: Edition | None = None) -> str:
    code = edition.code if edition is not None else keyword.edition.code
    return reverse("web:keyword", kwargs={"edition": code, "slug": keyword.slug})


def archive_index_url(edition: Edition) -> str:
    return reverse("web:archive_index", kwargs={"edition": edition.code})


def archive_day_url(edition: Edition, year: int, month: int, day: int) -> str:
    """A day in the edition's own calendar, written with ASCII digits: `/ar/archive/1395/10/19/`."""
    return reverse(
        "web:archive_day",
        kwargs={"edition": edition.code, "year": year, "month": month, "day": day},
    )


def page_url(path: str, number: int) -> str:
    """Page `number` of a paginated list at `path`; page 1 is the bare path."""
    return path if number <= 1 else f"{path}?{urlencode({'page': number})}"


def edition_feed_url(edition: Edition) -> str:
    return reverse("syndication:edition_rss", kwargs={"edition": edition.code})


def section_feed_url(section: Section, edition: Edition) -> str:
    return reverse(
        "syndication:section_rss", kwargs={"edition": edition.code, "slug": section.slug}
    )


def keyword_feed_url(keyword: Keyword, edition: Edition) -> str:
    return reverse(
        "syndication:keyword_rss", kwargs={"edition": edition.code, "slug": keyword.slug}
    )


def submit_url(edition: Edition) -> str | None:
    """The reader submission form, once the submissions app provides one."""
    try:
        return reverse("submissions:submit", kwargs={"edition": edition.code})
    except NoReverseMatch:
        return None


@dataclass(frozen=True, slots=True)
class ShareLink:
    network: str  # a stable name, used as a class: "telegram", "whatsapp"…
    label: str
    url: str


def _query(**params: str) -> str:
    return urlencode(params, quote_via=quote)


def share_links(*, url: str, title: str) -> list[ShareLink]:
    """Plain links to each network's share endpoint: no script, frame or image of theirs."""
    both = f"{title} {url}"
    return [
        ShareLink(
            "telegram", _("Telegram"), "https://t.me/share/url?" + _query(url=url, text=title)
        ),
        ShareLink("whatsapp", _("WhatsApp"), "https://wa.me/?" + _query(text=both)),
        ShareLink("x", _("X"), "https://x.com/intent/post?" + _query(url=url, text=title)),
        ShareLink(
            "facebook", _("Facebook"), "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)
        ),
        ShareLink("email", _("Email"), "mailto:?" + _query(subject=title, body=both)),
    ]
