"""People: the admins' pages for accounts and their newsroom roles.

Every change is a call to khabar.staff.services, which checks that the actor is an admin,
refuses a role whose scope does not fit (a reporter limited to sections…) and writes the
audit entry; the pages only read what the admin typed and show the answer.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from khabar.editions.models import Edition, Section
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.service_errors import form_add_service_error, service_error_text
from khabar.staff import permissions, selectors, services
from khabar.staff.models import StaffRole


class SectionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.edition.name} — {obj.name}"


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=StaffRole.Role.choices)
    editions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Editions"),
        queryset=Edition.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Reporters and editors work in these editions."),
    )
    sections = SectionChoiceField(
        label=gettext_lazy("Sections"),
        queryset=Section.objects.select_related("edition").order_by(
            "edition__position", "position", "name"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Editors only: limit the editor to these sections. None: all."),
    )


class AccountForm(RoleForm):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False, widget=forms.PasswordInput
    )
    password_again = forms.CharField(
        label=gettext_lazy("Password, again"), strip=False, widget=forms.PasswordInput
    )

    field_order = ["username", "email", "password", "password_again", "role"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


def _person_or_404(user_id: int) -> Any:
    person = selectors.account_get(user_id=user_id)
    if person is None:
        raise Http404
    return person


@newsroom_view
def people_list(request: HttpRequest) -> HttpResponse:
    permissions.require_admin(request.user)
    people = [(person, selectors.role_of(person)) for person in selectors.account_list()]
    return render(request, "newsroom/people/list.html", {"people": people})


@newsroom_view
def person_create(request: HttpRequest) -> HttpResponse:
    permissions.require_admin(request.user)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.account_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                email=data["email"],
                role=data["role"],
                editions=data["editions"],
                sections=data["sections"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": person.username})
            return redirect("newsroom:person", user_id=person.pk)
    status = 400 if form.errors else 200
    return render(request, "newsroom/people/create.html", {"form": form}, status=status)


@newsroom_view
def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """One account: its role and scope to change, and the buttons to remove or deactivate."""
    permissions.require_admin(request.user)
    person = _person_or_404(user_id)
    role = selectors.role_of(person)
    initial = (
        {"role": role.role, "editions": role.editions.all(), "sections": role.sections.all()}
        if role is not None
        else {}
    )
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assign(
                actor=request.user,
                user=person,
                role=form.cleaned_data["role"],
                editions=form.cleaned_data["editions"],
                sections=form.cleaned_data["sections"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The role of %(name)s is saved.") % {"name": person})
            return redirect("newsroom:person", user_id=person.pk)
    status = 400 if form.errors else 200
    context = {"person": person, "role": role, "form": form}
    return render(request, "newsroom/people/detail.html", context, status=status)


@newsroom_view
@require_POST
def person_role_remove(request: HttpRequest, user_id: int) -> HttpResponse:
    permissions.require_admin(request.user)  # before the lookup: no probing for accounts
    person = _person_or_404(user_id)
    services.role_remove(actor=request.user, user=person)
    messages.success(request, _("%(name)s no longer has a newsroom role.") % {"name": person})
    return redirect("newsroom:person", user_id=person.pk)


@newsroom_view
@require_POST
def person_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    permissions.require_admin(request.user)  # before the lookup: no probing for accounts
    person = _person_or_404(user_id)
    try:
        services.account_deactivate(actor=request.user, user=person)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": person})
    return redirect("newsroom:person", user_id=person.pk)


@newsroom_view
@require_POST
def person_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    permissions.require_admin(request.user)  # before the lookup: no probing for accounts
    person = _person_or_404(user_id)
    services.account_reactivate(actor=request.user, user=person)
    messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect("newsroom:person", user_id=person.pk)
