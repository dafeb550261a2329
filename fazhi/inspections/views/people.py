"""The inspector registry (执法检查人员名录库) and the expert pool (专家库). An inspector's
enforcement certificate has an expiry date: one expired on a plan's draw date never enters its
pool, and the list says so in words. Writes go through registry.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of, scoped
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.models import Inspector
from fazhi.core.workflow import DomainError
from fazhi.inspections import permissions, registry
from fazhi.inspections.forms import ActiveForm, ExpertCreateForm, ExpertForm, InspectorForm
from fazhi.inspections.models import Conflict, Expert
from fazhi.inspections.view_helpers import PAGE_SIZE, place_error, posted, render_area, timeline

INSPECTOR_HINTS = [
    ("执法证号", "certificate_number"),
    ("姓名", "name"),
    ("执法领域", "domains"),
    ("平台账户", "user"),
    ("关联", "user"),
]
EXPERT_HINTS = [("专家库编号", "code"), ("姓名", "name"), ("专业领域", "field")]
# A certificate expiring within this many days is flagged on the list (renewal takes time).
EXPIRY_NOTICE_DAYS = 60


def _certificate_state(inspector: Inspector, today: Any) -> str:
    if inspector.certificate_expires_on < today:
        return "expired"
    if (inspector.certificate_expires_on - today).days <= EXPIRY_NOTICE_DAYS:
        return "expiring"
    return "valid"


# ---------------------------------------------------------------------------------------------
# Inspectors


@staff_view(permissions.can_see_registries)
def inspector_list(request: HttpRequest) -> HttpResponse:
    inspectors = scoped(Inspector.objects.select_related("user", "agency"), request.user).order_by(
        "-is_active", "certificate_number"
    )
    page = Paginator(inspectors, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    for inspector in page:
        inspector.certificate_state = _certificate_state(inspector, today)  # type: ignore[attr-defined]
    return render_area(
        request,
        "inspections/inspector_list.html",
        {"page": page, "can_manage": permissions.can_manage_registry(request.user), "today": today},
        section="inspectors",
    )


def _inspector_data(form: forms.Form) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "certificate_number": data["certificate_number"],
        "certificate_expires_on": data["certificate_expires_on"],
        "domains": list(data["domains"]),
        "user": data["user"],
    }


@staff_view(permissions.can_manage_registry)
def inspector_create(request: HttpRequest) -> HttpResponse:
    form = InspectorForm(posted(request), agency=agency_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            inspector = registry.create_inspector(actor=request.user, **_inspector_data(form))  # type: ignore[arg-type]
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, INSPECTOR_HINTS, str(exc))
        else:
            messages.success(request, _("已登记执法检查人员 %(n)s。") % {"n": inspector})
            return redirect("inspections:inspector_detail", pk=inspector.pk)
    if request.method == "POST":
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(request, "inspections/inspector_form.html", {"form": form}, section="inspectors")


def _inspector_forms(inspector: Inspector, data: Any = None) -> dict[str, forms.Form]:
    initial = {
        "name": inspector.name,
        "certificate_number": inspector.certificate_number,
        "certificate_expires_on": inspector.certificate_expires_on,
        "domains": inspector.domains,
        "user": inspector.user_id,
    }
    return {
        "edit": InspectorForm(data, prefix="edit", initial=initial, agency=inspector.agency),
        "deactivate" if inspector.is_active else "activate": ActiveForm(data, prefix="active"),
    }


def _render_inspector(
    request: HttpRequest, inspector: Inspector, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    can_manage = permissions.can_manage_record(request.user, inspector)
    step_forms = _inspector_forms(inspector) if can_manage else {}
    if bound is None and can_manage:
        bound = refusals.bound_steps(
            request,
            ("edit", "activate", "deactivate"),
            lambda name, data: _inspector_forms(inspector, data).get(name),
        )
    step_forms.update(bound or {})
    today = local_today()
    return render_area(
        request,
        "inspections/inspector_detail.html",
        {
            "inspector": inspector,
            "certificate_state": _certificate_state(inspector, today),
            "forms": step_forms,
            "conflicts": list(
                Conflict.objects.filter(inspector=inspector).select_related("entity").order_by("-pk")
            ),
            "task_count": inspector.tasks.count(),
            "can_manage": can_manage,
            "events": timeline(inspector),
        },
        section="inspectors",
    )


def _get_inspector(request: HttpRequest, pk: int) -> Inspector:
    return get_visible_or_404(scoped(Inspector.objects.select_related("user", "agency"), request.user), pk=pk)


@staff_view(permissions.can_see_registries)
def inspector_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_inspector(request, _get_inspector(request, pk))


@require_POST
@staff_view(permissions.can_manage_registry)
def inspector_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in {"edit", "deactivate", "activate"}:
        raise Http404
    inspector = _get_inspector(request, pk)
    user: Any = request.user
    if action != "edit" and (action == "activate") == inspector.is_active:
        messages.error(request, _("%(n)s 已是该状态。") % {"n": inspector.name})
        return redirect("inspections:inspector_detail", pk=inspector.pk)
    form = _inspector_forms(inspector, request.POST)[action]
    if not form.is_valid():
        return refusals.refuse(
            request, form, action=action, to=reverse("inspections:inspector_detail", args=[pk])
        )
    try:
        if action == "edit":
            registry.update_inspector(inspector, actor=user, **_inspector_data(form))
            message = _("已保存。")
        else:
            registry.set_inspector_active(
                inspector, actor=user, active=action == "activate", reason=form.cleaned_data["reason"]
            )
            message = (
                _("已恢复在册。")
                if action == "activate"
                else _("已移出名录库，此后公布的计划不再抽到该人员。")
            )
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, [*INSPECTOR_HINTS, ("理由", "reason")], str(exc))
        return refusals.refuse(
            request,
            form,
            action=action,
            to=reverse("inspections:inspector_detail", args=[pk]),
            message=str(exc),
        )
    messages.success(request, message)
    return redirect("inspections:inspector_detail", pk=inspector.pk)


# ---------------------------------------------------------------------------------------------
# Experts


@staff_view(permissions.can_see_registries)
def expert_list(request: HttpRequest) -> HttpResponse:
    """The expert pool; the legal affairs division adds an expert here."""
    user: Any = request.user
    can_manage = permissions.can_manage_registry(user)
    form = ExpertCreateForm(posted(request), prefix="add", agency=agency_of(user)) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                expert = registry.create_expert(actor=user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, EXPERT_HINTS, str(exc))
            else:
                messages.success(request, _("已登记专家 %(n)s。") % {"n": expert})
                return redirect("inspections:expert_list")
        messages.error(request, _("请按提示修改后再提交。"))
    experts = scoped(Expert.objects.select_related("agency"), user).order_by("-is_active", "code")
    page = Paginator(experts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_area(
        request,
        "inspections/expert_list.html",
        {"page": page, "form": form, "can_manage": can_manage},
        section="experts",
    )


def _expert_forms(expert: Expert, data: Any = None) -> dict[str, forms.Form]:
    return {
        "edit": ExpertForm(
            data,
            prefix="edit",
            initial={"name": expert.name, "field": expert.field, "domains": expert.domains},
            agency=expert.agency,
        ),
        "deactivate" if expert.is_active else "activate": ActiveForm(data, prefix="active"),
    }


def _render_expert(
    request: HttpRequest, expert: Expert, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    can_manage = permissions.can_manage_record(request.user, expert)
    step_forms = _expert_forms(expert) if can_manage else {}
    if bound is None and can_manage:
        bound = refusals.bound_steps(
            request,
            ("edit", "activate", "deactivate"),
            lambda name, data: _expert_forms(expert, data).get(name),
        )
    step_forms.update(bound or {})
    return render_area(
        request,
        "inspections/expert_detail.html",
        {
            "expert": expert,
            "forms": step_forms,
            "conflicts": list(
                Conflict.objects.filter(expert=expert).select_related("entity").order_by("-pk")
            ),
            "can_manage": can_manage,
            "events": timeline(expert),
        },
        section="experts",
    )


@staff_view(permissions.can_see_registries)
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_expert(request, get_visible_or_404(scoped(Expert.objects.all(), request.user), pk=pk))


@require_POST
@staff_view(permissions.can_manage_registry)
def expert_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in {"edit", "deactivate", "activate"}:
        raise Http404
    expert = get_visible_or_404(scoped(Expert.objects.all(), request.user), pk=pk)
    user: Any = request.user
    if action != "edit" and (action == "activate") == expert.is_active:
        messages.error(request, _("%(n)s 已是该状态。") % {"n": expert.name})
        return redirect("inspections:expert_detail", pk=expert.pk)
    form = _expert_forms(expert, request.POST)[action]
    if not form.is_valid():
        return refusals.refuse(
            request, form, action=action, to=reverse("inspections:expert_detail", args=[pk])
        )
    try:
        if action == "edit":
            registry.update_expert(expert, actor=user, **form.cleaned_data)
            message = _("已保存。")
        else:
            registry.set_expert_active(
                expert, actor=user, active=action == "activate", reason=form.cleaned_data["reason"]
            )
            message = (
                _("已恢复在册。")
                if action == "activate"
                else _("已移出专家库，此后公布的计划不再抽到该专家。")
            )
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, [*EXPERT_HINTS, ("理由", "reason")], str(exc))
        return refusals.refuse(
            request, form, action=action, to=reverse("inspections:expert_detail", args=[pk]), message=str(exc)
        )
    messages.success(request, message)
    return redirect("inspections:expert_detail", pk=expert.pk)
