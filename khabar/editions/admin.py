from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from khabar.editions import services
from khabar.editions.models import Edition, Section


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "language", "calendar", "digits", "time_zone"]
    readonly_fields = ["code", "next_code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Editions come from migrations and `khabar` commands: a new one needs its code.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Edition, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        edition = Edition.objects.get(pk=obj.pk)
        services.edition_update(actor=request.user, edition=edition, **fields)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "slug", "position"]
    list_filter = ["edition"]
    list_editable = ["position"]

    def save_model(self, request: HttpRequest, obj: Section, form: Any, change: bool) -> None:
        if not change:
            created = services.section_create(
                actor=request.user,
                edition=obj.edition,
                name=obj.name,
                slug=obj.slug,
                position=obj.position,
            )
            obj.pk = created.pk
            return
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        fields.pop("edition", None)
        services.section_update(
            actor=request.user, section=Section.objects.get(pk=obj.pk), **fields
        )

    def delete_model(self, request: HttpRequest, obj: Section) -> None:
        services.section_delete(actor=request.user, section=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for section in queryset:
            services.section_delete(actor=request.user, section=section)
