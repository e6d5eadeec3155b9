"""/newsroom/blocklist/: admins and whole-edition editors manage what keeps comments out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from khabar.comments import services
from khabar.comments.models import BlockedEmail, BlockedNetwork, BlockedWord
from khabar.core.actors import System

pytestmark = pytest.mark.django_db

SignedIn = Callable[[Any], Client]
URL = "/newsroom/blocklist/"


def add(client: Client, kind: str, value: str) -> Any:
    return client.post(URL, {"kind": kind, f"{kind}-value": value})


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_an_editor_or_an_admin_blocks_and_unblocks_a_word_an_email_and_a_range(
    newsroom: Any, signed_in: SignedIn, who: str
) -> None:
    client = signed_in(getattr(newsroom, who))
    assert add(client, "word", "  كَلْب ").status_code == 302
    assert add(client, "email", "@Spam.Example").status_code == 302
    assert add(client, "network", "203.0.113.7/24").status_code == 302
    word = BlockedWord.objects.get()
    assert (word.word, word.key) == ("كَلْب", "کلب")  # shown as typed, matched by its key
    assert BlockedEmail.objects.get().pattern == "@spam.example"
    assert BlockedNetwork.objects.get().cidr == "203.0.113.0/24"

    page = client.get(URL).content.decode()
    for shown in ("كَلْب", "@spam.example", "203.0.113.0/24"):
        assert shown in page

    for kind, row in [
        ("word", word),
        ("email", BlockedEmail.objects.get()),
        ("network", BlockedNetwork.objects.get()),
    ]:
        assert client.post(f"{URL}{kind}/{row.pk}/remove/").status_code == 302
    assert not (
        BlockedWord.objects.exists()
        or BlockedEmail.objects.exists()
        or BlockedNetwork.objects.exists()
    )


def test_a_senders_network_blocked_from_a_comment_is_listed_without_an_address(
    newsroom: Any, signed_in: SignedIn
) -> None:
    BlockedNetwork.objects.create(network_hash="a" * 64, hash_period=1)
    page = signed_in(newsroom.editor).get(URL).content.decode()
    assert "network, blocked from a comment (the address is not kept)" in page
    assert "a" * 12 not in page


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "203.0.113.300/24", "Write an address range as 203.0.113.0/24"),
        ("network", "", "Write an address range as 203.0.113.0/24"),
        ("word", "", "A blocked word needs at least one letter."),
        ("word", " \u0651\u0640 ", "A blocked word needs at least one letter."),  # shadda, tatweel
        ("word", "ب" * 500, "A blocked word or phrase is at most 100 characters long."),
        ("email", "not an email", "Write an email address, or a domain as @example.com."),
        ("email", "@" + "x" * 300 + ".com", "Write an email address, or a domain as @example.com."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_blocked(
    newsroom: Any, signed_in: SignedIn, kind: str, value: str, message: str
) -> None:
    response = add(signed_in(newsroom.editor), kind, value)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.content.decode().count('role="alert"') == 1  # on that form only
    assert not (
        BlockedWord.objects.exists()
        or BlockedEmail.objects.exists()
        or BlockedNetwork.objects.exists()
    )


@pytest.mark.parametrize("who", ["section_editor", "reporter"])
def test_a_section_editor_or_a_reporter_cannot_see_or_change_the_blocklists(
    newsroom: Any, signed_in: SignedIn, who: str
) -> None:
    word = services.blocked_word_add(actor=System("tests"), word="كازينو")
    client = signed_in(getattr(newsroom, who))
    assert 'href="/newsroom/blocklist/"' not in client.get("/newsroom/").content.decode()
    for response in (
        client.get(URL),
        add(client, "word", "كلمة"),
        client.post(f"{URL}word/{word.pk}/remove/"),
    ):
        assert response.status_code == 403
        assert "Only an admin or an editor of a whole edition can block." in (
            response.content.decode()
        )
    assert list(BlockedWord.objects.values_list("word", flat=True)) == ["كازينو"]


def test_the_navigation_links_the_blocklists_for_an_editor(
    newsroom: Any, signed_in: SignedIn
) -> None:
    assert (
        'href="/newsroom/blocklist/"'
        in signed_in(newsroom.editor).get("/newsroom/").content.decode()
    )


def test_an_unknown_list_is_not_found(newsroom: Any, signed_in: SignedIn) -> None:
    client = signed_in(newsroom.editor)
    assert add(client, "phone", "123").status_code == 404
    assert client.post(f"{URL}phone/1/remove/").status_code == 404
    assert client.post(f"{URL}word/999/remove/").status_code == 404
