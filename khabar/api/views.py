"""The content API, version 1: thin endpoints over the articles' and editions' selectors.

Read-only and public content only. Every successful answer is tagged with the surrogate
keys of what it shows, so the page cache stores it (ETag, 304s, Cache-Control) and the
same domain events that refresh the site's pages refresh it. Unknown parameters are a
400: the page cache keeps the API's whole query in its key (PAGECACHE_QUERY_PARAMS).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.openapi.docs import Swagger

from khabar.api import cursors, errors, ninjs, representations
from khabar.api.errors import ApiError, ErrorOut, bad_request
from khabar.api.schemas import ArticleOut, ArticlePage, EditionOut, KeywordPage, SectionOut
from khabar.articles.api_selectors import (
    ApiOrder,
    ApiPosition,
    api_article,
    api_articles,
    api_articles_by_id,
    api_keywords,
)
from khabar.articles.models import Article, Keyword
from khabar.articles.selectors import keyword_get_by_slug, section_get_by_slug, section_list
from khabar.core import surrogate
from khabar.editions.models import Edition, Section
from khabar.editions.selectors import edition_list
from khabar.search.backends import Filters, Order
from khabar.search.selectors import search_results, search_suggestion
from khabar.text import parse_int, to_latin_digits
from khabar.text.analysis import MAX_QUERY_CHARS, query_parse

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Longer than any code an edition hands out; the path takes any digits, this bounds them.
MAX_CODE_DIGITS = 12

api = NinjaAPI(
    title="Khabar content API",
    version="1",
    description=(
        "Published articles of every edition, with their sections and keywords, as JSON "
        "and as IPTC ninjs 3.3. Times are UTC ISO 8601 and numbers ASCII digits; fields "
        "ending in `_display` are the edition's own writing of the same value. Anyone "
        "may read it, within a number of requests a minute per address (429 with "
        "`Retry-After` past it); a partner's key, sent as `Authorization: Bearer <key>` "
        "or `X-Api-Key`, has its own limit (a wrong or revoked key is a 401)."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

# 401 and 429 come from khabar.api.limits, before any endpoint runs.
LIST_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 429: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**LIST_ERRORS, 404: ErrorOut}


def _only(request: HttpRequest, allowed: Iterable[str]) -> None:
    """Refuse parameters the endpoint does not read, rather than quietly ignore a filter."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise bad_request(
            f"Unknown parameter {', '.join(unknown)}; this endpoint reads "
            f"{', '.join(sorted(allowed)) or 'none'}."
        )


def _tagged(response: HttpResponse, keys: Iterable[str]) -> HttpResponse:
    surrogate.tag(response, keys)
    return response


def _edition(code: str, *, status: int) -> Edition:
    found = next((edition for edition in edition_list() if edition.code == code), None)
    if found is None:
        raise ApiError(status, f"There is no edition {code!r}.")
    return found


@api.get("/editions", response={200: list[EditionOut], **LIST_ERRORS}, url_name="editions")
def editions(request: HttpRequest) -> HttpResponse:
    """Every edition, in the site's order."""
    _only(request, ())
    found = edition_list()
    return _tagged(
        api.create_response(request, [representations.edition_out(e) for e in found], status=200),
        [surrogate.edition_key(edition.code) for edition in found],
    )


@api.get(
    "/editions/{edition}/sections",
    response={200: list[SectionOut], **ONE_ERRORS},
    url_name="sections",
)
def sections(request: HttpRequest, edition: str) -> HttpResponse:
    """The edition's sections, in order."""
    _only(request, ())
    found = _edition(edition, status=404)
    items = [representations.section_out(s, found) for s in section_list(edition=found)]
    # A section's creation, rename or removal gives the edition's key a new generation.
    return _tagged(
        api.create_response(request, items, status=200), [surrogate.edition_key(found.code)]
    )


@api.get(
    "/editions/{edition}/keywords",
    response={200: KeywordPage, **ONE_ERRORS},
    url_name="keywords",
)
def keywords(
    request: HttpRequest,
    edition: str,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> HttpResponse:
    """The edition's keywords that appear on published articles, oldest first."""
    _only(request, ("cursor", "limit"))
    found = _edition(edition, status=404)
    after = cursors.keyword_position(cursor) if cursor is not None else None
    page = api_keywords(edition=found, after_id=after, limit=limit + 1)
    more, page = len(page) > limit, page[:limit]
    body = {
        "items": [representations.keyword_out(keyword, found) for keyword in page],
        "next_cursor": cursors.keyword_cursor(page[-1].pk) if more else None,
    }
    return _tagged(
        api.create_response(request, body, status=200),
        [
            surrogate.edition_key(found.code),
            # Which keywords have public articles changes with each publication.
            surrogate.latest_key(found.code),
            *(surrogate.keyword_key(keyword.pk) for keyword in page),
        ],
    )


def _since(value: str) -> datetime.datetime:
    try:
        parsed = datetime.datetime.fromisoformat(to_latin_digits(value.strip()))
    except ValueError:
        raise bad_request(
            "since: not an ISO 8601 time; write it like 2025-01-31T08:00:00Z."
        ) from None
    if parsed.tzinfo is None:
        raise bad_request("since: say the time zone, as Z for UTC or an offset like +03:30.")
    if parsed > timezone.now():
        raise bad_request("since: the time is in the future.")
    return parsed


ARTICLE_FILTERS = ("edition", "section", "keyword", "since", "q", "cursor", "limit")


def _search(
    request: HttpRequest,
    *,
    edition: Edition,
    q: str,
    section: Section | None,
    keyword: Keyword | None,
    cursor: str | None,
    limit: int,
) -> HttpResponse:
    """A page of `q`'s results by relevance, through the search page's own selectors."""
    if cursor is None:
        position = cursors.SearchPosition(now=timezone.now(), offset=0, limit=limit)
    else:
        position = cursors.search_position(cursor, limit=limit)
    parsed = query_parse(q, language=edition.language)
    filters = Filters(
        edition_id=edition.pk,
        now=position.now,
        section_id=section.pk if section is not None else None,
        keyword_id=keyword.pk if keyword is not None else None,
    )
    results = search_results(
        edition=edition,
        query=parsed,
        filters=filters,
        order=Order.RELEVANCE,
        page=position.offset // limit + 1,
        per_page=limit,
    )
    # None: the walk went past the end (articles taken down since the first page).
    ids = [result.article.pk for result in results.results] if results is not None else []
    page = api_articles_by_id(edition=edition, ids=ids)
    more = results is not None and results.total > position.offset + len(ids)
    suggestion = None
    if cursor is None and results is not None and results.total == 0 and parsed.expression:
        suggestion = search_suggestion(edition=edition, query=parsed, filters=filters)
    body = {
        "items": [representations.article_summary(article) for article in page],
        "next_cursor": cursors.search_cursor(
            cursors.SearchPosition(now=position.now, offset=position.offset + limit, limit=limit)
        )
        if more
        else None,
        "suggestion": suggestion,
    }
    keys = [surrogate.edition_key(edition.code), surrogate.latest_key(edition.code)]
    if section is not None:
        keys.append(surrogate.section_key(section.pk))
    if keyword is not None:
        keys.append(surrogate.keyword_key(keyword.pk))
    response = api.create_response(request, body, status=200)
    return _tagged(response, [*keys, *(surrogate.article_key(a.pk) for a in page)])


@api.get("/articles", response={200: ArticlePage, **LIST_ERRORS}, url_name="articles")
def articles(
    request: HttpRequest,
    edition: str | None = Query(None, description="An edition's code, as `ar`."),
    section: str | None = Query(None, description="A section's slug; needs `edition`."),
    keyword: str | None = Query(
        None, description="A keyword's slug or name, any spelling; needs `edition`."
    ),
    since: str | None = Query(
        None,
        description=(
            "Changes at or after this time (ISO 8601 with a zone), oldest first: for an "
            "incremental sync. Without it, newest publication first."
        ),
        example="2025-01-31T08:00:00Z",
    ),
    q: str | None = Query(
        None,
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description=(
            "Words to search for, as on the site's search page; needs `edition`. Results "
            "come by relevance; not with `since`."
        ),
    ),
    cursor: str | None = Query(None, description="`next_cursor` of the previous page."),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> HttpResponse:
    """Published articles, a page at a time.

    Without `since`, newest publication first. With `since`, every change at or after that
    time, oldest first, by `changed_at`: publication, edit, correction, photo, a keyword or
    section renamed, the edition's display settings; and withdrawals (unpublished, taken
    down) as items with `"status": "withdrawn"`, for the client to remove the article.
    Following `next_cursor` to the end meets each change once, even while articles are
    being published, edited and withdrawn.
    The last page of a sync leaves out the last few seconds (API_SYNC_SETTLE_SECONDS),
    whose writes may still be committing; ask again with its `next_cursor` later.

    With `q`, the matching articles by relevance (recency counts too), ranked as at the
    first page: following `next_cursor` walks that ranking without repeats, and articles
    published meanwhile are left out of it (search again to meet them). When nothing
    matches, `suggestion` may offer another spelling that finds something.
    """
    _only(request, ARTICLE_FILTERS)
    scope = [_edition(edition, status=400)] if edition is not None else edition_list()
    found_section = found_keyword = None
    if (section is not None or keyword is not None or q is not None) and edition is None:
        raise bad_request("section, keyword and q need an edition: add edition=….")
    if q is not None and since is not None:
        raise bad_request("q and since do not go together: a search is ranked, a sync is not.")
    if section is not None:
        found_section = section_get_by_slug(edition=scope[0], slug=section)
        if found_section is None:
            raise bad_request(f"section: the edition has no section {section!r}.")
    if keyword is not None:
        found_keyword = keyword_get_by_slug(edition=scope[0], slug=keyword)
        if found_keyword is None:
            raise bad_request(f"keyword: the edition has no keyword {keyword!r}.")
    if q is not None:
        return _search(
            request,
            edition=scope[0],
            q=q,
            section=found_section,
            keyword=found_keyword,
            cursor=cursor,
            limit=limit,
        )
    order = ApiOrder.CHANGES if since is not None else ApiOrder.NEWEST
    after = cursors.article_position(cursor, order) if cursor is not None else None
    settled = None
    if order is ApiOrder.CHANGES:
        settled = timezone.now() - datetime.timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
    page = api_articles(
        editions=scope,
        section=found_section,
        keyword=found_keyword,
        order=order,
        since=_since(since) if since is not None else None,
        changed_before=settled,
        after=after,
        limit=limit + 1,
    )
    more, page = len(page) > limit, page[:limit]
    next_cursor = None
    if page and (more or order is ApiOrder.CHANGES):
        last = page[-1]
        at = last.published_at if order is ApiOrder.NEWEST else last.changed_at
        assert at is not None  # noqa: S101 - public articles have both
        next_cursor = cursors.article_cursor(order, ApiPosition(at=at, id=last.pk))
    elif order is ApiOrder.CHANGES:
        next_cursor = cursor  # nothing new yet: ask again from the same place later
    body = {
        "items": [
            representations.article_summary(article)
            if article.is_public
            else representations.article_withdrawn(article)
            for article in page
        ],
        "next_cursor": next_cursor,
    }
    response = api.create_response(request, body, status=200)
    if order is ApiOrder.CHANGES and not more:
        # The tail of a sync moves with the clock (the settle window), which no event
        # announces: a proxy may hold it briefly, the page cache not at all.
        response.headers["Cache-Control"] = f"public, max-age={settings.API_SYNC_SETTLE_SECONDS:g}"
        return response
    keys = [
        key for e in scope for key in (surrogate.edition_key(e.code), surrogate.latest_key(e.code))
    ]
    if found_section is not None:
        keys.append(surrogate.section_key(found_section.pk))
    if found_keyword is not None:
        keys.append(surrogate.keyword_key(found_keyword.pk))
    return _tagged(response, [*keys, *(surrogate.article_key(a.pk) for a in page)])


def _article(edition: str, code: str) -> Article:
    """The article the path names: 404 unless it was ever published; taken-down included."""
    found = _edition(edition, status=404)
    try:
        number = parse_int(code, max_digits=MAX_CODE_DIGITS)
    except ValueError:
        raise ApiError(
            404, "A news code is a number, in any digits: 14027, ۱۴۰۲۷, ١٤٠٢٧."
        ) from None
    article = api_article(edition=found, code=number)
    if article is None or article.published_at is None:
        raise ApiError(404, "There is no published article with this code.")
    if article.status == Article.Status.UNPUBLISHED or article.is_public:
        return article
    raise ApiError(404, "There is no published article with this code.")


def _article_keys(article: Article) -> list[str]:
    return [
        surrogate.edition_key(article.edition.code),
        surrogate.article_key(article.pk),
        *([surrogate.section_key(article.section_id)] if article.section_id else []),
        *(surrogate.keyword_key(link.keyword_id) for link in article.ordered_keywords),
        *(surrogate.article_key(other.pk) for other in article.translations),
    ]


@api.get(
    "/articles/{edition}/{code}",
    response={200: ArticleOut, **ONE_ERRORS, 410: ErrorOut},
    url_name="article",
)
def article(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    """One published article by edition and news code (any digits: 14027, ۱۴۰۲۷, ١٤٠٢٧).

    A withdrawn or taken-down article answers 410 Gone.
    """
    _only(request, ())
    found = _article(edition, code)
    if found.status == Article.Status.UNPUBLISHED:
        raise ApiError(410, "This article was withdrawn and is no longer available.")
    body = representations.article_out(found)
    return _tagged(api.create_response(request, body, status=200), _article_keys(found))


@api.get(
    "/articles/{edition}/{code}/ninjs",
    response={200: dict[str, Any], **ONE_ERRORS},
    url_name="article_ninjs",
)
def article_ninjs(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    """The article as an IPTC ninjs 3.3 news item.

    A withdrawn or taken-down article is answered, not refused: `pubStatus: canceled`
    with no content, so an agency's system withdraws its copy.
    """
    _only(request, ())
    found = _article(edition, code)
    if found.status == Article.Status.UNPUBLISHED:
        item = ninjs.canceled(found)
    else:
        item = ninjs.usable(found)
    return _tagged(api.create_response(request, item, status=200), _article_keys(found))
