from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.api import limits
from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition


@pytest.fixture(autouse=True)
def _no_allowance_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty cache: so is this process's share of it."""
    monkeypatch.setattr(limits, "_held", limits._Held())


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Callable) -> Callable:
    """Run a change as production does: its events fire once its transaction commits."""

    def run(change: Callable[[], Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def publish(on_commit: Callable) -> Callable[..., Article]:
    """Publish an article now (or at `published_at`), events and all."""

    def make(edition: Edition, headline: str, **fields: Any) -> Article:
        fields.setdefault("published_at", datetime.datetime.now(datetime.UTC))
        return on_commit(
            lambda: services.article_create(
                actor=IMPORTER, edition=edition, headline=headline, **fields
            )
        )

    return make


def get_json(client: Client, url: str, status: int = 200, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()
