"""Admin for looking at the records. Every field of a normative document, a filing and a
cleanup is set by a step of the procedure that only the actions may take and record (actions.py),
so everything here is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    Comment,
    DocumentVersion,
    Filing,
    NormativeDocument,
    ValidityEvent,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VersionInline(ReadOnly, admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields


class CommentInline(ReadOnly, admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("source", "author_name", "text", "adoption", "answer", "answered_by")
    readonly_fields = fields


class ValidityEventInline(ReadOnly, admin.TabularInline):
    model = ValidityEvent
    fk_name = "document"
    extra = 0
    fields = ("kind", "on", "by_document", "campaign", "note", "recorded_by")
    readonly_fields = fields


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "number", "status", "division", "published_on", "effective_on", "expires_on")
    list_filter = ("status", "is_provisional", "concerns_market_actors", "is_legacy", "division")
    search_fields = ("title", "number")
    date_hierarchy = "published_on"
    list_select_related = ("division",)
    exclude = ("search_text",)
    inlines = (VersionInline, CommentInline, ValidityEventInline)


@admin.register(Filing)
class FilingAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("document", "status", "submitted_on", "due_on", "decided_on", "authority")
    list_filter = ("status",)
    search_fields = ("document__title", "document__number")
    date_hierarchy = "submitted_on"
    list_select_related = ("document", "authority")


class CleanupItemInline(ReadOnly, admin.TabularInline):
    model = CleanupItem
    extra = 0
    fields = ("document", "disposition", "note")
    readonly_fields = fields


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "status", "scope", "approved_on", "published_on")
    list_filter = ("status",)
    search_fields = ("title",)
    inlines = (CleanupItemInline,)
