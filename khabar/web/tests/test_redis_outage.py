"""The reader's site while Redis is down: every page renders from the database, and a
comment is acknowledged and stored (the page cache and the rate limit go without Redis)."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from khabar.articles.models import Article
from khabar.comments import tokens
from khabar.comments.models import Comment
from khabar.core import links
from khabar.core.tests.redis_switch import RedisSwitch
from khabar.web.urls_for import article_url

pytestmark = pytest.mark.django_db


def test_readers_get_every_page_and_can_comment_while_redis_is_down(
    client: Client, sample_article: Article, redis_switch: RedisSwitch
) -> None:
    page = article_url(sample_article)
    assert client.get(page)["X-Cache"] == "MISS"
    redis_switch.set("refusing")

    edition = sample_article.edition.code
    pages = (
        links.home_path(edition),
        links.archive_index_path(edition),
        links.edition_feed_path(edition),
    )
    for url in (*pages, page, "/sitemap.xml"):
        response = client.get(url)
        assert (response.status_code, response["X-Cache"]) == (200, "MISS"), url
    assert sample_article.headline in client.get(page).content.decode()

    token = tokens.token_issue(article_id=sample_article.pk, now=time.time() - 60)
    data = {"form": token, "name": "سامي", "email": "", "body": "تعليق", "website": ""}
    url = links.article_route_path("web:article_comment", edition, sample_article.code)
    sent = client.post(url, data, headers={"Sec-Fetch-Site": "same-origin"})
    assert sent.status_code == 303  # the acknowledgement: stored before it is sent
    assert Comment.objects.get().body == "تعليق"
