"""Fixtures for search tests: articles made through the services, so the index follows them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.search.backends import Filters, Order, backend
from khabar.text.analysis import query_parse

MakeArticle = Callable[..., Article]
Find = Callable[..., list[int]]


@pytest.fixture
def make_article(django_capture_on_commit_callbacks: Any) -> MakeArticle:
    """A published article, indexed (its events run as after a commit)."""
    counter = iter(range(1, 100_000))

    def make(edition: Edition, headline: str | None = None, **fields: Any) -> Article:
        number = next(counter)
        fields.setdefault(
            "published_at", timezone.now() - datetime.timedelta(days=10, minutes=number)
        )
        with django_capture_on_commit_callbacks(execute=True):
            return services.article_create(
                actor=IMPORTER, edition=edition, headline=headline or f"headline {number}", **fields
            )

    return make


@pytest.fixture
def find() -> Find:
    """The ids of the articles a query finds in an edition, best first."""

    def search(
        edition: Edition, text: str, order: Order = Order.RELEVANCE, **filters: Any
    ) -> list[int]:
        parsed = query_parse(text, language=edition.language)
        if parsed.expression is None:
            return []
        hits = backend().search(
            parsed.expression,
            Filters(edition_id=edition.pk, now=timezone.now(), **filters),
            order=order,
            offset=0,
            limit=1000,
        )
        return hits.ids

    return search


@pytest.fixture
def sqlite_steps() -> Iterator[list[int]]:
    """How many virtual-machine steps (in thousands) SQLite runs while the test reads it."""
    if connection.vendor != "sqlite":
        pytest.skip("FTS5's rowid ranges and facets are SQLite's")
    connection.ensure_connection()
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    connection.connection.set_progress_handler(count, 1000)
    yield steps
    connection.connection.set_progress_handler(None, 0)
