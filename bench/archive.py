"""The bench archive's pages, read in-process: which to ask for, and their queries."""

import random
from dataclasses import dataclass
from typing import Any

SAMPLE = ("ar", 14027)


@dataclass
class Site:
    article_path: str
    home_path: str
    keyword_path: str
    keyword_articles: int
    distinct: list[str]  # one published article per line, shuffled, the sample left out


def site_paths() -> Site:
    from django.db.models import Count

    from khabar.articles.models import Article, Keyword
    from khabar.editions.models import Edition
    from khabar.web import urls_for

    editions = {edition.pk: edition for edition in Edition.objects.all()}
    sample_edition = next(e for e in editions.values() if e.code == SAMPLE[0])
    sample = Article.objects.get(edition=sample_edition, code=SAMPLE[1])
    # Counted here rather than read from Keyword.uses, which the seed's bulk path may skip.
    keyword = (
        Keyword.objects.filter(edition=sample_edition)
        .annotate(tagged=Count("articles"))
        .order_by("-tagged", "pk")
        .first()
    )
    assert keyword is not None  # noqa: S101 - the seed always makes keywords
    distinct = [
        urls_for.article_url(article, editions[article.edition_id])
        for article in Article.objects.published()
        .exclude(pk=sample.pk)
        .only("edition_id", "code", "slug")
        .order_by("pk")
        .iterator(chunk_size=5000)
    ]
    # The same order every run; spread over editions and years.
    random.Random("khabar-bench").shuffle(distinct)  # noqa: S311
    return Site(
        article_path=urls_for.article_url(sample, sample_edition),
        home_path=urls_for.home_url(sample_edition),
        keyword_path=urls_for.keyword_url(keyword, sample_edition),
        keyword_articles=keyword.tagged,
        distinct=distinct,
    )


def query_counts(paths: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Queries each page runs when rendered from scratch (this process's cache is empty)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A host ALLOWED_HOSTS accepts: outside the test runner "testserver" is refused (400).
    client = Client(HTTP_HOST="127.0.0.1")
    counted = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counted[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "sql": [query["sql"] for query in captured.captured_queries],
        }
    return counted
