from __future__ import annotations

import datetime
import re

from django.db.models import Q, QuerySet

from khabar.audit.models import AuditEntry
from khabar.text import to_latin_digits

# An article as the newsroom cites it: its edition and news code, `ar/14027`.
_ARTICLE_REFERENCE = re.compile(r"^\s*([a-z]{1,8})\s*/\s*([0-9]+)\s*$", re.IGNORECASE)


def audit_entries(
    *,
    action: str = "",
    actor_name: str = "",
    edition_code: str = "",
    target_type: str = "",
    target_id: str = "",
    target: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[AuditEntry]:
    """The log, newest first, narrowed by whichever filters are given.

    `target` is an article as `ar/14027` (any digit script), found even after the article
    was deleted, or else a part of any target's name at the time (an account, a section).
    """
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
    if target:
        entries = entries.filter(_target_matching(target))
    if since is not None:
        entries = entries.filter(at__gte=since)
    if until is not None:
        entries = entries.filter(at__lt=until)
    return entries


def _target_matching(text: str) -> Q:
    reference = _ARTICLE_REFERENCE.match(to_latin_digits(text))
    if reference is None:
        return Q(target_repr__icontains=text.strip())
    edition_code, code = reference[1].lower(), int(reference[2])
    # An article's name in the log is "<edition>/<code> <headline>" (Article.__str__): the
    # space ends the code, so ar/14027 does not find ar/140270.
    return Q(
        target_type="article",
        edition_code=edition_code,
        target_repr__startswith=f"{edition_code}/{code} ",
    )
