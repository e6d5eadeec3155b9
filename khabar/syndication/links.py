"""Paths of the public pages that feeds and sitemaps point to.

Syndication sits beside the web app and never imports it, so it names web's
URLs by their route names, exactly as web's own canonical links are built.
"""

from __future__ import annotations

from django.urls import reverse


def article_path(edition_code: str, code: int, slug: str = "") -> str:
    """The canonical path of an article: `/{ed}/news/{code}/{slug}`, or without a slug."""
    kwargs: dict[str, object] = {"edition": edition_code, "code": code}
    if slug:
        kwargs["slug"] = slug
    return reverse("web:article", kwargs=kwargs)


def article_permalink_path(edition_code: str, code: int) -> str:
    """`/{ed}/news/{code}`: the news code alone, which never changes when the headline does."""
    return reverse("web:article", kwargs={"edition": edition_code, "code": code})


def home_path(edition_code: str) -> str:
    return reverse("web:home", kwargs={"edition": edition_code})


def keyword_path(edition_code: str, slug: str) -> str:
    return reverse("web:keyword", kwargs={"edition": edition_code, "slug": slug})


def section_path(edition_code: str, slug: str) -> str:
    return reverse("web:section", kwargs={"edition": edition_code, "slug": slug})
