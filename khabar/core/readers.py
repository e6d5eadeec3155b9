"""What every form readers send goes through (comments, submissions), stated once.

- Their text as stored: `reader_text_clean`, `reader_name_clean`, `reader_name_error`.
- The anti-forgery token of a form served in shared, cached pages: the same for every
  reader, signed and time-stamped (khabar.comments.tokens says why that is enough):
  `form_token_issue`, `form_token_age`.
- The sender's address as a keyed hash whose key changes every period, never in clear:
  `hash_period`, `keyed_hash`.

Each app passes its own salt (tokens) and purpose (hashes), so one app's token is refused
by the other and their hashes of one address cannot be linked.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from khabar.text import display_text

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def reader_text_clean(value: str) -> str:
    """What a reader typed, as stored: no NUL or other control characters, no invisible
    spoofing (bidi overrides and the like; ZWNJ stays), trimmed. Never normalised."""
    return display_text(value.replace("\x00", "")).strip()


def reader_name_clean(value: str) -> str:
    """A one-line field (a name, a contact): cleaned, with its spaces collapsed."""
    return " ".join(reader_text_clean(value).split())


def reader_name_error(name: str, *, limit: int) -> ValidationError | None:
    if len(name) <= limit:
        return None
    return ValidationError(
        _("A name is at most %(limit)s characters long."), params={"limit": limit}
    )


class FormTokenRefused(Exception):
    """Missing, forged, or for another app or subject (article, edition)."""


class FormTokenExpired(Exception):
    """Genuine, but older than the form may be."""


def form_token_issue(*, salt: str, subject_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps([subject_id, issued], salt=salt, compress=False)


def form_token_age(
    value: str, *, salt: str, subject_id: int, max_age: float, now: float | None = None
) -> float:
    """Seconds since the form was issued; FormTokenRefused unless signed by us with `salt`
    for `subject_id`, FormTokenExpired when older than `max_age`."""
    if not value:
        raise FormTokenRefused
    try:
        token_subject, issued = signing.loads(value, salt=salt)
    except (signing.BadSignature, ValueError, TypeError):
        raise FormTokenRefused from None
    if token_subject != subject_id or not isinstance(issued, int):
        raise FormTokenRefused
    age = (time.time() if now is None else now) - issued
    if age > max_age:
        raise FormTokenExpired
    return age


def hash_period(moment: datetime.datetime, *, days: int) -> int:
    """The number of the `days`-long period `moment` falls in: the key of its hashes."""
    return (moment - _EPOCH).days // days


def keyed_hash(value: str, *, purpose: str, period: int) -> str:
    """An HMAC of `value` under a key of the secret key, `purpose` and `period`."""
    key = hashlib.sha256(f"{purpose}:{period}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
