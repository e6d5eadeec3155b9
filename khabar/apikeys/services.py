"""Making and revoking API keys: admins only, each act in the audit log."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.apikeys.models import ApiKey
from khabar.apikeys.selectors import key_hash
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor, actor_user
from khabar.staff.permissions import require_admin

# Recognisable in a partner's configuration and in secret scanners; the rest is random.
KEY_PREFIX = "khk_"
PREFIX_SHOWN = 8
NAME_MAX = 100
# Above what one client could use without being a second site; the default is in settings.
PER_MINUTE_MAX = 100_000


@transaction.atomic
def api_key_create(*, actor: Actor, name: str, per_minute: int) -> tuple[ApiKey, str]:
    """A new key and its secret, which is returned here once and never stored."""
    require_admin(actor)
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationError(
            {"name": _("Give the key a name of at most %(max)d characters.") % {"max": NAME_MAX}}
        )
    if not 1 <= per_minute <= PER_MINUTE_MAX:
        raise ValidationError(
            {
                "per_minute": _("The limit is from 1 to %(max)d requests a minute.")
                % {"max": PER_MINUTE_MAX}
            }
        )
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        name=name,
        prefix=secret[:PREFIX_SHOWN],
        key_hash=key_hash(secret),
        per_minute=per_minute,
        created_by=actor_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.API_KEY_CREATE,
        target=api_key,
        data={"per_minute": per_minute},
    )
    return api_key, secret


@transaction.atomic
def api_key_revoke(*, actor: Actor, api_key: ApiKey) -> None:
    """The key stops working with the next request (keys are checked against the database)."""
    require_admin(actor)
    locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if locked.revoked_at is not None:
        return
    locked.revoked_at = api_key.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=AuditEntry.Action.API_KEY_REVOKE, target=locked)
