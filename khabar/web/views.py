"""The public site's views: thin, reading through selectors, answering in the edition's language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import uri_to_iri

from khabar.articles.models import Article
from khabar.articles.selectors import (
    article_get_by_code,
    article_list_latest,
    keyword_articles,
    keyword_get_by_slug,
)
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_get

View = Callable[..., HttpResponse]


def edition_view(view: View) -> View:
    """Resolve the URL's edition (404 if unknown) and answer in its language."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, edition: str, **kwargs: Any) -> HttpResponse:
        found = edition_get(code=edition)
        if found is None:
            raise Http404("unknown edition")
        request.edition = found  # type: ignore[attr-defined]
        with translation.override(found.language):
            return view(request, found, **kwargs)

    return wrapper


def article_url(article: Article) -> str:
    kwargs: dict[str, Any] = {"edition": article.edition.code, "code": article.code}
    if article.slug:
        kwargs["slug"] = article.slug
    return reverse("web:article", kwargs=kwargs)


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@edition_view
def edition_home(request: HttpRequest, edition: Edition) -> HttpResponse:
    articles = article_list_latest(edition=edition, limit=30)
    return render(request, "web/home.html", {"edition": edition, "articles": articles})


def _readable_article(edition: Edition, code: int) -> Article:
    """The article readers may reach by this code; 404 for unknown or never-published ones."""
    article = article_get_by_code(edition=edition, code=code)
    if article is None or article.published_at is None:
        raise Http404("no such article")
    if article.status == Article.Status.PUBLISHED and article.is_public:
        return article
    if article.status == Article.Status.UNPUBLISHED:
        return article
    raise Http404("not published")


@edition_view
def article_detail(
    request: HttpRequest, edition: Edition, code: int, slug: str = ""
) -> HttpResponse:
    article = _readable_article(edition, code)
    if article.status == Article.Status.UNPUBLISHED:
        return render(request, "web/gone.html", {"edition": edition}, status=410)
    canonical = article_url(article)
    if uri_to_iri(canonical) != request.path:
        return HttpResponsePermanentRedirect(canonical)
    return render(
        request,
        "web/article.html",
        {
            "edition": edition,
            "article": article,
            "keywords": [link.keyword for link in article.ordered_keywords],
            "canonical_url": request.build_absolute_uri(canonical),
        },
    )


@edition_view
def article_redirect(request: HttpRequest, edition: Edition, code: int) -> HttpResponse:
    """Short links and slug-less URLs, in any digits, answer 301 to the canonical URL."""
    article = _readable_article(edition, code)
    return HttpResponsePermanentRedirect(article_url(article))


@edition_view
def keyword_detail(request: HttpRequest, edition: Edition, slug: str) -> HttpResponse:
    keyword = keyword_get_by_slug(edition=edition, slug=slug)
    if keyword is None:
        raise Http404("no such keyword")
    canonical = reverse("web:keyword", kwargs={"edition": edition.code, "slug": keyword.slug})
    if uri_to_iri(canonical) != request.path:
        return HttpResponsePermanentRedirect(canonical)
    articles = keyword_articles(keyword=keyword)
    return render(
        request,
        "web/keyword.html",
        {"edition": edition, "keyword": keyword, "articles": articles},
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 in the language of the edition the URL names, or the default one."""
    prefix = request.path.strip("/").split("/", 1)[0]
    edition = getattr(request, "edition", None) or edition_get(code=prefix[:8])
    language = edition.language if edition else translation.get_language()
    with translation.override(language):
        body = loader.render_to_string(
            "web/404.html", {"edition": edition, "request_path": request.path}, request
        )
    return HttpResponse(body, status=404)
