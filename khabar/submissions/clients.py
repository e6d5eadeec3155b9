"""A sender's address as submissions keep it: a keyed hash whose key changes every month.

Enough for a rate limit and to see that several submissions came from one place; useless
to anyone without the key of its period, and unlinkable to the hashes comments keep
(another key), so a source's tips cannot be tied to their public comments.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from khabar.core.readers import hash_period, keyed_hash

HASH_PERIOD_DAYS = 30


def client_hash(address: str | None, *, now: datetime.datetime | None = None) -> str:
    """The hash of `address` (as the request gave it); no address hashes as one shared
    unknown client, which shares one rate limit rather than escaping it."""
    period = hash_period(now or timezone.now(), days=HASH_PERIOD_DAYS)
    return keyed_hash(address or "?", purpose="khabar.submissions.client", period=period)
