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
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions import services as edition_services
from khabar.editions.models import Edition, Section
from khabar.photos import services as photo_services

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


@pytest.fixture(autouse=True)
def _settled_at_once(settings: Any) -> None:
    """A change is in the sync as soon as it is committed, unless a test says otherwise."""
    settings.API_SYNC_SETTLE_SECONDS = 0


def since(clock: Callable[[], datetime.datetime]) -> str:
    """The clock's next second, as a sync's `since` in a URL."""
    return clock().isoformat().replace("+", "%2B")


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


def test_a_sync_meets_every_change_once_while_articles_are_published_edited_and_withdrawn(
    client: Client,
    edition_ar: Edition,
    newsroom: Any,
    publish: Callable,
    on_commit: Callable,
    clock: Callable,
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    draft = services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة قديمة")
    clock()
    start = since(clock)
    articles = []
    for number in range(6):
        clock()
        extra: dict[str, Any] = {"keywords": ["الطاقة"]} if number == 1 else {}
        if number == 4:
            extra["section"] = politics
        articles.append(publish(edition_ar, f"خبر {number}", **extra))
    clock()
    url = f"/api/v1/articles?edition=ar&limit=3&since={start}"
    page = get_json(client, url)
    seen = [(item["code"], item["status"], item["changed_at"]) for item in page["items"]]
    updated = {item["code"]: item["updated_at"] for item in page["items"]}
    # Between pages, to articles already seen (0-2) and not yet seen (3-5): a correction,
    # a keyword renamed, an unpublication; an edit, a section renamed, a take-down; and a
    # new article is published, and a draft written before the sync began goes out.
    editor = newsroom.editor
    changes = [
        lambda: services.correction_add(actor=editor, article=articles[0], text="تصحيح"),
        lambda: services.keyword_rename(
            actor=editor, keyword=articles[1].keywords.get(), name="طاقة متجددة"
        ),
        lambda: workflow.article_unpublish(actor=editor, article=articles[2]),
        lambda: services.article_update(actor=IMPORTER, article=articles[3], headline="عنوان"),
        lambda: edition_services.section_update(actor=editor, section=politics, name="السياسة"),
        lambda: workflow.article_take_down(actor=editor, article=articles[5], reason="قرار"),
        lambda: publish(edition_ar, "خبر جديد"),
        lambda: workflow.article_publish(actor=editor, article=draft),
    ]
    for change in changes:
        clock()
        on_commit(change)
    clock()
    cursor = page["next_cursor"]
    while True:
        page = get_json(client, f"{url}&cursor={cursor}")
        if not page["items"]:
            break
        seen += [(item["code"], item["status"], item["changed_at"]) for item in page["items"]]
        updated |= {item["code"]: item.get("updated_at") for item in page["items"]}
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)), "a version was met twice"
    fresh = Article.objects.get(headline="خبر جديد")
    first = [articles[0].code, articles[1].code, articles[2].code]
    assert (
        [code for code, _status, _at in seen]
        == [
            *first,
            *first,  # met again after their change, each once
            *(article.code for article in articles[3:]),  # not met before their change
            fresh.code,
            draft.code,
        ]
    )
    withdrawn = {code for code, status, _at in seen if status == "withdrawn"}
    assert withdrawn == {articles[2].code, articles[5].code}
    latest = get_json(client, f"/api/v1/articles/ar/{articles[1].code}")
    assert latest["keywords"][0]["name"] == "طاقة متجددة"
    # A renamed keyword is no update to readers: only the sync position moved.
    assert latest["updated_at"] == updated[articles[1].code]
    assert latest["changed_at"] == [at for code, _s, at in seen if code == articles[1].code][-1]
    assert latest["modified_at"] is None
    # Nothing new: the same cursor comes back, to ask again later.
    assert page["next_cursor"] == cursor


def test_an_editions_display_change_moves_all_its_articles_in_the_sync_but_not_others(
    client: Client,
    edition_ar: Edition,
    edition_fa: Edition,
    newsroom: Any,
    publish: Callable,
    on_commit: Callable,
    clock: Callable,
) -> None:
    arabic = [publish(edition_ar, f"خبر {number}") for number in range(3)]
    publish(edition_fa, "خبر")
    clock()
    start = since(clock)
    clock()
    on_commit(
        lambda: edition_services.edition_update(
            actor=newsroom.admin, edition=edition_ar, newsroom_email="desk@example.com"
        )
    )  # no article shows it: nothing moves
    assert get_json(client, f"/api/v1/articles?since={start}")["items"] == []
    on_commit(
        lambda: edition_services.edition_update(
            actor=newsroom.admin, edition=edition_ar, digits="latin"
        )
    )
    clock()
    items = get_json(client, f"/api/v1/articles?since={start}")["items"]
    assert sorted(item["code"] for item in items) == sorted(a.code for a in arabic)
    assert {item["edition"] for item in items} == {"ar"}  # the Persian article stays put
    assert all(item["code_display"] == str(item["code"]) for item in items)
    assert {item["updated_at"] for item in items} == {
        get_json(client, f"/api/v1/articles/ar/{a.code}")["updated_at"] for a in arabic
    }


def test_a_withdrawn_article_shows_nothing_of_itself_and_never_outside_a_sync(
    client: Client,
    edition_ar: Edition,
    newsroom: Any,
    publish: Callable,
    on_commit: Callable,
    clock: Callable,
) -> None:
    start = since(clock)
    clock()
    article = publish(edition_ar, "خبر سري")
    clock()
    on_commit(lambda: workflow.article_unpublish(actor=newsroom.editor, article=article))
    clock()
    [item] = get_json(client, f"/api/v1/articles?since={start}")["items"]
    assert set(item) == {"status", "edition", "code", "api_url", "changed_at"}
    assert item["status"] == "withdrawn"
    assert client.get(item["api_url"]).status_code == 410
    assert get_json(client, "/api/v1/articles?edition=ar")["items"] == []


def test_the_sync_leaves_out_changes_younger_than_the_settle_window(
    client: Client, edition_ar: Edition, publish: Callable, clock: Callable, settings: Any
) -> None:
    settings.API_SYNC_SETTLE_SECONDS = 5
    start = since(clock)
    clock()
    article = publish(edition_ar, "خبر")
    url = f"/api/v1/articles?edition=ar&since={start}"
    response = client.get(url)
    assert response.json()["items"] == []
    assert response["Cache-Control"] == "public, max-age=5"
    for _ in range(6):
        clock()
    assert [item["code"] for item in get_json(client, url)["items"]] == [article.code]


def test_a_photos_new_caption_moves_the_articles_showing_it_in_the_sync(
    client: Client,
    edition_ar: Edition,
    newsroom: Any,
    publish: Callable,
    on_commit: Callable,
    clock: Callable,
    make_photo: Callable,
) -> None:
    photo = make_photo(caption="قبل")
    shown, other = publish(edition_ar, "خبر مصور"), publish(edition_ar, "خبر")
    on_commit(lambda: services.article_set_photo(actor=newsroom.admin, article=shown, photo=photo))
    clock()
    start = since(clock)
    clock()
    on_commit(
        lambda: photo_services.photo_update(
            actor=newsroom.admin,
            photo=photo,
            alt=photo.alt,
            caption="بعد",
            credit="",
            focal_x=photo.focal_x,
            focal_y=photo.focal_y,
        )
    )
    clock()
    items = get_json(client, f"/api/v1/articles?since={start}")["items"]
    assert [item["code"] for item in items] == [shown.code]
    assert other.code != shown.code
