"""Domain events: named signals sent only after the transaction that caused them commits.

Services send them; cache invalidation, search indexing and the like listen.
Sending after commit means a listener never sees a change that was rolled
back, and never re-reads a row before the writer's transaction is visible.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, sender: type, **kwargs: Any) -> None:
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
