"""Every refusal as JSON with a message a person can act on, never an HTML page or a 500."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ErrorOut(Schema):
    status: int
    message: str


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def error_response(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"status": status, "message": message},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return error_response(404, "There is nothing at this address.")


def _validation_message(error: ValidationError) -> str:
    """Pydantic's first complaint, naming the parameter: `limit: must be at most 100`."""
    parts = []
    for detail in error.errors[:3]:
        where = [str(part) for part in detail.get("loc", ()) if part not in {"query", "path"}]
        name = ".".join(where) or "request"
        parts.append(f"{name}: {detail.get('msg', 'invalid')}")
    return "; ".join(parts) or "The request is not valid."


def install(api: NinjaAPI) -> None:
    """Answer every error the API can raise in one JSON shape: {status, message}."""

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError) -> JsonResponse:
        return error_response(error.status, error.message)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, error: ValidationError) -> JsonResponse:
        return error_response(400, _validation_message(error))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, error: AuthenticationError) -> JsonResponse:
        return error_response(401, "The API key is not valid.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> JsonResponse:
        return error_response(error.status_code, str(error))

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, error: Http404) -> JsonResponse:
        return error_response(404, "There is nothing at this address.")
