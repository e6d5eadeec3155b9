"""Helpers for the comments tests: a reader's post with sensible defaults."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.comments import services
from khabar.comments.clients import client_from_address

Post = Callable[..., services.Posted]


@pytest.fixture
def post(sample_article: Article) -> Post:
    def send(**fields: Any) -> services.Posted:
        address = fields.pop("address", "203.0.113.5")
        values: dict[str, Any] = {
            "article": sample_article,
            "client": client_from_address(address),
            "name": "قارئ",
            "email": "",
            "body": "تعليق مفيد على الخبر",
            "form_age": 60.0,
        }
        values.update(fields)
        return services.comment_post(**values)

    return send
