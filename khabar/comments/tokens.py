"""The comment form's anti-forgery token, for forms in cached pages that every reader shares.

Django's CSRF token is per visitor: baked into a page the cache hands to everyone, it would
be one reader's token given to all, and the cookie it pairs with is never set by a cached
page. So the comment form carries instead a token that is the same for everyone reading the
article: the article and the moment the form was rendered, signed with the secret key. It
proves the form came from this site, for this article, and when (so a form can expire and
be too fresh); it proves nothing about who holds it, and needs not to: no comment is sent
with anyone's authority, so there is no session to ride.

What stops another site making its visitors' browsers post comments (each from its own
address, past our per-address limits) is the browser itself: the POST must come from this
site's own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` of this site; see
`khabar.web.comments`).
"""

from __future__ import annotations

from khabar.comments import limits
from khabar.core import readers

_SALT = "khabar.comments.form"

TokenRefused = readers.FormTokenRefused  # missing, forged or for another article
TokenExpired = readers.FormTokenExpired  # older than `limits.FORM_AGE_MAX_SECONDS`


def token_issue(*, article_id: int, now: float | None = None) -> str:
    return readers.form_token_issue(salt=_SALT, subject_id=article_id, now=now)


def token_age(value: str, *, article_id: int, now: float | None = None) -> float:
    """Seconds since the article's form was issued (see `readers.form_token_age`)."""
    return readers.form_token_age(
        value,
        salt=_SALT,
        subject_id=article_id,
        max_age=limits.FORM_AGE_MAX_SECONDS,
        now=now,
    )
