"""Lists split into pages: `?page=` read strictly, and the links between pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from khabar.core import links
from khabar.text import parse_int
from khabar.web import urls_for

PER_PAGE = 20
# Page numbers past this are not pages anyone reaches by following links.
MAX_PAGE_DIGITS = 6


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int | None  # None for the ellipsis between distant page numbers
    url: str = ""
    current: bool = False


def page_number(request: HttpRequest) -> int:
    """The `?page=` asked for; 404 for anything that is not a page number."""
    raw = request.GET.get("page")
    if raw is None:
        return 1
    try:
        number = parse_int(raw, max_digits=MAX_PAGE_DIGITS)
    except ValueError:
        raise Http404("not a page number") from None
    if number < 1:
        raise Http404("no such page")
    return number


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> Page | HttpResponse:
    """The page of `queryset` the request asks for, or a redirect to how it is spelled.

    `?page=۲` and `?page=02` redirect to `?page=2`, `?page=1` to the bare path; a page past
    the end is a 404 (except page 1 of an empty list, which says there is nothing yet).
    """
    number = page_number(request)
    paginator = Paginator(queryset, PER_PAGE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404("no such page") from None
    if "page" in request.GET and (number == 1 or request.GET["page"] != str(number)):
        return HttpResponsePermanentRedirect(urls_for.page_url(request.path, number))
    return page


def pagination_context(request: HttpRequest, page: Page) -> dict[str, Any]:
    path = request.path
    page_links = [
        PageLink(None)
        if number == page.paginator.ELLIPSIS
        else PageLink(int(number), urls_for.page_url(path, int(number)), number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "page": page,
        "articles": page.object_list,
        "page_links": page_links if page.paginator.num_pages > 1 else [],
        "prev_url": urls_for.page_url(path, page.number - 1) if page.has_previous() else "",
        "next_url": urls_for.page_url(path, page.number + 1) if page.has_next() else "",
        "canonical_url": links.absolute_url(urls_for.page_url(path, page.number)),
    }
