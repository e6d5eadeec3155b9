"""The submission form's anti-forgery token: signed, time-stamped, the same for every reader.

The form may be served from the page cache like any edition page, so it cannot carry
Django's per-visitor CSRF token; it carries the edition and the moment it was rendered,
signed with the secret key (as comments do: see khabar.comments.tokens for the reasoning).
With the browser's `Sec-Fetch-Site`/`Origin` check in the view, another site cannot make
its visitors' browsers send submissions, and a script must first fetch a form.
"""

from __future__ import annotations

import time

from django.core import signing

from khabar.submissions import limits

_SALT = "khabar.submissions.form"


class TokenRefused(Exception):
    """Missing, forged or for another edition."""


class TokenExpired(Exception):
    """Genuine, but older than `limits.FORM_AGE_MAX_SECONDS`."""


def token_issue(*, edition_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps([edition_id, issued], salt=_SALT, compress=False)


def token_age(value: str, *, edition_id: int, now: float | None = None) -> float:
    """Seconds since the form was issued; TokenRefused unless signed by us for this
    edition, TokenExpired when too old."""
    if not value:
        raise TokenRefused
    try:
        token_edition, issued = signing.loads(value, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenRefused from None
    if token_edition != edition_id or not isinstance(issued, int):
        raise TokenRefused
    age = (time.time() if now is None else now) - issued
    if age > limits.FORM_AGE_MAX_SECONDS:
        raise TokenExpired
    return age
