"""The header's navigation: rendered once per state, with live counts and per-person links."""

from __future__ import annotations

import re
from typing import Any

import pytest

from khabar.articles.models import Article
from khabar.comments import services
from khabar.comments.clients import client_from_address
from khabar.newsroom.tests.conftest import Signed

pytestmark = pytest.mark.django_db


def _navigation(client: Any) -> str:
    html = client.get("/newsroom/articles/").content.decode()
    found = re.search(r'<nav class="nr-nav".*?</nav>', html, re.S)
    assert found is not None
    return found.group(0)


def test_the_navigation_counts_comments_posted_since_it_was_last_shown(
    newsroom: Any, sample_article: Article, signed_in: Signed
) -> None:
    client = signed_in(newsroom.editor)
    assert 'Comments <span class="nr-badge">0</span>' in _navigation(client)

    services.comment_post(
        article=sample_article,
        client=client_from_address("203.0.113.5"),
        name="قارئ",
        email="",
        body="تعليق",
        form_age=60,
    )

    assert 'Comments <span class="nr-badge">1</span>' in _navigation(client)


def test_the_navigation_links_only_what_each_person_may_open(
    newsroom: Any, signed_in: Signed
) -> None:
    admin = _navigation(signed_in(newsroom.admin))
    reporter = _navigation(signed_in(newsroom.reporter))

    assert "/newsroom/people/" in admin and "/newsroom/audit/" in admin
    assert "/newsroom/people/" not in reporter and "/newsroom/comments/" not in reporter
    assert "/newsroom/articles/new/" in reporter


def test_someone_without_a_role_is_refused_under_the_links_everyone_has(
    django_user_model: Any, signed_in: Signed
) -> None:
    nobody = django_user_model.objects.create_user("nobody", password="unused-password")
    client = signed_in(nobody)

    assert client.get("/newsroom/articles/").status_code == 403
    navigation = _navigation(client)
    assert "/newsroom/articles/" in navigation and "/newsroom/photos/" in navigation
    assert "/newsroom/people/" not in navigation and "nr-badge" not in navigation
