"""The rules that keep spam out of the moderation queue, with no outside service.

Each rule answers with the name of what tripped (for the log and the tests), never shown
to the sender: a refused reader gets one message whatever the reason, so a spammer learns
nothing about which rule to get round.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from khabar.comments import limits
from khabar.comments.clients import Client, keyed_hash, network_of
from khabar.comments.models import BlockedEmail, BlockedNetwork, BlockedWord, Comment
from khabar.core.counters import window_count
from khabar.text import words

HONEYPOT = "honeypot"
TOO_FAST = "too_fast"
LINKS = "links"
RATE = "rate"
DUPLICATE = "duplicate"
BLOCKED_WORD = "blocked_word"
BLOCKED_EMAIL = "blocked_email"
BLOCKED_NETWORK = "blocked_network"

_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
RATE_WINDOWS = (("m", 60), ("h", 3600))


def link_count(text: str) -> int:
    return len(_LINK.findall(text))


def phrase_in(phrase: Sequence[str], text_words: Sequence[str]) -> bool:
    """Whether the words of `phrase` occur in `text_words` as a run of whole words."""
    size = len(phrase)
    if not size:
        return False
    return any(
        list(text_words[start : start + size]) == list(phrase)
        for start in range(len(text_words) - size + 1)
        if text_words[start] == phrase[0]
    )


def blocked_word_in(*texts: str) -> bool:
    """Whether any blocked word or phrase appears, whole, in the texts once normalised:
    harakat, tatweel, ZWNJ, letter variants and presentation forms make no difference."""
    keys = list(BlockedWord.objects.values_list("key", flat=True))
    if not keys:
        return False
    text_words = [words(text) for text in texts]
    return any(phrase_in(key.split(" "), tokens) for key in keys for tokens in text_words)


def email_blocked(email: str) -> bool:
    if not email:
        return False
    email = email.casefold()
    domain = "@" + email.rpartition("@")[2]
    return BlockedEmail.objects.filter(pattern__in=[email, domain]).exists()


def network_blocked(client: Client) -> bool:
    """Blocked by a staff-typed range, or by a block made from one of the sender's comments
    (hashed with this period's key or the last one's). One query: it runs for every post."""
    if client.address is None:
        return False
    hashes = {client.network_hash}
    previous = client.period - 1
    if previous >= 0:
        hashes.add(keyed_hash(f"n:{network_of(client.address)}", period=previous))
    address = client.address
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    rows = BlockedNetwork.objects.filter(Q(network_hash__in=hashes) | ~Q(cidr=""))
    for network_hash, cidr in rows.values_list("network_hash", "cidr"):
        if network_hash in hashes:
            return True
        if cidr:
            network = ipaddress.ip_network(cidr, strict=False)
            if network.version == address.version and address in network:
                return True
    return False


def rate_exceeded(client: Client, *, now: float) -> bool:
    """Count this attempt in each window; True once a window holds more than its limit.

    Counted in Django's cache, so in Redis shared by every app process when there is one.
    A window the cache cannot count (Redis unreachable) does not refuse: the comment still
    passes every other check and waits for a moderator.
    """
    limits_by_window = {
        "m": settings.COMMENTS_RATE_PER_MINUTE,
        "h": settings.COMMENTS_RATE_PER_HOUR,
    }
    exceeded = False
    for name, seconds in RATE_WINDOWS:
        key = f"comments:rate:{name}:{int(now // seconds)}:{client.client_hash}"
        count = window_count(key, seconds)
        exceeded = exceeded or (count is not None and count > limits_by_window[name])
    return exceeded


@dataclass(frozen=True, slots=True)
class Earlier:
    """What the comments already stored say about a new post."""

    same_post: Comment | None  # this very post, stored before (a double click, a reload)
    duplicate: bool  # its text already sent on the article, or by its sender elsewhere lately


def earlier_posts(
    *, submission_key: str, client: Client, body_key: str, article_id: int
) -> Earlier:
    """The same post already stored, and the duplicate rule: the same text sent on this
    article under another name or email, or by the same sender on another article lately
    (pasted across the site). One query, as it runs for every post; it finds few rows,
    since a duplicate is never stored."""
    since = timezone.now() - datetime.timedelta(seconds=limits.DUPLICATE_WINDOW_SECONDS)
    rows = list(
        Comment.objects.filter(
            Q(submission_key=submission_key)
            | Q(body_key=body_key, article_id=article_id)
            | Q(body_key=body_key, client_hash=client.client_hash, created_at__gte=since)
        ).order_by()
    )
    same = next((row for row in rows if row.submission_key == submission_key), None)
    return Earlier(same_post=same, duplicate=bool(rows))
