"""Admin for data maintenance. The counsel register saves through `save_counsel` (checked and
audited, like the pages); review requests and opinions are read-only here, because every change
to them is a step of the procedure that only the actions may take and record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.reviews.counsel import EDITABLE, save_counsel
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest


@admin.register(LegalCounsel)
class LegalCounselAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "firm",
        "certificate_number",
        "term_start",
        "term_end",
        "user",
        "is_active",
    )
    list_filter = ("kind", "is_active")
    search_fields = ("name", "firm", "certificate_number")
    fields = EDITABLE

    def save_model(self, request: HttpRequest, obj: LegalCounsel, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in EDITABLE if name in form.cleaned_data}
        saved = save_counsel(obj if change else None, actor=request.user, **values)  # type: ignore[arg-type]
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Counsel are heard in reviews on the record; a former one is marked not 在册.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        from fazhi.reviews.permissions import can_manage_counsel

        return can_manage_counsel(request.user) and super().has_change_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OpinionInline(admin.TabularInline):
    model = ReviewOpinion
    extra = 0
    fields = ("number", "kind", "text", "legal_basis", "author", "counsel", "response", "response_reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "title",
        "subject_kind",
        "division",
        "status",
        "submitted_on",
        "due_on",
        "concluded_on",
    )
    list_filter = ("status", "subject_kind", "division")
    search_fields = ("title",)
    date_hierarchy = "submitted_on"
    list_select_related = ("division",)
    inlines = (OpinionInline,)


@admin.register(ReviewOpinion)
class ReviewOpinionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "kind", "response", "author", "counsel", "created_at")
    list_filter = ("kind", "response")
    search_fields = ("text", "review__title")
    list_select_related = ("review", "author", "counsel")
