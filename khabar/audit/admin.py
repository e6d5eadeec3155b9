from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from khabar.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: admins read and filter the log; nobody edits or deletes it."""

    list_display = ["at", "actor_name", "action", "target_repr", "edition_code"]
    list_filter = ["action", "edition_code", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_name", "target_repr", "target_id"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(
            request.user.is_active and request.user.is_superuser
        ) or super().has_view_permission(request, obj)
