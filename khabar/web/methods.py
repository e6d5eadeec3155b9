"""Which HTTP methods a page accepts, decided before CSRF so the answer is 405, not 403.

The public apps' pages are read-only: GET and HEAD, and OPTIONS to ask. A view that takes
a form (a reader's comment) says so with `accepts_methods`; everything else in those apps
answers other methods (POST, PUT, DELETE, TRACE…) with 405 and an `Allow` header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

from khabar.web import errors

# The URL namespaces (app_name) whose pages anyone may read and no one writes to.
PUBLIC_APPS = frozenset({"web", "syndication"})
READ_ONLY = ("GET", "HEAD", "OPTIONS")

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


def accepts_methods(*methods: str) -> Callable[[ViewFunc], ViewFunc]:
    """Mark a public view as taking these methods besides the read-only ones."""

    def mark(view: ViewFunc) -> ViewFunc:
        view.accepted_methods = (*READ_ONLY, *methods)  # type: ignore[attr-defined]
        return view

    return mark


def allowed_methods(request: HttpRequest, view: Callable[..., Any]) -> tuple[str, ...] | None:
    """The methods the resolved view accepts, or None when the view decides for itself."""
    declared = getattr(view, "accepted_methods", None)
    if declared is not None:
        return tuple(declared)
    match = request.resolver_match
    if match is not None and PUBLIC_APPS.intersection(match.app_names):
        return READ_ONLY
    return None


class AllowedMethodsMiddleware:
    """405 with `Allow` for a method the page does not take, and a bodiless OPTIONS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        allowed = allowed_methods(request, view)
        if allowed is None:
            return None
        method = request.method or ""
        if method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join(allowed)
            response["Content-Length"] = "0"
            return response
        if method not in allowed:
            return errors.method_not_allowed(request, allowed)
        return None
