"""`/{ed}/search?q=…`: the edition's published articles by the words a reader types.

Thin: the query is read by `khabar.text.analysis`, matched by the search backend and shown
through `khabar.search.selectors`. Every answer is a normal page, whatever was typed: a
query of nothing searchable, an unknown section or keyword and a date that does not exist
are said on the page, never a server error. Pages are cached like the others, tagged with
the edition's latest key, which every publication, edit and withdrawal bumps.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles.models import Article
from khabar.articles.selectors import article_locate, keyword_get_by_slug, section_list
from khabar.calendars import InvalidDate, day_bound
from khabar.core import links, surrogate
from khabar.editions.models import Edition
from khabar.search.backends import Filters, Order
from khabar.search.selectors import ResultPage, search_results, search_suggestion
from khabar.text import parse_int
from khabar.text.analysis import MAX_QUERY_CHARS, query_parse
from khabar.web import urls_for
from khabar.web.views import PageLink, edition_view, page_number, render_page

# Dates typed in a form field are short; anything longer is no date.
MAX_DATE_CHARS = 40


def _param(request: HttpRequest, name: str, limit: int = MAX_QUERY_CHARS) -> str:
    """A query parameter, cut to `limit` and without NUL (PostgreSQL text cannot hold it)."""
    return request.GET.get(name, "")[:limit].replace("\x00", "").strip()


def _news_code(text: str) -> int | None:
    try:
        return parse_int(text, max_digits=18)
    except ValueError:
        return None


def _date(text: str, edition: Edition, errors: list[str], *, end: bool) -> datetime.datetime | None:
    """The start of the local day `text` names (the next day's for an end); None if empty."""
    if not text:
        return None
    try:
        return day_bound(text, calendar=edition.calendar, time_zone=edition.time_zone, end=end)
    except InvalidDate:
        errors.append(_("“%(date)s” is not a date of the calendar.") % {"date": text})
        return None


def _page_link(path: str, params: dict[str, str], number: int) -> str:
    query = {**params, **({"page": str(number)} if number > 1 else {})}
    return f"{path}?{urlencode(query)}" if query else path


def _pagination(path: str, params: dict[str, str], page: ResultPage) -> dict[str, Any]:
    if page.num_pages <= 1:
        return {"page_links": [], "prev_url": "", "next_url": ""}
    numbers = range(1, page.num_pages + 1)
    shown = sorted({1, page.num_pages, *(n for n in numbers if abs(n - page.number) <= 2)})
    links_: list[PageLink] = []
    for number in shown:
        if links_ and links_[-1].number is not None and number - links_[-1].number > 1:
            links_.append(PageLink(None))
        links_.append(PageLink(number, _page_link(path, params, number), number == page.number))
    return {
        "page_links": links_,
        "prev_url": _page_link(path, params, page.number - 1) if page.number > 1 else "",
        "next_url": (
            _page_link(path, params, page.number + 1) if page.number < page.num_pages else ""
        ),
    }


@edition_view
def search(request: HttpRequest, edition: Edition) -> HttpResponse:
    text = _param(request, "q")
    code = _news_code(text)
    if code is not None:
        article = article_locate(edition=edition, code=code)
        if article is not None and article.is_public:
            return HttpResponseRedirect(urls_for.article_url(article, edition))

    sections = section_list(edition=edition)
    errors: list[str] = []
    keys = [surrogate.latest_key(edition.code)]
    section_slug = _param(request, "section")
    section = next((item for item in sections if item.slug == section_slug), None)
    if section_slug and section is None:
        errors.append(_("There is no such section."))
    keyword_name = _param(request, "keyword")
    keyword = keyword_get_by_slug(edition=edition, slug=keyword_name) if keyword_name else None
    if keyword is not None:
        keys.append(surrogate.keyword_key(keyword.pk))
    elif keyword_name:
        errors.append(_("There is no such keyword."))
    date_from = _param(request, "from", MAX_DATE_CHARS)
    date_to = _param(request, "to", MAX_DATE_CHARS)
    start = _date(date_from, edition, errors, end=False)
    end = _date(date_to, edition, errors, end=True)
    order = Order.DATE if request.GET.get("sort") == Order.DATE else Order.RELEVANCE

    parsed = query_parse(text, language=edition.language)
    filters = Filters(
        edition_id=edition.pk,
        now=timezone.now(),
        section_id=section.pk if section else None,
        keyword_id=keyword.pk if keyword else None,
        start=start,
        end=end,
    )
    number = page_number(request)
    page = search_results(edition=edition, query=parsed, filters=filters, order=order, page=number)
    if page is None:
        raise Http404("no such page")
    suggestion = None
    if parsed.expression is not None and page.total == 0:
        suggestion = search_suggestion(edition=edition, query=parsed, filters=filters)

    params = {
        name: value
        for name, value in (
            ("q", text),
            ("section", section_slug),
            ("keyword", keyword_name),
            ("from", date_from),
            ("to", date_to),
            ("sort", order.value if order == Order.DATE else ""),
        )
        if value
    }
    path = links.reverse("web:search", kwargs={"edition": edition.code})
    articles: list[Article] = [result.article for result in page.results]
    return render_page(
        request,
        edition,
        "web/search.html",
        {
            "query": text,
            "searched": parsed.expression is not None,
            "results": page.results,
            "total": page.total,
            "more": page.more,
            "page": page,
            "errors": errors,
            "suggestion": suggestion,
            "suggestion_url": _page_link(path, {**params, "q": suggestion}, 1)
            if suggestion
            else "",
            "selected_section": section_slug,
            "keyword_name": keyword_name,
            "date_from": date_from,
            "date_to": date_to,
            "order": order.value,
            "search_url": path,
            **_pagination(path, params, page),
        },
        keys=keys,
        articles=articles,
        sections=sections,
    )
