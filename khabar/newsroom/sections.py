"""Sections of the editions a person may manage: create, rename or reslug, reorder, delete.

khabar.editions.services decides who may (admins, and editors of a whole edition: not an
editor limited to sections) and what a valid section is; these pages show its answers.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from khabar.editions import selectors, services
from khabar.editions.models import Edition, Section
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.service_errors import form_add_service_error, service_error_text
from khabar.staff import permissions


class SectionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), required=False)
    slug = forms.CharField(
        label=gettext_lazy("Slug"),
        required=False,
        help_text=gettext_lazy("Its address: /<edition>/section/<slug>/. Letters, digits, -, _."),
    )
    position = forms.IntegerField(
        label=gettext_lazy("Position"),
        initial=0,
        help_text=gettext_lazy("Sections are listed by position, smallest first."),
    )


class SectionCreateForm(SectionForm):
    edition = forms.TypedChoiceField(label=gettext_lazy("Edition"), coerce=int)

    field_order = ["edition", "name", "slug", "position"]

    def __init__(self, *args: Any, editions: list[Edition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["edition"])
        field.choices = [(edition.pk, edition.name) for edition in editions]


def _manageable_editions(user: Any) -> list[Edition]:
    editions = selectors.edition_list()
    manageable = [e for e in editions if permissions.can_manage_sections(user, edition_id=e.pk)]
    if not manageable and editions:
        # Nothing to manage here: the permission's own refusal says why.
        permissions.require_manage_sections(user, edition_id=editions[0].pk)
    return manageable


def _section_or_404(user: Any, section_id: int) -> Section:
    section = selectors.section_get(section_id=section_id)
    if section is None:
        raise Http404
    permissions.require_manage_sections(user, edition_id=section.edition_id)
    return section


@newsroom_view
def section_list(request: HttpRequest) -> HttpResponse:
    """Every section the person may manage, and the form for a new one."""
    editions = _manageable_editions(request.user)
    form = SectionCreateForm(request.POST or None, editions=editions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edition = next(edition for edition in editions if edition.pk == data["edition"])
        try:
            section = services.section_create(
                actor=request.user,
                edition=edition,
                name=data["name"],
                slug=data["slug"],
                position=data["position"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Section %(name)s created.") % {"name": section.name})
            return redirect("newsroom:sections")
    sections = selectors.section_list(edition_ids=[edition.pk for edition in editions])
    context = {"editions": editions, "sections": sections, "form": form}
    status = 400 if form.errors else 200
    return render(request, "newsroom/sections/list.html", context, status=status)


@newsroom_view
def section_edit(request: HttpRequest, section_id: int) -> HttpResponse:
    """Rename, reslug or move a section."""
    section = _section_or_404(request.user, section_id)
    initial = {"name": section.name, "slug": section.slug, "position": section.position}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Section %(name)s saved.") % {"name": section.name})
            return redirect("newsroom:sections")
    status = 400 if form.errors else 200
    context = {"section": section, "form": form}
    return render(request, "newsroom/sections/edit.html", context, status=status)


@newsroom_view
@require_POST
def section_remove(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_or_404(request.user, section_id)
    name = section.name
    try:
        services.section_delete(actor=request.user, section=section)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("newsroom:section", section_id=section_id)
    messages.success(request, _("Section %(name)s deleted.") % {"name": name})
    return redirect("newsroom:sections")
