"""A reader's address as comments keep it: keyed hashes that change key every period.

The raw address is used while the request lasts (rate limits, staff-typed address ranges)
and never stored. What is stored is an HMAC of the address and of its network (IPv4 /24,
IPv6 /48: what one household or small office shares), keyed by the secret key and the
period's number, so the same reader hashes alike for a period (rate limits, duplicates,
blocking a sender) and the hashes of one period cannot be linked to the next.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass

from django.utils import timezone

from khabar.comments import limits
from khabar.core import readers

NETWORK_PREFIX = {4: 24, 6: 48}


@dataclass(frozen=True, slots=True)
class Client:
    """Who sent a comment, as far as comments may know."""

    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None
    period: int
    client_hash: str
    network_hash: str


def period_of(moment: datetime.datetime) -> int:
    return readers.hash_period(moment, days=limits.HASH_PERIOD_DAYS)


def keyed_hash(value: str, *, period: int) -> str:
    return readers.keyed_hash(value, purpose="khabar.comments.client", period=period)


def network_of(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return ipaddress.ip_network(f"{address}/{NETWORK_PREFIX[address.version]}", strict=False)


def client_from_address(address: str | None, *, now: datetime.datetime | None = None) -> Client:
    """The hashes of `address` (as the request gave it) for the current period.

    An unreadable or missing address hashes as one shared unknown client, so that such
    requests share one rate limit rather than escaping it.
    """
    period = period_of(now or timezone.now())
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return Client(None, period, keyed_hash("?", period=period), keyed_hash("?", period=period))
    network = network_of(parsed)
    return Client(
        parsed,
        period,
        keyed_hash(f"a:{parsed}", period=period),
        keyed_hash(f"n:{network}", period=period),
    )
