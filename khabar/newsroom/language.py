"""The newsroom's language switch: each staff member reads it in the language they choose.

Posted from the header of every page, so it works without JavaScript; the choice is kept
with the account (khabar.staff), not the browser, and follows them to any device.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from khabar.newsroom.access import newsroom_view
from khabar.newsroom.widgets import OptionsSelect
from khabar.staff.models import StaffPreference
from khabar.staff.selectors import language_of
from khabar.staff.services import language_set


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=StaffPreference.Language.choices,
        required=False,
        widget=OptionsSelect,
    )
    # The page to go back to; anything but a newsroom page sends the switch to the dashboard.
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The header's form sits beside others on every page: its ids must not meet theirs.
        super().__init__(*args, **{**kwargs, "auto_id": "nr-language-%s"})


def language_form_for(request: HttpRequest) -> LanguageForm:
    """The header's switch, showing the current choice and coming back to this page."""
    return LanguageForm(
        initial={"language": language_of(request.user), "next": request.get_full_path()}
    )


def _back(request: HttpRequest, target: str) -> str:
    newsroom = reverse("newsroom:dashboard")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith(newsroom) else newsroom


@newsroom_view
@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return render(request, "newsroom/language.html", {"language_form": form}, status=400)
    language_set(user=request.user, language=form.cleaned_data["language"])
    return redirect(_back(request, form.cleaned_data["next"]))
