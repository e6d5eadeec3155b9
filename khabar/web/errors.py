"""Error pages in the language of the edition the URL names (its `lang` and `dir` too).

Outside an edition (the newsroom, robots.txt…) they follow the browser's Accept-Language.
The 500 page reads no database: it may be the database that failed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from khabar.editions.models import Edition
from khabar.editions.selectors import edition_get

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _edition(request: HttpRequest) -> Edition | None:
    found = getattr(request, "edition", None)
    if found is not None:
        return found
    prefix = request.path_info.strip("/").split("/", 1)[0]
    return edition_get(code=prefix[:8]) if prefix else None


def _language(request: HttpRequest, edition: Edition | None) -> str:
    if edition is not None:
        return edition.language
    prefix = request.path_info.strip("/").split("/", 1)[0]
    if prefix in LANGUAGE_CODES:
        return prefix
    return translation.get_language_from_request(request)


def _render(
    request: HttpRequest,
    response_class: type[HttpResponse],
    template: str,
    title: Promise,
    message: Promise,
    *,
    edition: Edition | None = None,
    with_request: bool = True,
) -> HttpResponse:
    language = _language(request, edition)
    with translation.override(language):
        context = {
            "edition": edition,
            "title": str(title),
            "message": str(message),
            "request_path": request.path,
        }
        body = loader.render_to_string(template, context, request if with_request else None)
    response = response_class(body)
    response["Content-Language"] = language
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # No database and no request context: the request itself may be what is wrong (a bad Host).
    return _render(
        request,
        HttpResponseBadRequest,
        "web/error_bare.html",
        _("Bad request"),
        _("The request could not be understood. Check the address and try again."),
        with_request=False,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(
        request,
        HttpResponseForbidden,
        "web/error.html",
        _("Access denied"),
        _("You are not allowed to see this page."),
        edition=_edition(request),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(
        request,
        HttpResponseForbidden,
        "web/error.html",
        _("The form has expired"),
        _(
            "The form could not be accepted because its security check failed. Make sure "
            "your browser accepts cookies from this site, reload the page and send it again."
        ),
        edition=_edition(request),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(
        request,
        HttpResponseNotFound,
        "web/error.html",
        _("Page not found"),
        _(
            "There is no page at this address. The news code may be wrong, "
            "or the article not yet published."
        ),
        edition=_edition(request),
    )


def method_not_allowed(request: HttpRequest, allowed: tuple[str, ...]) -> HttpResponse:
    response = _render(
        request,
        HttpResponse,
        "web/error.html",
        _("Method not allowed"),
        _("This page can only be read."),
        edition=_edition(request),
    )
    allowed_response = HttpResponseNotAllowed(allowed, response.content)
    allowed_response["Content-Language"] = response["Content-Language"]
    return allowed_response


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        HttpResponseServerError,
        "web/error_bare.html",
        _("Server error"),
        _("Something went wrong on our side. Please try again in a few minutes."),
        with_request=False,
    )
