"""Fixtures for the newsroom's pages: articles made through the services, clients per role."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

Status = Article.Status
Signed = Callable[[Any], Client]


@pytest.fixture
def signed_in() -> Signed:
    """A client signed in as `user`, reading the newsroom in English."""

    def make(user: Any) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return make


def write(author: Any, edition: Edition, headline: str = "خبر", **fields: Any) -> Article:
    """A draft written by `author` through the service, as the newsroom would."""
    return services.article_create(actor=author, edition=edition, headline=headline, **fields)


def at_status(article: Article, status: str) -> Article:
    """Move the article to `status` by the allowed path, as Khabar's own process."""
    steps: dict[str, list[Callable[..., Any]]] = {
        Status.DRAFT: [],
        Status.IN_REVIEW: [workflow.article_submit],
        Status.SCHEDULED: [
            lambda **kw: workflow.article_schedule(
                **kw, at=timezone.now() + datetime.timedelta(hours=1)
            )
        ],
        Status.PUBLISHED: [workflow.article_publish],
        Status.UNPUBLISHED: [workflow.article_publish, workflow.article_unpublish],
    }
    for step in steps[status]:
        step(actor=IMPORTER, article=article)
    article.refresh_from_db()
    return article


def editor_url(article: Article) -> str:
    return f"/newsroom/articles/{article.pk}/"
