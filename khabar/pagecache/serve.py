"""Answering a request from the page cache: the hit path, shared by the WSGI front and the
middleware, written against the WSGI environ so it needs no Django request at all.

Per hit: the page and its keys' generations (`cache.py`), a header comparison for
304s, an in-process increment for the view count. Nothing else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.http.cookie import parse_cookie
from django.utils.http import parse_etags, parse_http_date_safe

from khabar.core.policies import NEWSROOM_PREFIX
from khabar.pagecache import store
from khabar.pageviews.bots import is_bot
from khabar.pageviews.recorder import record

# Statuses that count as a view of the page: a reader opening it, or re-opening it (304).
VIEWED = frozenset({200, 304})
# Set at staff sign-in (khabar.accounts), signed: a session cookie alone proves nothing
# without a database read, so anyone could send one to force every page to render.
STAFF_COOKIE = "khabar_staff"
_STAFF_SALT = "khabar.pagecache.staff"
# What a 304 repeats of the full response (RFC 9110 §15.4.5), plus the purge keys.
NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "content-location", "date", "etag", "expires", "last-modified", "vary"}
    | {"surrogate-key", "cache-tag"}
)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and one is
# made for every cache hit.
@dataclass(slots=True)
class Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


def is_public_path(path: str) -> bool:
    """Whether the cache may answer for this path: the newsroom never goes through it."""
    return not path.startswith(NEWSROOM_PREFIX)


def is_personal(environ: dict[str, Any]) -> bool:
    """A request that may be answered differently for this person: signed-in staff, or
    credentials in Authorization. The one rule for the front and the middleware alike."""
    if "HTTP_AUTHORIZATION" in environ:
        return True
    cookies = environ.get("HTTP_COOKIE", "")
    if STAFF_COOKIE not in cookies:  # the common case, without parsing
        return False
    value = parse_cookie(cookies).get(STAFF_COOKIE)
    return value is not None and staff_cookie_valid(value)


def staff_cookie_value(user_pk: object) -> str:
    return _staff_signer().sign(str(user_pk))


def staff_cookie_valid(value: str) -> bool:
    """The signature verifies and is younger than a session (no database read)."""
    try:
        _staff_signer().unsign(value, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return False
    return True


def _staff_signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_STAFF_SALT)


def precondition(environ: dict[str, Any], etag: str, last_modified: int) -> int | None:
    """304 or 412 when the request's conditions say so, else None (RFC 9110 §13.2.2's order).

    If-Match and If-Unmodified-Since come first and fail with 412; If-None-Match wins over
    If-Modified-Since for 304; a date later than now is not a valid validator and is ignored.
    """
    if_match = environ.get("HTTP_IF_MATCH")
    if if_match is not None:
        if not _strong_match(if_match, etag):
            return 412
    else:
        unmodified_since = _past_date(environ.get("HTTP_IF_UNMODIFIED_SINCE"))
        if unmodified_since is not None and last_modified > unmodified_since:
            return 412
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return 304 if "*" in wanted or etag.removeprefix("W/") in wanted else None
    modified_since = _past_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    return 304 if modified_since is not None and last_modified <= modified_since else None


def _strong_match(header: str, etag: str) -> bool:
    tags = parse_etags(header)
    return "*" in tags or (not etag.startswith("W/") and etag in tags)


def _past_date(header: str | None) -> int | None:
    since = parse_http_date_safe(header) if header else None
    return since if since is not None and since <= time.time() else None


def answer(environ: dict[str, Any], page: store.CachedPage, cache_status: str) -> Answer:
    """The response to send for a stored page: the page, 304 Not Modified or 412."""
    status = precondition(environ, page.etag, page.last_modified)
    if status is not None:
        headers = [(k, v) for k, v in page.headers if k.lower() in NOT_MODIFIED_HEADERS]
        headers.append(("X-Cache", cache_status))
        reason = "Not Modified" if status == 304 else "Precondition Failed"
        result = Answer(status, reason, headers, b"")
    else:
        result = Answer(
            page.status, page.reason, [*page.headers, ("X-Cache", cache_status)], page.content
        )
    count_view(environ, result.status, page.article_id)
    return result


def count_view(environ: dict[str, Any], status: int, article_id: int | None) -> None:
    if (
        article_id is not None
        and environ.get("REQUEST_METHOD") == "GET"
        and status in VIEWED
        and not is_bot(environ.get("HTTP_USER_AGENT", ""))
    ):
        record(article_id)
