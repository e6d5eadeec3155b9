"""A read-only view of the archive for staff until the newsroom has its own interface.

Articles change only through services (khabar.articles.services), so the admin
does not edit them.
"""

from django.contrib import admin
from django.http import HttpRequest

from khabar.articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["code", "edition", "headline", "status", "published_at"]
    list_filter = ["edition", "status", "content_type"]
    search_fields = ["headline"]
    date_hierarchy = "published_at"
    list_select_related = ["edition"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
