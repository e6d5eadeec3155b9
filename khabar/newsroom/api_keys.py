"""Partners' API keys, for admins: make one (its secret shown this once), revoke one.

khabar.apikeys.services decides who may and what a usable key is; the secret is never
stored, so this page cannot show it again: a lost key is revoked and replaced.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from khabar.apikeys import selectors, services
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.service_errors import form_add_service_error
from khabar.staff import permissions


class ApiKeyForm(forms.Form):
    # Lengths and ranges are the service's to check, with its messages.
    name = forms.CharField(
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("Whose key it is, e.g. the partner's name."),
    )
    per_minute = forms.IntegerField(label=gettext_lazy("Requests per minute"))


@newsroom_view
def api_key_list(request: HttpRequest) -> HttpResponse:
    """The keys, and a form for a new one; after a POST, the new key's secret, once."""
    permissions.require_admin(request.user)
    form = ApiKeyForm(request.POST or None, initial={"per_minute": settings.API_RATE_PER_MINUTE})
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            api_key, secret = services.api_key_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            # Rendered, not redirected: the secret must not travel in a URL or a session.
            form = ApiKeyForm(initial={"per_minute": settings.API_RATE_PER_MINUTE})
            messages.success(request, _("Key %(name)s made.") % {"name": api_key.name})
    context = {"keys": selectors.api_key_list(), "form": form, "secret": secret}
    return render(
        request, "newsroom/api_keys/list.html", context, status=400 if form.errors else 200
    )


@newsroom_view
@require_POST
def api_key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    permissions.require_admin(request.user)
    api_key = selectors.api_key_get(pk=key_id)
    if api_key is None:
        raise Http404
    services.api_key_revoke(actor=request.user, api_key=api_key)
    messages.success(request, _("Key %(name)s revoked.") % {"name": api_key.name})
    return redirect("newsroom:api_keys")
