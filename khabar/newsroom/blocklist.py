"""What keeps comments out before moderation: blocked words, emails and domains, address
ranges. Listed, added and removed here; khabar.comments.services decides who may (admins,
and editors of a whole edition: the lists apply to every edition) and what a valid entry
is. Words show as typed; they match through the normaliser (khabar.comments.spam).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from khabar.comments import permissions, selectors, services
from khabar.comments.models import BlockedEmail, BlockedNetwork, BlockedWord
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.service_errors import form_add_service_error

# No requirement or length limit on the fields: the services say what a usable entry is.


class WordForm(forms.Form):
    value = forms.CharField(
        label=capfirst(gettext_lazy("word or phrase")),
        required=False,
        help_text=gettext_lazy(
            "Matched as whole words, whatever the harakat, tatweel, ZWNJ or letter variants."
        ),
    )


class EmailForm(forms.Form):
    value = forms.CharField(
        label=capfirst(gettext_lazy("email or @domain")),
        required=False,
        help_text=gettext_lazy("reader@example.com, or @example.com for a whole domain."),
    )


class NetworkForm(forms.Form):
    value = forms.CharField(
        label=capfirst(gettext_lazy("address range")),
        required=False,
        help_text=gettext_lazy("203.0.113.0/24 or 2001:db8::/32; one address alone is /32."),
    )


# kind → (form, service that adds, model, its field in the service)
KINDS: dict[str, tuple[type[forms.Form], Any, type[Any], str]] = {
    "word": (WordForm, services.blocked_word_add, BlockedWord, "word"),
    "email": (EmailForm, services.blocked_email_add, BlockedEmail, "pattern"),
    "network": (NetworkForm, services.blocked_network_add, BlockedNetwork, "cidr"),
}


def _forms(data: Any = None, kind: str = "") -> dict[str, forms.Form]:
    return {
        name: form_class(data if name == kind else None, prefix=name)
        for name, (form_class, _add, _model, _field) in KINDS.items()
    }


@newsroom_view
def blocklist(request: HttpRequest) -> HttpResponse:
    """The three lists, each with its form; a POST adds to the list its `kind` names."""
    permissions.require_manage_blocklists(request.user)
    kind = request.POST.get("kind", "")
    if request.method == "POST" and kind not in KINDS:
        raise Http404
    all_forms = _forms(request.POST if request.method == "POST" else None, kind)
    if request.method == "POST":
        form = all_forms[kind]
        _form_class, add, _model, field = KINDS[kind]
        if form.is_valid():
            try:
                added = add(actor=request.user, **{field: form.cleaned_data["value"]})
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("%(entry)s is blocked.") % {"entry": added})
                return redirect("newsroom:blocklist")
    context = {"lists": selectors.blocklists(), "forms": all_forms}
    status = 400 if any(form.errors for form in all_forms.values()) else 200
    return render(request, "newsroom/blocklist/list.html", context, status=status)


@newsroom_view
@require_POST
def blocklist_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    permissions.require_manage_blocklists(request.user)
    if kind not in KINDS:
        raise Http404
    row = get_object_or_404(KINDS[kind][2], pk=pk)
    services.blocked_remove(actor=request.user, row=row)
    messages.success(request, _("%(entry)s is no longer blocked.") % {"entry": row})
    return redirect("newsroom:blocklist")
