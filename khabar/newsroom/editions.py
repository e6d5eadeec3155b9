"""Editions' settings, for admins: name, calendars, digits, month names, time zone and the
date display pattern, saved by khabar.editions.services.edition_update (which validates
them, the pattern with the calendar core that will also read it back).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khabar.core.templatetags.khabar import edition_datetime
from khabar.editions import selectors, services
from khabar.editions.models import (
    CALENDAR_CHOICES,
    DIGITS_CHOICES,
    MONTH_NAMES_CHOICES,
    Edition,
)
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.service_errors import form_add_service_error
from khabar.staff import permissions

FIELDS = (
    "name",
    "calendar",
    "secondary_calendar",
    "digits",
    "month_names",
    "time_zone",
    "date_pattern",
)


class EditionForm(forms.Form):
    # Lengths, time zones and patterns are the service's to check, with its messages.
    name = forms.CharField(label=gettext_lazy("Name"), required=False)
    calendar = forms.ChoiceField(label=gettext_lazy("Calendar"), choices=CALENDAR_CHOICES)
    secondary_calendar = forms.ChoiceField(
        label=gettext_lazy("Secondary calendar"),
        choices=[("", gettext_lazy("None")), *CALENDAR_CHOICES],
        required=False,
    )
    digits = forms.ChoiceField(label=gettext_lazy("Digits"), choices=DIGITS_CHOICES)
    month_names = forms.ChoiceField(
        label=gettext_lazy("Gregorian month names"), choices=MONTH_NAMES_CHOICES
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        help_text=gettext_lazy("An IANA time zone, e.g. Asia/Tehran, Asia/Riyadh, UTC."),
    )
    date_pattern = forms.CharField(
        label=gettext_lazy("Date pattern"),
        required=False,
        help_text=Edition._meta.get_field("date_pattern").help_text,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


def _edition_or_404(code: str) -> Edition:
    edition = selectors.edition_get(code=code)
    if edition is None:
        raise Http404
    return edition


@newsroom_view
def edition_list(request: HttpRequest) -> HttpResponse:
    permissions.require_admin(request.user)
    now = timezone.now()
    editions = [(edition, edition_datetime(now, edition)) for edition in selectors.edition_list()]
    return render(request, "newsroom/editions/list.html", {"editions": editions})


@newsroom_view
def edition_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The settings, with the current time as the edition shows it under them."""
    permissions.require_admin(request.user)
    edition = _edition_or_404(code)
    # Formatted before any change is tried: a refused pattern never reaches the formatter.
    example = edition_datetime(timezone.now(), edition)
    form = EditionForm(
        request.POST or None, initial={name: getattr(edition, name) for name in FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(actor=request.user, edition=edition, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Edition %(name)s saved.") % {"name": edition.name})
            return redirect("newsroom:edition", code=edition.code)
    status = 400 if form.errors else 200
    context = {"edition": edition, "form": form, "example": example}
    return render(request, "newsroom/editions/edit.html", context, status=status)
