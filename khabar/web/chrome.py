"""The site's header (the edition's name, search, editions and sections) and footer (archive,
corrections and feeds), each rendered once per process for each state of it: the same bytes
on every page of an edition, which cost an uncached page about a fifth of its template work
when rendered each time.

Each is a function of the values in its key alone: it is rendered from them, in a context
that holds nothing else, so a page cannot make it depend on anything the key lacks.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from khabar.core import links


@dataclass(frozen=True, slots=True)
class HeaderEdition:
    code: str
    name: str
    language: str
    direction: str

    @property
    def url(self) -> str:
        return links.home_path(self.code)


@dataclass(frozen=True, slots=True)
class HeaderSection:
    pk: int
    slug: str
    name: str


def header_html(
    *, edition: Any, editions: Iterable[Any], sections: Iterable[Any], current: Any
) -> SafeString:
    """The header for `edition` (or none), linking to `editions` and to `sections`, with
    `current` (a section, or none) marked as the page's."""
    # The key holds plain tuples of the values shown: built on every page (a dataclass
    # instance per edition and section cost a Python call or four each).
    return _rendered(
        get_language(),
        get_script_prefix(),  # what the links start with
        (edition.code, edition.name, edition.language, edition.direction) if edition else None,
        tuple((each.code, each.name, each.language, each.direction) for each in editions),
        tuple((each.pk, each.slug, each.name) for each in sections),
        getattr(current, "pk", None),
    )


EditionKey = tuple[str, str, str, str]


@functools.lru_cache(maxsize=256)
def _rendered(
    language: str | None,
    prefix: str,
    edition_key: EditionKey | None,
    editions: tuple[EditionKey, ...],
    sections: tuple[tuple[int, str, str], ...],
    current: int | None,
) -> SafeString:
    edition = HeaderEdition(*edition_key) if edition_key else None
    return SafeString(
        render_to_string(
            "web/_header.html",
            {
                "edition": edition,
                "editions": [HeaderEdition(*each) for each in editions],
                # The edition's sections: none without an edition.
                "sections": (
                    [
                        (HeaderSection(*section), links.section_path(edition.code, section[1]))
                        for section in sections
                    ]
                    if edition
                    else []
                ),
                "current": current,
                "search_url": (
                    links.reverse("web:search", kwargs={"edition": edition.code}) if edition else ""
                ),
            },
        )
    )


# The footer's links, by their names in a page's context.
FOOTER_URLS = ("archive_url", "corrections_url", "edition_feed_url", "feed_url")


def footer_html(*, edition: Any, urls: Mapping[str, str | None]) -> SafeString:
    """The footer for `edition` (or none), linking to `urls` (those of FOOTER_URLS it has)."""
    return _footer(
        get_language(),
        getattr(edition, "name", ""),
        tuple(str(urls.get(name) or "") for name in FOOTER_URLS),
    )


# A keyword page's footer links to its own feed: those mostly miss, and cost what they did.
@functools.lru_cache(maxsize=256)
def _footer(language: str | None, edition_name: str, urls: tuple[str, ...]) -> SafeString:
    return SafeString(
        render_to_string(
            "web/_footer.html",
            {"edition_name": edition_name, **dict(zip(FOOTER_URLS, urls, strict=True))},
        )
    )
