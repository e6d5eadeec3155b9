"""Django's messages, with each request's storage made only when something uses it."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    """`MessageMiddleware`, whose storage is made when a view or template first reads or
    adds a message.

    Only the newsroom and the admin do. Made for every request, the storage (its class
    imported by name, a cookie storage and a session storage), then stored again on the way
    out, cost an uncached public page about a hundredth of its instructions (callgrind) for
    messages no public page shows. A request that never used it stores nothing: messages
    waiting in the cookie or the session stay there for the next newsroom page.
    """

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and cast(Any, messages)._wrapped is empty:
            return response
        return super().process_response(request, response)
