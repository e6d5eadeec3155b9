"""The public site's views: thin, reading through selectors, answering in the edition's language.

Every page tags its response with the surrogate keys of what it shows (khabar.core.surrogate):
the page cache keeps only tagged responses, and drops them when those keys change.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import uri_to_iri
from django.utils.translation.trans_real import parse_accept_lang_header

from khabar.articles.models import Article
from khabar.articles.selectors import (
    archive_day_articles,
    article_get_for_page,
    article_list_latest_cards,
    article_locate,
    breaking_article,
    corrections_latest,
    keyword_articles_queryset,
    keyword_get_by_slug,
    section_articles,
    section_blocks,
    section_get_by_slug,
    section_list,
    top_stories,
)
from khabar.calendars import (
    InvalidDate,
    format_date,
    from_calendar,
    to_calendar,
    to_local,
)
from khabar.comments.selectors import most_commented
from khabar.core import links, surrogate
from khabar.editions.models import Edition, Section
from khabar.editions.selectors import directory, edition_list
from khabar.pageviews.selectors import most_viewed
from khabar.web import article_html, article_page, comments, metadata, shell, urls_for
from khabar.web.article_page import photo
from khabar.web.pagination import paginate, pagination_context

View = Callable[..., HttpResponse]

ARCHIVE_INDEX_DAYS = 30
HOME_LATEST = 20
HOME_MOST_VIEWED = 10
SECTION_BLOCK_SIZE = 4
# Longer Accept-Language headers are cut (Django's own LocaleMiddleware refuses past 500).
MAX_ACCEPT_LANGUAGE = 500


def edition_view(view: View) -> View:
    """Resolve the URL's edition (404 if unknown) and answer in its language.

    The editions and the edition's sections come from the process's copy, checked with one
    query: the header links to each of them.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, edition: str, **kwargs: Any) -> HttpResponse:
        known = directory()
        found = next((candidate for candidate in known.editions if candidate.code == edition), None)
        if found is None:
            raise Http404("unknown edition")
        request.edition = found  # type: ignore[attr-defined]
        request.editions = known.editions  # type: ignore[attr-defined]
        request.sections = known.sections.get(found.pk, [])  # type: ignore[attr-defined]
        # The whole view in the edition's language, and its URLs built in that context.
        with translation.override(found.language), links.fixed_context():
            return view(request, found, **kwargs)

    return wrapper


def page_context(
    request: HttpRequest,
    edition: Edition,
    context: dict[str, Any],
    sections: list[Section] | None = None,
) -> dict[str, Any]:
    """`context` with what every edition page shows around it: header, footer, breaking bar."""
    return {
        "edition": edition,
        "editions": getattr(request, "editions", [edition]),
        "sections": _sections(request, edition) if sections is None else sections,
        "edition_feed_url": urls_for.edition_feed_url(edition),
        "archive_url": urls_for.archive_index_url(edition),
        "corrections_url": urls_for.corrections_url(edition),
        "og_locale": metadata.og_locale(edition.language),
        "breaking": breaking_article(edition=edition),
        **context,
    }


def _sections(request: HttpRequest, edition: Edition) -> list[Section]:
    """The edition's sections, as `edition_view` found them (no second look)."""
    found: list[Section] | None = getattr(request, "sections", None)
    return section_list(edition=edition) if found is None else found


def render_page(
    request: HttpRequest,
    edition: Edition,
    template: str,
    context: dict[str, Any],
    *,
    keys: Iterable[str] = (),
    articles: Iterable[Article] = (),
    sections: list[Section] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render an edition page with its header and footer, tagged with what it shows."""
    response = render(
        request, template, page_context(request, edition, context, sections), status=status
    )
    return _tagged(response, edition, keys=keys, articles=articles)


def _tagged(
    response: HttpResponse,
    edition: Edition,
    *,
    keys: Iterable[str] = (),
    articles: Iterable[Article] = (),
) -> HttpResponse:
    """`response` tagged with the surrogate keys of an edition page showing `articles`."""
    surrogate.tag(
        response,
        [
            surrogate.edition_key(edition.code),
            # The breaking bar: set, cleared and expired alerts (the worker) invalidate it.
            surrogate.breaking_key(edition.code),
            *keys,
            *(surrogate.article_key(article.pk) for article in articles),
        ],
    )
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def site_root(request: HttpRequest) -> HttpResponse:
    """`/`: the edition the reader's `Accept-Language` prefers, else the default edition.

    A 302 that varies on the header: a shared cache keeps one answer per language list, and
    a reader whose browser asks for English today and Persian tomorrow is not stuck.
    """
    editions = edition_list()
    if not editions:
        raise Http404("no edition yet")
    chosen = edition_for_languages(
        editions, request.META.get("HTTP_ACCEPT_LANGUAGE", ""), default=settings.DEFAULT_EDITION
    )
    response = HttpResponseRedirect(urls_for.home_url(chosen))
    patch_vary_headers(response, ["Accept-Language"])
    return response


def edition_for_languages(
    editions: list[Edition], accept_language: str, *, default: str
) -> Edition:
    """The first edition in the header's order of preference (q-values), matching the
    language or its primary subtag (`ar-IQ` → `ar`); else `default`, else the first edition."""
    by_language: dict[str, Edition] = {}
    for edition in editions:
        by_language.setdefault(edition.language.lower(), edition)
    # Django's own parser: q-values, order, malformed headers give an empty tuple.
    for tag, quality in parse_accept_lang_header(accept_language[:MAX_ACCEPT_LANGUAGE]):
        if quality <= 0:
            continue
        tag = tag.lower()
        found = by_language.get(tag) or by_language.get(tag.split("-", 1)[0])
        if found is not None:
            return found
    return next((edition for edition in editions if edition.code == default), editions[0])


# --- Lists ---------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest,
    edition: Edition,
    queryset: QuerySet[Article],
    template: str,
    context: dict[str, Any],
    *,
    membership_key: str,
) -> HttpResponse:
    page = paginate(request, queryset)
    if isinstance(page, HttpResponse):
        return page
    pagination = pagination_context(request, page)
    for article in pagination["articles"]:
        article.edition = edition
    comments.attach_counts(pagination["articles"])
    return render_page(
        request,
        edition,
        template,
        {**context, **pagination},
        keys=[membership_key],
        articles=pagination["articles"],
    )


@edition_view
def edition_home(request: HttpRequest, edition: Edition) -> HttpResponse:
    sections = _sections(request, edition)
    top = top_stories(edition=edition)
    on_top = {article.pk for article in top}
    latest = [
        article
        for article in article_list_latest_cards(edition=edition, limit=HOME_LATEST + len(top))
        if article.pk not in on_top
    ][:HOME_LATEST]
    most_viewed_day = most_viewed(edition=edition, days=1, limit=HOME_MOST_VIEWED)
    most_viewed_week = most_viewed(edition=edition, days=7, limit=HOME_MOST_VIEWED)
    commented = most_commented(edition=edition)
    blocks = [
        (section, articles)
        for section, articles in section_blocks(
            edition=edition, sections=sections, per_section=SECTION_BLOCK_SIZE
        )
        if articles
    ]
    shown = [
        *top,
        *latest,
        *most_viewed_day,
        *most_viewed_week,
        *commented,
        *(article for _section, articles in blocks for article in articles),
    ]
    comments.attach_counts(latest)
    return render_page(
        request,
        edition,
        "web/home.html",
        {
            "top_stories": top,
            "articles": latest,
            "most_viewed_day": most_viewed_day,
            "most_viewed_week": most_viewed_week,
            "most_commented": commented,
            "section_blocks": blocks,
            "canonical_url": links.absolute_url(urls_for.home_url(edition)),
        },
        keys=[
            surrogate.latest_key(edition.code),
            surrogate.top_stories_key(edition.code),
            surrogate.most_commented_key(edition.code),
            *(surrogate.section_key(section.pk) for section, _articles in blocks),
        ],
        articles=shown,
        sections=sections,
    )


@edition_view
def section_detail(request: HttpRequest, edition: Edition, slug: str) -> HttpResponse:
    section = section_get_by_slug(edition=edition, slug=slug)
    if section is None:
        raise Http404("no such section")
    section.edition = edition
    return _list_page(
        request,
        edition,
        section_articles(section=section),
        "web/section.html",
        {"section": section, "feed_url": urls_for.section_feed_url(section, edition)},
        membership_key=surrogate.section_key(section.pk),
    )


@edition_view
def keyword_detail(request: HttpRequest, edition: Edition, slug: str) -> HttpResponse:
    keyword = keyword_get_by_slug(edition=edition, slug=slug)
    if keyword is None:
        raise Http404("no such keyword")
    keyword.edition = edition
    canonical = urls_for.keyword_url(keyword, edition)
    if not links.is_path_of(request.path, canonical):
        return HttpResponsePermanentRedirect(canonical)
    return _list_page(
        request,
        edition,
        keyword_articles_queryset(keyword=keyword),
        "web/keyword.html",
        {"keyword": keyword, "feed_url": urls_for.keyword_feed_url(keyword, edition)},
        membership_key=surrogate.keyword_key(keyword.pk),
    )


def _local_today(edition: Edition) -> datetime.date:
    return to_local(timezone.now(), edition.time_zone).date()


@edition_view
def archive_day(
    request: HttpRequest, edition: Edition, year: int, month: int, day: int
) -> HttpResponse:
    """One local day of the edition, named in its calendar: `/ar/archive/1395/10/19/`."""
    try:
        date = from_calendar(edition.calendar, year, month, day)
    except InvalidDate:
        raise Http404("no such day") from None
    if date > _local_today(edition):
        raise Http404("a day still to come")
    articles = archive_day_articles(edition=edition, date=date)
    if articles is None:
        raise Http404("a day the site's clock cannot name")
    canonical = urls_for.archive_day_url(edition, year, month, day)
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return _list_page(
        request,
        edition,
        articles,
        "web/archive_day.html",
        {"day_label": _day_label(edition, date)},
        membership_key=surrogate.archive_day_key(edition.code, date),
    )


def _day_label(edition: Edition, date: datetime.date) -> str:
    return format_date(
        date,
        calendar=edition.calendar,
        digits=edition.digits,
        language=edition.language,
        month_names=edition.month_names,
    )


@edition_view
def corrections_list(request: HttpRequest, edition: Edition) -> HttpResponse:
    """`/{ed}/corrections/`: every correction, clarification and editor's note, newest first."""
    page = paginate(request, corrections_latest(edition=edition))
    if isinstance(page, HttpResponse):
        return page
    pagination = pagination_context(request, page)
    corrections = list(pagination.pop("articles"))
    for correction in corrections:
        correction.article.edition = edition
    return render_page(
        request,
        edition,
        "web/corrections.html",
        {**pagination, "corrections": corrections},
        keys=[surrogate.corrections_key(edition.code)],
        articles=[correction.article for correction in corrections],
    )


@edition_view
def archive_index(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Links to the edition's last 30 days, each named in its calendar."""
    today = _local_today(edition)
    days = []
    for offset in range(ARCHIVE_INDEX_DAYS):
        date = today - datetime.timedelta(days=offset)
        try:
            local = to_calendar(date, edition.calendar)
        except InvalidDate:
            continue
        url = urls_for.archive_day_url(edition, local.year, local.month, local.day)
        days.append({"iso": date.isoformat(), "label": _day_label(edition, date), "url": url})
    return render_page(
        request,
        edition,
        "web/archive_index.html",
        {
            "days": days,
            "canonical_url": links.absolute_url(urls_for.archive_index_url(edition)),
        },
        # The list of days changes at midnight; any publication is a fine moment to refresh it.
        keys=[surrogate.latest_key(edition.code)],
    )


# --- Articles ------------------------------------------------------------------------------


def _readable(article: Article | None) -> Article:
    """The article if readers may reach it; 404 for unknown or never-published ones."""
    if article is None or article.published_at is None:
        raise Http404("no such article")
    if article.status == Article.Status.PUBLISHED and article.is_public:
        return article
    if article.status == Article.Status.UNPUBLISHED:
        return article
    raise Http404("not published")


def _gone(request: HttpRequest, edition: Edition, article: Article) -> HttpResponse:
    return render_page(
        request,
        edition,
        "web/gone.html",
        {},
        keys=[surrogate.article_key(article.pk)],
        status=410,
    )


@edition_view
def article_detail(
    request: HttpRequest, edition: Edition, code: int, slug: str = ""
) -> HttpResponse:
    article = _readable(article_get_for_page(edition=edition, code=code))
    if article.status == Article.Status.UNPUBLISHED:
        return _gone(request, edition, article)
    canonical = urls_for.article_url(article, edition)
    if not links.is_path_of(request.path, canonical):
        return HttpResponsePermanentRedirect(canonical)
    context = {
        **article_page.article_context(request, edition, article),
        **comments.article_page_context(article=article, edition=edition),
    }
    context |= article_html.page_html(edition=edition, context=context)
    html = shell.article_page_html(page_context(request, edition, context))
    response = _tagged(
        HttpResponse(html),
        edition,
        keys=[
            *([surrogate.section_key(article.section_id)] if article.section_id else []),
            *(surrogate.keyword_key(keyword.pk) for keyword in context["keywords"]),
        ],
        articles=[article, *context["related"], *context["translation_articles"]],
    )
    surrogate.show_article(response, article.pk)
    return response


@edition_view
def article_print(request: HttpRequest, edition: Edition, code: int) -> HttpResponse:
    """The article alone, for paper: no navigation, not indexed, canonical to the article."""
    article = _readable(article_get_for_page(edition=edition, code=code))
    if article.status == Article.Status.UNPUBLISHED:
        return _gone(request, edition, article)
    print_url = urls_for.article_print_url(article, edition)
    if print_url != request.path:
        return HttpResponsePermanentRedirect(print_url)
    canonical_url = links.absolute_url(urls_for.article_url(article, edition))
    return render_page(
        request,
        edition,
        "web/print.html",
        {
            "article": article,
            "keywords": [link.keyword for link in article.ordered_keywords],
            "body_html": article_html.body_html(
                article=article,
                edition=edition,
                photo=photo(request, article),
                modified_at=article.updated_after_publication,
                corrections=article.ordered_corrections,
            ),
            "canonical_url": canonical_url,
            "permalink": uri_to_iri(canonical_url),
        },
        articles=[article],
        sections=[],
    )


@edition_view
def article_redirect(
    request: HttpRequest, edition: Edition, code: int, slug: str = ""
) -> HttpResponse:
    """Short links, slug-less and legacy (AMP) URLs, in any digits: 301 to the canonical URL."""
    article = _readable(article_locate(edition=edition, code=code))
    return HttpResponsePermanentRedirect(urls_for.article_url(article, edition))
