"""Cursor pagination, and an incremental sync that meets every change exactly once."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from khabar.api.tests.conftest import get_json
from khabar.articles import services, workflow
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock() -> Iterator[Callable[[], datetime.datetime]]:
    """A stopped clock that `step()` moves one second, so every change has its own time."""
    with time_machine.travel(START, tick=False) as traveller:

        def step() -> datetime.datetime:
            traveller.shift(datetime.timedelta(seconds=1))
            return datetime.datetime.now(datetime.UTC)

        yield step


def walk(client: Client, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = get_json(client, url)
    while page["items"]:
        items += page["items"]
        page = get_json(client, f"{url}&cursor={page['next_cursor']}")
    return items


def test_walking_the_newest_first_list_while_articles_are_published_skips_none_repeats_none(
    client: Client, edition_ar: Edition, publish: Callable, clock: Callable
) -> None:
    older = []
    for number in range(5):
        clock()
        older.append(publish(edition_ar, f"خبر {number}").code)
    clock()
    first = get_json(client, "/api/v1/articles?edition=ar&limit=2")
    clock()
    publish(edition_ar, "خبر جديد")  # lands before the cursor: the walk goes back in time
    seen = [item["code"] for item in first["items"]]
    seen += [item["code"] for item in walk_from(client, first["next_cursor"])]
    assert seen == list(reversed(older))


def walk_from(client: Client, cursor: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while cursor:
        page = get_json(client, f"/api/v1/articles?edition=ar&limit=2&cursor={cursor}")
        items += page["items"]
        cursor = page["next_cursor"]
    return items


def test_a_sync_meets_every_change_once_while_articles_are_published_and_edited(
    client: Client,
    edition_ar: Edition,
    newsroom: Any,
    publish: Callable,
    on_commit: Callable,
    clock: Callable,
    settings: Any,
) -> None:
    settings.API_SYNC_SETTLE_SECONDS = 0
    draft = services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة قديمة")
    clock()
    since = clock().isoformat()
    articles = []
    for number in range(5):
        clock()
        articles.append(publish(edition_ar, f"خبر {number}"))
    clock()
    url = f"/api/v1/articles?edition=ar&limit=2&since={since.replace('+', '%2B')}"
    page = get_json(client, url)
    seen = [(item["code"], item["updated_at"]) for item in page["items"]]
    # Between pages: an article already seen is corrected, one not yet seen is edited,
    # a new one is published, and a draft written before the sync began goes out.
    clock()
    on_commit(
        lambda: services.correction_add(actor=newsroom.editor, article=articles[0], text="تصحيح")
    )
    clock()
    on_commit(
        lambda: services.article_update(actor=IMPORTER, article=articles[3], headline="عنوان")
    )
    clock()
    fresh = publish(edition_ar, "خبر جديد")
    clock()
    on_commit(lambda: workflow.article_publish(actor=newsroom.editor, article=draft))
    clock()
    cursor = page["next_cursor"]
    while True:
        page = get_json(client, f"{url}&cursor={cursor}")
        if not page["items"]:
            break
        seen += [(item["code"], item["updated_at"]) for item in page["items"]]
        cursor = page["next_cursor"]
    codes = [code for code, _ in seen]
    assert len(seen) == len(set(seen)), "a version was met twice"
    assert codes == [
        *(article.code for article in articles[:3]),
        # Edited before the walk reached it: met once, in its new version, in its new place.
        articles[4].code,
        articles[0].code,  # its correction
        articles[3].code,
        fresh.code,
        draft.code,
    ]
    latest = {code: updated for code, updated in seen}
    assert (
        get_json(client, f"/api/v1/articles/ar/{articles[3].code}")["updated_at"]
        == (latest[articles[3].code])
    )
    # Nothing new: the same cursor comes back, to ask again later.
    assert page["next_cursor"] == cursor


def test_the_sync_leaves_out_changes_younger_than_the_settle_window(
    client: Client, edition_ar: Edition, publish: Callable, clock: Callable, settings: Any
) -> None:
    settings.API_SYNC_SETTLE_SECONDS = 5
    since = clock().isoformat().replace("+", "%2B")
    clock()
    article = publish(edition_ar, "خبر")
    url = f"/api/v1/articles?edition=ar&since={since}"
    response = client.get(url)
    assert response.json()["items"] == []
    assert response["Cache-Control"] == "public, max-age=5"
    for _ in range(6):
        clock()
    assert [item["code"] for item in get_json(client, url)["items"]] == [article.code]
