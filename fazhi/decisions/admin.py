"""Admin for data maintenance. The expert pool saves through `experts.save_expert` (checked and
audited, like the pool page); catalogs, matters and their procedure records are read-only here,
because every change to them is a step of the procedure that only the actions may take and
record (actions/)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.decisions.experts import save_expert
from fazhi.decisions.models import (
    Adjustment,
    CatalogEntry,
    Consultation,
    DecisionCatalog,
    DecisionComment,
    DecisionExpert,
    ExecutionReport,
    ExpertOpinion,
    Hearing,
    MajorDecision,
    PostEvaluation,
    RiskAssessment,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EntryInline(ReadOnly, admin.TabularInline):
    model = CatalogEntry
    extra = 0
    fields = ("decision", "title", "lead_division_name", "planned_end", "change")
    readonly_fields = fields


@admin.register(DecisionCatalog)
class DecisionCatalogAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("__str__", "agency", "status", "approval_meeting", "approved_on", "published_on")
    list_filter = ("status", "year")
    list_select_related = ("agency",)
    inlines = (EntryInline,)


class HearingInline(ReadOnly, admin.TabularInline):
    model = Hearing
    extra = 0
    fields = ("held_on", "place", "notice_published_on", "participants")
    readonly_fields = fields


class OpinionInline(ReadOnly, admin.TabularInline):
    model = ExpertOpinion
    extra = 0
    fields = ("expert", "declared_interest", "interest_note", "opinion", "signed_on")
    readonly_fields = fields


class RiskInline(ReadOnly, admin.TabularInline):
    model = RiskAssessment
    extra = 0
    fields = ("assessor", "level", "risk_points", "mitigations", "assessed_on", "revised_draft")
    readonly_fields = fields


class ExecutionInline(ReadOnly, admin.TabularInline):
    model = ExecutionReport
    extra = 0
    fields = ("execution_unit", "period", "progress", "problems", "reported_on", "reported_by")
    readonly_fields = fields


class EvaluationInline(ReadOnly, admin.TabularInline):
    model = PostEvaluation
    extra = 0
    fields = ("evaluator", "trigger", "conclusion", "evaluated_on")
    readonly_fields = fields


class AdjustmentInline(ReadOnly, admin.TabularInline):
    model = Adjustment
    extra = 0
    fields = ("kind", "reason", "rerun", "on", "recorded_by")
    readonly_fields = fields


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "year", "lead_division", "stage", "planned_end", "published_on", "archived_on")
    list_filter = ("stage", "year", "lead_division")
    search_fields = ("title",)
    list_select_related = ("lead_division",)
    inlines = (HearingInline, OpinionInline, RiskInline, ExecutionInline, EvaluationInline, AdjustmentInline)


class CommentInline(ReadOnly, admin.TabularInline):
    model = DecisionComment
    extra = 0
    fk_name = "consultation"
    fields = ("author_name", "text", "duplicate_of", "adoption", "answer", "answered_by", "answered_at")
    readonly_fields = fields


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("decision", "opens_on", "closes_on", "report_published_on")
    list_select_related = ("decision",)
    search_fields = ("decision__title",)
    exclude = ("draft_text",)
    inlines = (CommentInline,)


@admin.register(DecisionExpert)
class DecisionExpertAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "field", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "organization", "field")
    fields = ("name", "organization", "field", "is_active")

    def save_model(self, request: HttpRequest, obj: DecisionExpert, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in self.fields if name in form.cleaned_data}
        # The form has already written its values onto `obj`; the stored row is what changes.
        stored = DecisionExpert.objects.get(pk=obj.pk) if change else None
        saved = save_expert(stored, actor=request.user, **values)  # type: ignore[arg-type]
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Opinions on the record point to the expert; one who leaves is marked not 在库.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        from fazhi.decisions.permissions import can_compile

        return can_compile(request.user) and super().has_change_permission(request, obj)
