"""The submission form's anti-forgery token: signed, time-stamped, the same for every reader.

The form may be served from the page cache like any edition page, so it cannot carry
Django's per-visitor CSRF token; it carries the edition and the moment it was rendered,
signed with the secret key (as comments do: see khabar.comments.tokens for the reasoning).
With the browser's `Sec-Fetch-Site`/`Origin` check in the view, another site cannot make
its visitors' browsers send submissions, and a script must first fetch a form.
"""

from __future__ import annotations

from khabar.core import readers
from khabar.submissions import limits

_SALT = "khabar.submissions.form"

TokenRefused = readers.FormTokenRefused  # missing, forged or for another edition
TokenExpired = readers.FormTokenExpired  # older than `limits.FORM_AGE_MAX_SECONDS`


def token_issue(*, edition_id: int, now: float | None = None) -> str:
    return readers.form_token_issue(salt=_SALT, subject_id=edition_id, now=now)


def token_age(value: str, *, edition_id: int, now: float | None = None) -> float:
    """Seconds since the edition's form was issued (see `readers.form_token_age`)."""
    return readers.form_token_age(
        value,
        salt=_SALT,
        subject_id=edition_id,
        max_age=limits.FORM_AGE_MAX_SECONDS,
        now=now,
    )
