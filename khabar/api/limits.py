"""Who is calling the API, and whether they may: API keys and per-minute rate limits.

Written against the WSGI environ, like the page cache's hit path, so the same rules run in
the WSGI front before a cache hit (`gate`) and in Django for everything else
(`ApiLimitMiddleware`); a request is counted once, by whichever sees it first.

Counting: a fixed one-minute window per client in Django's cache (one `incr` in the common
case), so shared by every process through Redis when REDIS_URL is set. A client is its
address, hashed as comments hash it (`khabar.comments.clients`), or its API key, which has
its own limit. A fixed window lets a client spend two minutes' allowance across a
boundary; the limit is against floods, not a contract to the request.

Keys: checked against the database, so a revoked key fails with the next request. The
front has no database: a request that presents a key goes to Django, which checks it,
counts it against the key and then lets the page cache answer it like any other (the
content is the same for everyone; the key only buys a limit), with the key taken out of
the request so nothing inside mistakes it for a signed-in reader.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from khabar.apikeys.models import ApiKey
from khabar.apikeys.selectors import api_key_for_secret
from khabar.comments.clients import client_from_address
from khabar.pagecache.serve import Answer

PREFIX = "/api/"
WINDOW_SECONDS = 60
# Set in the WSGI environ once the request is counted, so Django does not count it again.
COUNTED = "khabar.api.counted"
# Longer than any key we make; a longer value is refused before it is hashed.
KEY_MAX_CHARS = 100
_CREDENTIALS = ("HTTP_AUTHORIZATION", "HTTP_X_API_KEY")


class Refused(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after

    def headers(self) -> list[tuple[str, str]]:
        headers = [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            # A browser client must be able to read why, and when to come back.
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", "Retry-After"),
        ]
        if self.retry_after is not None:
            headers.append(("Retry-After", str(self.retry_after)))
        if self.status == 401:
            headers.append(("WWW-Authenticate", 'Bearer realm="api"'))
        return headers

    def body(self) -> bytes:
        return json.dumps(
            {"status": self.status, "message": self.message}, ensure_ascii=False
        ).encode()


def presented_key(environ: dict[str, Any]) -> str | None:
    """The key sent as `Authorization: Bearer <key>` or `X-Api-Key: <key>`, if any."""
    authorization = environ.get("HTTP_AUTHORIZATION")
    if authorization is not None:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Refused(401, "Send the API key as `Authorization: Bearer <key>` or `X-Api-Key`.")
        return value.strip()
    value = environ.get("HTTP_X_API_KEY")
    return value.strip() if value is not None else None


def count(client: str, *, limit: int, now: float) -> None:
    """Count one request of `client` in this minute; Refused (429) past `limit`."""
    window = int(now // WINDOW_SECONDS)
    key = f"api:rate:{window}:{client}"
    try:
        used = cache.incr(key)
    except ValueError:  # the window's first request (or the entry was evicted)
        if cache.add(key, 1, timeout=WINDOW_SECONDS + 1):
            used = 1
        else:  # another process made it first
            used = cache.incr(key)
    if used > limit:
        retry_after = max(1, (window + 1) * WINDOW_SECONDS - int(now))
        raise Refused(
            429,
            f"Too many requests: {limit} a minute are allowed; try again in {retry_after} "
            "seconds. Partners can ask for an API key with a higher limit.",
            retry_after,
        )


def count_address(environ: dict[str, Any], *, now: float) -> None:
    # The address by the same rule as sign-in throttling (the right-most proxy hop when
    # behind our own proxy), hashed as comments hash it: never kept in clear.
    address = get_client_ip_address(SimpleNamespace(META=environ))  # type: ignore[arg-type]
    count(
        f"a:{client_from_address(address).client_hash}",
        limit=settings.API_RATE_PER_MINUTE,
        now=now,
    )


def api_key_check(secret: str) -> ApiKey:
    """The active key with this secret; Refused (401) for a wrong or revoked one."""
    api_key = api_key_for_secret(secret=secret) if len(secret) <= KEY_MAX_CHARS else None
    if api_key is None:
        raise Refused(401, "The API key is not valid.")
    if not api_key.is_active:
        raise Refused(401, "The API key was revoked.")
    return api_key


def gate(environ: dict[str, Any]) -> Answer | bool:
    """For the WSGI front, before it looks a page up: refuse, or say whether it may answer.

    True: counted, the front may answer from the cache. False: a keyed request, for Django.
    """
    if not environ.get("PATH_INFO", "").startswith(PREFIX):
        return True
    try:
        if presented_key(environ) is not None:
            return False
        count_address(environ, now=time.time())
    except Refused as refused:
        return Answer(refused.status, _REASONS[refused.status], refused.headers(), refused.body())
    environ[COUNTED] = True
    return True


_REASONS = {401: "Unauthorized", 429: "Too Many Requests"}


class ApiLimitMiddleware:
    """The same rules for requests that reach Django; outside the page cache, so its hits
    are counted too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX) or request.META.get(COUNTED):
            return self.get_response(request)
        try:
            secret = presented_key(request.META)
            if secret is None:
                count_address(request.META, now=time.time())
            else:
                api_key = api_key_check(secret)
                count(f"k:{api_key.pk}", limit=api_key.per_minute, now=time.time())
        except Refused as refused:
            response = HttpResponse(refused.body(), status=refused.status)
            for name, value in refused.headers():
                response.headers[name] = value
            return response
        for name in _CREDENTIALS:
            request.META.pop(name, None)
        return self.get_response(request)
