"""Sitemap and robots.txt views: Django's sitemap views, fed the editions of the day."""

from __future__ import annotations

import dataclasses
from typing import Any, cast
from urllib.parse import urlsplit

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from khabar.core import links, surrogate
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_get, edition_list
from khabar.syndication.sitemaps import SITEMAP_KINDS, sitemap_sections


def _edition_keys(editions: list[Edition]) -> list[str]:
    return [
        key
        for edition in editions
        for key in (surrogate.edition_key(edition.code), surrogate.latest_key(edition.code))
    ]


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    editions = edition_list()
    response = sitemap_views.index(
        request,
        sitemap_sections(editions),
        template_name="syndication/sitemap_index.xml",
        sitemap_url_name="syndication:sitemap_section",
    )
    # Django builds these on the request's host; the public origin is SITE_URL's.
    context = _context(response)
    context["sitemaps"] = [
        dataclasses.replace(item, location=_on_site(item.location)) for item in context["sitemaps"]
    ]
    return surrogate.tag(response, _edition_keys(editions))


def _context(response: TemplateResponse) -> dict[str, Any]:
    """The context Django's sitemap views render with (always given, never None)."""
    return cast(dict[str, Any], response.context_data)


def _on_site(url: str) -> str:
    parts = urlsplit(url)
    return links.absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    kind, _, code = section.partition("-")
    edition = edition_get(code=code) if kind in SITEMAP_KINDS else None
    if edition is None:
        raise Http404("no such sitemap")
    template = "syndication/sitemap_news.xml" if kind == "news" else "syndication/sitemap.xml"
    sitemap = SITEMAP_KINDS[kind](edition)
    response = sitemap_views.sitemap(
        request, {section: sitemap}, section=section, template_name=template
    )
    keys = _edition_keys([edition])
    urls = _context(response)["urlset"]
    if kind == "news":
        # Few enough to name: a corrected headline must reach Google News at once.
        keys += [surrogate.article_key(url["item"].pk) for url in urls]
    elif kind == "sections":
        # A renamed section slug moves its page.
        keys += [url["item"].surrogate_key for url in urls if url["item"].surrogate_key]
    return surrogate.tag(response, keys)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = links.absolute_url(reverse("syndication:sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /newsroom/",
        # Print views repeat the article page; `$` keeps slugs starting "print" crawlable.
        "Disallow: /*/news/*/print$",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
