"""Admin for looking at the records. Registry entries, plans, draws and tasks change only through
registry.py and actions.py, which check the rules and write the audit chain, so everything here
is read-only. The registry may hold a million entities: its list neither counts the whole table
nor searches by a substring."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.models import Inspector
from fazhi.inspections.models import (
    Conflict,
    Draw,
    Entity,
    Expert,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    PoolExclusion,
    SeedContributor,
    Stratum,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InspectionItem)
class InspectionItemAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("name", "domain", "inspecting_body", "published")
    list_filter = ("domain", "published")


@admin.register(Entity)
class EntityAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("uscc", "name", "domain", "risk_level", "is_active", "is_natural_person")
    list_filter = ("domain", "risk_level", "is_active")
    # "=uscc": an exact match on the unique index, never a scan of the registry.
    search_fields = ("=uscc",)
    show_full_result_count = False
    list_per_page = 50


@admin.register(Inspector)
class InspectorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("name", "certificate_number", "certificate_expires_on", "user", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "certificate_number")
    list_select_related = ("user",)


@admin.register(Expert)
class ExpertAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("code", "name", "field", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")


@admin.register(Conflict)
class ConflictAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("entity", "inspector", "expert", "reason", "created_by", "created_at")
    list_select_related = ("entity", "inspector", "expert", "created_by")
    raw_id_fields = ("entity",)


class StratumInline(ReadOnly, admin.TabularInline):
    model = Stratum
    extra = 0
    fields = ("name", "domain", "risk_level", "ratio")
    readonly_fields = fields


class ContributorInline(ReadOnly, admin.TabularInline):
    model = SeedContributor
    extra = 0
    fields = ("order", "name", "commitment", "secret")
    readonly_fields = fields


class ExclusionInline(ReadOnly, admin.TabularInline):
    model = PoolExclusion
    extra = 0
    fields = ("kind", "person_id", "name", "reason")
    readonly_fields = fields


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "year", "batch", "item", "draw_on", "status")
    list_filter = ("status", "year")
    list_select_related = ("item",)
    inlines = (StratumInline, ContributorInline, ExclusionInline)


@admin.register(Draw)
class DrawAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("plan", "drawn_at", "drawn_by", "selected_count", "seed")
    list_select_related = ("plan", "drawn_by")
    # The bundle holds the whole pool; it is downloaded from the plan's page.
    exclude = ("bundle_json",)


@admin.register(InspectionTask)
class InspectionTaskAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("plan", "sequence", "entity", "status", "result", "publicity_due_on", "published_on")
    list_filter = ("status", "result")
    list_select_related = ("plan", "entity")
    raw_id_fields = ("entity",)
    show_full_result_count = False
