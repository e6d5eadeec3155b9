from django.contrib import admin

from khabar.editions.models import Edition, Section


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "language", "calendar", "digits", "time_zone"]
    readonly_fields = ["code", "next_code"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "slug", "position"]
    list_filter = ["edition"]
    list_editable = ["position"]
