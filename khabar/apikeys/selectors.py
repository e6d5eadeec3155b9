"""Reading API keys: by the secret a request presents, and the admins' list."""

from __future__ import annotations

import hashlib

from khabar.apikeys.models import ApiKey


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_for_secret(*, secret: str) -> ApiKey | None:
    """The key whose secret this is, revoked or not (the caller says which is refused)."""
    return ApiKey.objects.filter(key_hash=key_hash(secret)).first()


def api_key_get(*, pk: int) -> ApiKey | None:
    return ApiKey.objects.filter(pk=pk).first()


def api_key_list() -> list[ApiKey]:
    return list(ApiKey.objects.select_related("created_by"))
