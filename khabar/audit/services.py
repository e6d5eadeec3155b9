"""Writing to the audit log: one function, called by the services that act."""

from __future__ import annotations

from typing import Any

from django.db import models

from khabar.audit.models import AuditEntry
from khabar.core.actors import Actor, actor_name, actor_user

TARGET_REPR_MAX = 300


def audit_record(
    *,
    actor: Actor,
    action: AuditEntry.Action,
    target: models.Model | None = None,
    edition_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry; inside the caller's transaction, so it exists exactly when the act does."""
    user = actor_user(actor)
    return AuditEntry.objects.create(
        actor=user,
        actor_name=actor_name(actor)[:150],
        action=action,
        target_type=(target._meta.model_name or "") if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:TARGET_REPR_MAX] if target is not None else "",
        edition_code=edition_code,
        data=data or {},
    )
