"""The audit log for admins: read-only, filtered, newest first, a page at a time."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext_lazy

from khabar.audit.models import AuditEntry
from khabar.audit.selectors import audit_entries
from khabar.editions.selectors import edition_list
from khabar.newsroom.access import newsroom_view
from khabar.staff import permissions

PAGE_SIZE = 50
# The keys the services write into an entry's details (khabar.audit.services.audit_record
# callers), as the log shows them; a key not listed here is shown as written.
DETAIL_LABELS: dict[str, Promise] = {
    "status": gettext_lazy("Status"),
    "at": pgettext_lazy("audit detail", "For"),
    "until": gettext_lazy("Until"),
    "revision": gettext_lazy("Revision"),
    "reason": gettext_lazy("Reason"),
    "code": gettext_lazy("News code"),
    "late_seconds": gettext_lazy("Seconds late"),
    "expired": gettext_lazy("Expired"),
    "from": pgettext_lazy("audit detail", "From"),
    "to": pgettext_lazy("audit detail", "To"),
    "held_since": gettext_lazy("Held since"),
    "kind": gettext_lazy("Kind"),
    "link": gettext_lazy("Preview link"),
    "expires_at": gettext_lazy("Expires at"),
    "created": gettext_lazy("Created"),
    "deleted": gettext_lazy("Deleted"),
    "article": gettext_lazy("Article"),
    "received": gettext_lazy("Received"),
    "files": gettext_lazy("Files"),
    "before": gettext_lazy("Before"),
    "after": gettext_lazy("After"),
    "reply_to": gettext_lazy("In reply to"),
    "list": gettext_lazy("List"),
    "per_minute": gettext_lazy("Requests a minute"),
    "address": gettext_lazy("Address"),
    "username": gettext_lazy("Username"),
    "width": gettext_lazy("Width"),
    "height": gettext_lazy("Height"),
    "alt": gettext_lazy("Alt text"),
    "caption": gettext_lazy("Caption"),
    "credit": gettext_lazy("Credit"),
    "focal_point": gettext_lazy("Focal point"),
}


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    actor = forms.CharField(label=gettext_lazy("By (username)"), required=False, max_length=150)
    edition = forms.ChoiceField(label=gettext_lazy("Edition"), required=False)
    target = forms.CharField(
        label=gettext_lazy("Target"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("An article as ar/14027, or part of a name."),
    )
    since = forms.DateField(
        label=gettext_lazy("From (UTC)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("To (UTC, inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            ("", "—"),
            *AuditEntry.Action.choices,
        ]
        cast(forms.ChoiceField, self.fields["edition"]).choices = [
            ("", "—"),
            *((edition.code, edition.name) for edition in edition_list()),
        ]


def _day_start(day: datetime.date | None, *, days_after: int = 0) -> datetime.datetime | None:
    if day is None:
        return None
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    return start + datetime.timedelta(days=days_after)


def entry_details(*, data: dict[str, Any]) -> list[tuple[str, Any]]:
    """An entry's details as the log shows them: each key's label, in the reader's language."""
    return [(str(DETAIL_LABELS.get(key, key)), value) for key, value in data.items()]


@newsroom_view
def audit_log(request: HttpRequest) -> HttpResponse:
    permissions.require_admin(request.user)
    form = AuditFilterForm(request.GET)
    entries: Any
    if form.is_valid():
        data = form.cleaned_data
        entries = audit_entries(
            action=data["action"],
            actor_name=data["actor"].strip(),
            edition_code=data["edition"],
            target=data["target"],
            since=_day_start(data["since"]),
            until=_day_start(data["until"], days_after=1),
        )
    else:
        entries = []  # the errors say which filter to mend
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    status = 200 if form.is_valid() else 400
    rows = [(entry, entry_details(data=entry.data)) for entry in page.object_list]
    context = {"form": form, "page": page, "rows": rows}
    return render(request, "newsroom/audit/log.html", context, status=status)
