"""News codes under concurrent transactions: unique, consecutive, never handed out twice.

Editors create articles, some publishing them in the same transaction, all released at
the same instant by a barrier, each on its own database connection. A code taken by
reading the highest code and adding one would hand two of them the same code (the
unique constraint then refuses one editor's article), and would give a deleted draft's
code to the next article.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.editions.models import Edition

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason=(
            "SQLite lets one connection write at a time, so concurrent code assignment "
            "cannot race there; this test runs on PostgreSQL"
        ),
    ),
]

EDITORS = 6
ROUNDS = 3


def _create_at_once(editor: Any, edition: Edition, *, round_number: int) -> list[int]:
    """Each thread creates one article (every other one also publishes it) at the barrier."""
    barrier = threading.Barrier(EDITORS)
    codes: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def work(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                article = services.article_create(
                    actor=editor,
                    edition=Edition.objects.get(pk=edition.pk),
                    headline=f"خبر {round_number}-{number}",
                )
                if number % 2:
                    workflow.article_publish(actor=editor, article=article)
            with lock:
                codes.append(article.code)
        except BaseException as failure:  # reported below, with the thread's failure
            with lock:
                failures.append(failure)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=work, args=(number,)) for number in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return codes


def test_editors_creating_and_publishing_at_the_same_instant_get_consecutive_unique_codes(
    newsroom: Any, edition_ar: Edition
) -> None:
    first = services.article_create(actor=newsroom.editor, edition=edition_ar, headline="أول")
    expected_next = first.code + 1
    for round_number in range(ROUNDS):
        codes = _create_at_once(newsroom.editor, edition_ar, round_number=round_number)
        assert sorted(codes) == list(range(expected_next, expected_next + EDITORS))
        expected_next += EDITORS
    assert Article.objects.filter(edition=edition_ar).count() == 1 + EDITORS * ROUNDS
    assert Article.objects.filter(edition=edition_ar, status="published").count() == (
        EDITORS // 2 * ROUNDS
    )


def test_a_deleted_drafts_code_is_never_handed_out_again_even_under_concurrency(
    newsroom: Any, edition_ar: Edition
) -> None:
    kept = services.article_create(actor=newsroom.editor, edition=edition_ar, headline="باق")
    deleted = services.article_create(actor=newsroom.editor, edition=edition_ar, headline="محذوف")
    workflow.article_delete(actor=newsroom.editor, article=deleted)

    codes = _create_at_once(newsroom.editor, edition_ar, round_number=0)

    assert deleted.code == kept.code + 1
    assert sorted(codes) == list(range(deleted.code + 1, deleted.code + 1 + EDITORS))
    edition_ar.refresh_from_db()
    assert edition_ar.next_code == deleted.code + 1 + EDITORS
