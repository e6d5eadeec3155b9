from __future__ import annotations

import datetime

from django.db.models import QuerySet

from khabar.audit.models import AuditEntry


def audit_entries(
    *,
    action: str = "",
    actor_name: str = "",
    edition_code: str = "",
    target_type: str = "",
    target_id: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[AuditEntry]:
    """The log, newest first, narrowed by whichever filters are given."""
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor_name:
        entries = entries.filter(actor_name=actor_name)
    if edition_code:
        entries = entries.filter(edition_code=edition_code)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if since is not None:
        entries = entries.filter(at__gte=since)
    if until is not None:
        entries = entries.filter(at__lt=until)
    return entries
