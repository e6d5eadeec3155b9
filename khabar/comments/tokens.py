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

import time
from dataclasses import dataclass

from django.core import signing

from khabar.comments import limits

_SALT = "khabar.comments.form"


class TokenRefused(Exception):
    """Missing, forged or for another article."""


class TokenExpired(Exception):
    """Genuine, but older than `limits.FORM_AGE_MAX_SECONDS`."""


@dataclass(frozen=True, slots=True)
class FormToken:
    article_id: int
    issued_at: float

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.issued_at


def token_issue(*, article_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps([article_id, issued], salt=_SALT, compress=False)


def token_read(value: str, *, article_id: int, now: float | None = None) -> FormToken:
    """The token's contents; TokenRefused unless signed by us for this article, TokenExpired
    when too old."""
    if not value:
        raise TokenRefused
    try:
        token_article, issued = signing.loads(value, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenRefused from None
    if token_article != article_id or not isinstance(issued, int):
        raise TokenRefused
    token = FormToken(article_id=token_article, issued_at=float(issued))
    if token.age(now) > limits.FORM_AGE_MAX_SECONDS:
        raise TokenExpired
    return token
