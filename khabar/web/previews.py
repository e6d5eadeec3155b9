"""Previews: an article as readers will see it, before they can.

Two ways in. Staff who may edit or publish an article open `/{ed}/news/{code}/preview`
while signed in; an outside reviewer opens `/preview/{token}`, a secret link the newsroom
made (khabar.articles.previews). Both show the article's latest text, a pending update
included, with the public article template.

A preview is for one person, never for the public: `noindex` in the page and the headers,
no Referer sent onwards (the token is in the URL), and `Cache-Control: private, no-store`
with no surrogate keys, which is what keeps the page cache (khabar.pagecache) from storing
it — the cache keeps only tagged responses that say nothing of how they may be cached. No
view is counted either: a reviewer is not a reader.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from khabar.articles.models import Article
from khabar.articles.previews import PreviewUnavailable, preview_content_apply, preview_link_article
from khabar.articles.selectors import article_get_for_page
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_list
from khabar.staff import permissions
from khabar.web import article_html, article_page, views


def _private(response: HttpResponse) -> HttpResponse:
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _preview(request: HttpRequest, edition: Edition, article: Article) -> HttpResponse:
    article = preview_content_apply(article)
    context = article_page.article_context(request, edition, article)
    # A preview's links must not send anyone to share or print a page that is not out yet.
    context.update(share_links=[], print_url="")
    context |= article_html.page_html(edition=edition, context=context)
    request.editions = edition_list()  # type: ignore[attr-defined]
    page = views.page_context(request, edition, context)
    return _private(render(request, "web/preview.html", page))


@never_cache
def article_preview(request: HttpRequest, edition: str, code: int) -> HttpResponse:
    """The staff preview: for whoever may edit or publish the article, in any status."""
    found = next((candidate for candidate in edition_list() if candidate.code == edition), None)
    if found is None:
        raise Http404("unknown edition")
    if not request.user.is_authenticated:
        return _private(redirect_to_login(request.get_full_path(), reverse("newsroom:login")))
    article = article_get_for_page(edition=found, code=code)
    if article is None:
        raise Http404("no such article")
    with translation.override(found.language):
        try:
            permissions.require_preview(request.user, article)
        except PermissionDenied as refusal:
            context = {"edition": found, "title": _("Access denied"), "message": str(refusal)}
            return _private(render(request, "web/error.html", context, status=403))
        return _preview(request, found, article)


@never_cache
def preview_link(request: HttpRequest, token: str) -> HttpResponse:
    """An outside reviewer's link: the article, or a page saying why the link is closed."""
    # Said in the reviewer's language: a closed link names no edition.
    with translation.override(translation.get_language_from_request(request)):
        try:
            linked = preview_link_article(token=token)
        except PreviewUnavailable as closed:
            context = {"title": _("Preview unavailable"), "message": str(closed)}
            status = 410 if closed.gone else 404
            return _private(render(request, "web/error.html", context, status=status))
    edition = linked.edition
    article = article_get_for_page(edition=edition, code=linked.code)
    if article is None:  # deleted between the two reads
        raise Http404("no such article")
    with translation.override(edition.language):
        return _preview(request, edition, article)
