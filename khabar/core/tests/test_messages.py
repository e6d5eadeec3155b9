"""Messages still reach the next page that shows them; requests that never use them make
no storage and store nothing (khabar.core.messages)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from khabar.core.messages import LazyMessageMiddleware

View = Callable[[HttpRequest], HttpResponse]


class CountedStorage(FallbackStorage):
    """Django's default storage, counting the requests it is made for."""

    made: list[HttpRequest] = []

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.made.append(request)
        super().__init__(request, *args, **kwargs)


@pytest.fixture
def made(settings: Any) -> Iterator[list[HttpRequest]]:
    """The requests whose storage was made."""
    settings.MESSAGE_STORAGE = f"{__name__}.CountedStorage"
    yield CountedStorage.made
    CountedStorage.made.clear()


def _serve(view: View, cookies: dict[str, str] | None = None) -> HttpResponse:
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    handler = SessionMiddleware(LazyMessageMiddleware(view))  # type: ignore[arg-type]
    return handler(request)  # type: ignore[return-value]


def _adds(request: HttpRequest) -> HttpResponse:
    messages.success(request, "تم الحفظ")
    return HttpResponse("saved")


def _shows(request: HttpRequest) -> HttpResponse:
    return HttpResponse(" | ".join(str(message) for message in messages.get_messages(request)))


def _ignores(request: HttpRequest) -> HttpResponse:
    return HttpResponse("a public page")


@pytest.mark.django_db
def test_a_request_that_never_uses_messages_makes_no_storage(made: list[HttpRequest]) -> None:
    response = _serve(_ignores)
    assert response.content == b"a public page"
    assert made == []
    assert "messages" not in response.cookies


@pytest.mark.django_db
def test_a_message_added_reaches_the_next_page_that_shows_it_past_pages_that_do_not(
    made: list[HttpRequest],
) -> None:
    added = _serve(_adds)
    cookies = {name: morsel.value for name, morsel in added.cookies.items()}
    assert cookies.get("messages")
    # A public page in between leaves the waiting message where it is.
    between = _serve(_ignores, cookies)
    assert "messages" not in between.cookies
    shown = _serve(_shows, cookies)
    assert shown.content.decode() == "تم الحفظ"
    assert len(made) == 2  # the page that added and the page that showed
    # Shown once: the cookie is cleared.
    assert shown.cookies["messages"].value == ""
