"""The paths of the public pages, built in one place from edition codes, news codes and slugs.

Every interface that prints a link to a public page (the site, feeds, sitemaps) builds it
here, so a slug that needs encoding is encoded once, the same way for all of them. Paths are
relative (`/ar/news/14027/...`), percent-encoded, with ASCII digits; the web app's routes are
named, never imported, so this module sits below every interface.

Keyword slugs are what editors typed (`9/11`, `100%`, `C#`): their routes take any text,
slashes included (`<path:slug>`), and Django's `reverse` percent-encodes the rest (`%`, `#`,
`?`). A view that redirects to its canonical URL compares it with the request's *decoded*
path (`is_path_of`), or a slug with an encoded character would redirect to itself forever.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import string
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language


def reverse(name: str, *, kwargs: dict[str, object]) -> str:
    """Django's `reverse`, remembered.

    A page prints the same few URLs (its header's editions and sections, the newest
    articles among its related ones) page after page, and each lookup walks the URL
    patterns again.

    A URL is a function of the name, the arguments and what `reverse` itself reads: the
    URLconf (the request's or the settings'), the script prefix and the language.
    """
    return _reverse_in(_context(), name, kwargs)


URLContext = tuple[str | None, str, str, str | None]
_fixed: contextvars.ContextVar[URLContext | None] = contextvars.ContextVar(
    "khabar_url_context", default=None
)


@contextlib.contextmanager
def fixed_context() -> Iterator[None]:
    """Within it, what URLs depend on is read once, on entering, for every URL built.

    A page builds a dozen URLs, and reading the URLconf, script prefix and language (three
    context-local variables, each a lock and a few Python calls) cost an uncached article
    page more instructions than anything else of its links (callgrind: 4%). Inside, they
    must not change: no `translation.override`, `set_urlconf` or `set_script_prefix` (an
    edition's view runs wholly in its language).
    """
    token = _fixed.set(_read_context())
    try:
        yield
    finally:
        _fixed.reset(token)


def language() -> str | None:
    """The active language: inside `fixed_context`, as read on entering it (parts of a page
    that are kept per language ask for it a dozen times a page)."""
    fixed = _fixed.get()
    return fixed[3] if fixed is not None else get_language()


def _context() -> URLContext:
    """What `reverse` reads besides its arguments: URLconfs, script prefix, language."""
    fixed = _fixed.get()
    return fixed if fixed is not None else _read_context()


def _read_context() -> URLContext:
    return get_urlconf(), settings.ROOT_URLCONF, get_script_prefix(), get_language()


def _reverse_in(context: URLContext, name: str, kwargs: dict[str, object]) -> str:
    url = _reverse(*context, name, tuple(kwargs.items()))
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
    except NoReverseMatch:  # remembered too: a miss costs as much as a hit
        return None


# Values that every converter of an article's routes accepts, standing in for the news code
# and the slug while `_article_shape` finds where they go in a route's path.
_CODE = 123_456_789_012
_SLUG = "khabar-slug"
# What Django's `reverse` leaves as it is in a path, besides letters, digits and `_.-~`
# (django.urls.resolvers: RFC 3986's sub-delimiters and `/~:@`).
_PATH_SAFE = "!$&'()*+,;=/~:@"


def article_route_path(name: str, edition_code: str, code: int, slug: str = "") -> str:
    """`reverse(name, edition, code[, slug])` for the routes of one article, without the walk.

    Every article is a new URL, so remembering them does not help a page's first render, and
    a page prints several (its own, its print and comment links, its related articles'):
    each cost a walk of the URL patterns. The route's path is reversed once per edition and
    context with stand-in values, and each article's code and percent-encoded slug are put
    where those went. Anything the stand-ins do not vouch for (a longer code, a slug with a
    slash, which the route refuses) goes through `reverse` itself, as before.
    """
    return _article_route_path(_context(), name, edition_code, code, slug)


def _article_route_path(
    context: URLContext,
    name: str,
    edition_code: str,
    code: int,
    slug: str,
) -> str:
    if type(code) is int and 0 <= code <= _CODE and "/" not in slug:
        shape = _article_shape(*context, name, edition_code, bool(slug))
        if shape is not None:
            head, middle, tail = shape
            if not slug:
                return f"{head}{code}{middle}"
            return f"{head}{code}{middle}{_path_slug(slug)}{tail}"
    kwargs: dict[str, object] = {"edition": edition_code, "code": code}
    if slug:
        kwargs["slug"] = slug
    return reverse(name, kwargs=kwargs)


@functools.lru_cache(maxsize=256)
def _article_shape(
    urlconf: str | None,
    root_urlconf: str,
    prefix: str,
    language: str | None,
    name: str,
    edition_code: str,
    with_slug: bool,
) -> tuple[str, str, str] | None:
    """The path of route `name` around its code and slug: (before the code, between, after)."""
    kwargs: dict[str, object] = {"edition": edition_code, "code": _CODE}
    if with_slug:
        kwargs["slug"] = _SLUG
    path = _reverse(urlconf, root_urlconf, prefix, language, name, tuple(kwargs.items()))
    if path is None:
        return None
    before_slug, _, tail = path.rpartition(_SLUG) if with_slug else (path, "", "")
    head, found, middle = before_slug.rpartition(str(_CODE))
    return (head, middle, tail) if found else None


# The slugs of the newest articles and keywords are printed on page after page (cards,
# keyword lists); an Arabic slug is a few µs to encode, a few hundred bytes to keep.
@functools.lru_cache(maxsize=4096)
def _path_slug(slug: str) -> str:
    """A slug as Django's `reverse` writes it in a path."""
    return percent_encode(slug, _PATH_SAFE)


def percent_encode(text: str, safe: str = "") -> str:
    """`urllib.parse.quote(text, safe)`: UTF-8, every byte but letters, digits, `_.-~` and
    `safe` as `%XX`. The same text, at C speed: quote's loop runs in Python for each byte,
    and an Arabic headline or slug is mostly bytes to encode."""
    if text.isascii():  # a URL, say, already encoded: each of its `%` would be a run
        return text.translate(_ascii_escapes(safe))
    return _unsafe_runs(safe).sub(_percent_encoded, text)


@functools.cache
def _ascii_escapes(safe: str) -> dict[int, str]:
    kept = set(f"{string.ascii_letters}{string.digits}_.-~{safe}")
    return {code: f"%{code:02X}" for code in range(128) if chr(code) not in kept}


@functools.cache
def _unsafe_runs(safe: str) -> re.Pattern[str]:
    """Runs of characters to encode, with the hyphens between them: a slug's words are one
    run, not one call of `_percent_encoded` each (a page's slugs had a hundred)."""
    unsafe = rf"[^A-Za-z0-9_.\-~{re.escape(safe)}]"
    return re.compile(rf"{unsafe}+(?:-+{unsafe}+)*")


def _percent_encoded(run: re.Match[str]) -> str:
    encoded = "%" + run.group().encode().hex("%").upper()
    # Each byte is "%XX", so "%2D" is a hyphen's byte and nothing else: put it back as is.
    return encoded.replace("%2D", "-") if "-" in run.group() else encoded


def static_url(name: str) -> str:
    """`{% static name %}`, remembered: the URL of a collected file (its hashed name, from
    the storage's manifest) is the same for the life of the process, and looking it up cost
    an uncached article page about a twentieth of its template time (five files).

    Keyed by what picks the storage and its URLs too, so a test's other settings are obeyed.
    """
    return _static_url(name, settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"])


@functools.lru_cache(maxsize=256)
def _static_url(name: str, _static_prefix: str | None, _backend: str) -> str:
    return static(name)


def site_origin() -> tuple[str, str]:
    """SITE_URL's scheme and host: the public origin of every absolute URL Khabar prints."""
    parts = urlsplit(settings.SITE_URL.rstrip("/"))
    return parts.scheme or "https", parts.netloc


def absolute_url(path: str) -> str:
    """`path` (or a relative URL with a query) on the public origin, SITE_URL.

    Never the request's Host: canonical links, Open Graph, feeds and sitemaps are stored in
    the page cache and read by machines, and must not say whatever host a client sent.
    Already absolute URLs (a media storage on another origin) are returned as they are.
    """
    if urlsplit(path).scheme:
        return iri_to_uri(path)
    scheme, host = site_origin()
    # Percent-encoded as a URL must be (a request's path arrives decoded); idempotent.
    return iri_to_uri(f"{scheme}://{host}{path if path.startswith('/') else '/' + path}")


def is_path_of(request_path: str, url: str) -> bool:
    """Whether a request's path (decoded, as Django gives it) is the page at `url` (encoded)."""
    return unquote(url) == request_path


def home_path(edition_code: str) -> str:
    return reverse("web:home", kwargs={"edition": edition_code})


def article_path(edition_code: str, code: int, slug: str = "") -> str:
    """The canonical path of an article: `/{ed}/news/{code}/{slug}`, or without a slug."""
    return article_route_path("web:article", edition_code, code, slug)


def article_paths(edition_code: str, articles: Iterable[tuple[int, str]]) -> list[str]:
    """`article_path` of each (code, slug) of an edition, reading the URL context once."""
    context = _context()
    return [
        _article_route_path(context, "web:article", edition_code, code, slug)
        for code, slug in articles
    ]


def article_permalink_path(edition_code: str, code: int) -> str:
    """`/{ed}/news/{code}`: the news code alone, which never changes when the headline does."""
    return article_route_path("web:article", edition_code, code)


def article_short_path(edition_code: str, code: int) -> str:
    """`/{ed}/{code}`: the short link readers cite, redirecting to the article."""
    return reverse("web:short_link", kwargs={"edition": edition_code, "code": code})


def article_preview_path(edition_code: str, code: int) -> str:
    """The staff preview of an article, in any status, as readers will see it."""
    return reverse("web:article_preview", kwargs={"edition": edition_code, "code": code})


def preview_link_path(token: str) -> str:
    """An outside reviewer's secret preview link (never remembered: each token is new)."""
    return django_reverse("web:preview_link", kwargs={"token": token})


def article_print_path(edition_code: str, code: int) -> str:
    return article_route_path("web:article_print", edition_code, code)


def section_path(edition_code: str, slug: str) -> str:
    return reverse("web:section", kwargs={"edition": edition_code, "slug": slug})


def keyword_path(edition_code: str, slug: str) -> str:
    return _keyword_path(_context(), edition_code, slug)


def keyword_paths(edition_code: str, slugs: Iterable[str]) -> list[str]:
    """`keyword_path` of each slug of an edition, reading the URL context once."""
    context = _context()
    return [_keyword_path(context, edition_code, slug) for slug in slugs]


def _keyword_path(context: URLContext, edition_code: str, slug: str) -> str:
    """`reverse("web:keyword", edition, slug)` without the walk, as `article_route_path`.

    An archive has thousands of keywords and an article page prints about ten: remembered
    one by one they crowded the other URLs out of `reverse`'s memory, and each one missed
    walked the URL patterns (a twentieth of an uncached page). The route's `<path:slug>`
    takes any text but an empty one or one with a line break: those go through `reverse`
    (which refuses them).
    """
    if slug and "\n" not in slug:
        shape = _slug_shape(context, "web:keyword", edition_code)
        if shape is not None:
            head, tail = shape
            return f"{head}{_path_slug(slug)}{tail}"
    return reverse("web:keyword", kwargs={"edition": edition_code, "slug": slug})


@functools.lru_cache(maxsize=256)
def _slug_shape(context: URLContext, name: str, edition_code: str) -> tuple[str, str] | None:
    """The path of route `name` around its slug: (before the slug, after it)."""
    path = _reverse(*context, name, (("edition", edition_code), ("slug", _SLUG)))
    if path is None:
        return None
    head, found, tail = path.rpartition(_SLUG)
    return (head, tail) if found else None


def corrections_path(edition_code: str) -> str:
    return reverse("web:corrections", kwargs={"edition": edition_code})


def archive_index_path(edition_code: str) -> str:
    return reverse("web:archive_index", kwargs={"edition": edition_code})


def archive_day_path(edition_code: str, year: int, month: int, day: int) -> str:
    """A day in the edition's own calendar, written with ASCII digits: `/ar/archive/1395/10/19/`."""
    return reverse(
        "web:archive_day",
        kwargs={"edition": edition_code, "year": year, "month": month, "day": day},
    )


def edition_feed_path(edition_code: str) -> str:
    return reverse("syndication:edition_rss", kwargs={"edition": edition_code})


def section_feed_path(edition_code: str, slug: str) -> str:
    return reverse("syndication:section_rss", kwargs={"edition": edition_code, "slug": slug})


def keyword_feed_path(edition_code: str, slug: str) -> str:
    return reverse("syndication:keyword_rss", kwargs={"edition": edition_code, "slug": slug})
