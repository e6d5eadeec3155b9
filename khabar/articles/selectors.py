"""Reads for the public site: what a reader may see, fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from khabar.articles.models import Article, ArticleKeyword, Keyword, keyword_key
from khabar.editions.models import Edition


def _with_keywords(queryset):  # type: ignore[no-untyped-def]
    return queryset.prefetch_related(
        Prefetch(
            "articlekeyword_set",
            queryset=ArticleKeyword.objects.select_related("keyword").order_by("position"),
            to_attr="ordered_keywords",
        )
    )


def article_get_by_code(*, edition: Edition, code: int) -> Article | None:
    """The article with this code, in any status (the view decides 404, 410 or 200)."""
    queryset = Article.objects.select_related("section").filter(edition=edition, code=code)
    article = _with_keywords(queryset).first()
    if article is not None:
        article.edition = edition
    return article


def article_list_latest(*, edition: Edition, limit: int = 20) -> list[Article]:
    queryset = (
        Article.objects.published()
        .filter(edition=edition)
        .select_related("section")
        .only("code", "slug", "headline", "overline", "lead", "published_at", "section__name")
        .latest_first()[:limit]
    )
    return list(queryset)


def keyword_get_by_slug(*, edition: Edition, slug: str) -> Keyword | None:
    """The keyword a URL names, whatever spelling (ي/ی, hyphens for spaces) the URL uses."""
    key = keyword_key(slug)
    if not key:
        return None
    return Keyword.objects.filter(edition=edition, key=key).first()


def keyword_articles(*, keyword: Keyword, limit: int = 30) -> list[Article]:
    queryset = (
        Article.objects.published()
        .filter(articlekeyword__keyword=keyword)
        .only("code", "slug", "headline", "lead", "published_at")
        .latest_first()[:limit]
    )
    return list(queryset)
