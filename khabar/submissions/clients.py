"""A sender's address as submissions keep it: a keyed hash whose key changes every month.

Enough for a rate limit and to see that several submissions came from one place; useless
to anyone without the key of its period, and unlinkable to the hashes comments keep
(another key), so a source's tips cannot be tied to their public comments.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

HASH_PERIOD_DAYS = 30


def client_hash(address: str | None, *, now: datetime.datetime | None = None) -> str:
    """The hash of `address` (as the request gave it); no address hashes as one shared
    unknown client, which shares one rate limit rather than escaping it."""
    moment = now or timezone.now()
    period = (moment - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)).days // (
        HASH_PERIOD_DAYS
    )
    key = hashlib.sha256(
        f"khabar.submissions.client:{period}:{settings.SECRET_KEY}".encode()
    ).digest()
    return hmac.new(key, (address or "?").encode(), hashlib.sha256).hexdigest()
