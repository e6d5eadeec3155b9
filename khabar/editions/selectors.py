from __future__ import annotations

from khabar.editions.models import Edition


def edition_get(*, code: str) -> Edition | None:
    return Edition.objects.filter(code=code).first()


def edition_list() -> list[Edition]:
    return list(Edition.objects.all())
