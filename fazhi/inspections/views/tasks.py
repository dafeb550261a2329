"""Inspection tasks (抽查任务): “我的任务” of an enforcement officer (the tasks of the inspector
linked to their account), every task of a plan for the planners and the leadership, a task's
page where an assigned inspector records the result (谁检查、谁录入) with the inspection
records attached, and the publicity page: results due for publication within the rule book's
`inspection.result_publicity` after the inspection ended, the overdue ones marked in words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.attachments import AttachmentRejected
from fazhi.core.clock import today as local_today
from fazhi.core.deadlines import missing_year
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.models import Inspector
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.inspections import actions, permissions
from fazhi.inspections.forms import PublishResultsForm, ResultForm
from fazhi.inspections.models import Expert, InspectionPlan, InspectionTask, TaskQuerySet
from fazhi.inspections.view_helpers import PAGE_SIZE, place_error, posted, render_area, timeline

T = InspectionTask.Status
STATUS_FILTERS = {
    "open": (gettext_lazy("待办"), [T.ASSIGNED, T.RECORDED]),
    "assigned": (gettext_lazy("待检查"), [T.ASSIGNED]),
    "recorded": (gettext_lazy("待公示"), [T.RECORDED]),
    "published": (gettext_lazy("已公示"), [T.PUBLISHED]),
    "all": (gettext_lazy("全部"), [T.ASSIGNED, T.RECORDED, T.PUBLISHED]),
}
PUBLICITY_PAGE_SIZE = 50


def _people() -> tuple[Prefetch, Prefetch]:
    return (
        Prefetch("inspectors", queryset=Inspector.objects.order_by("certificate_number")),
        Prefetch("experts", queryset=Expert.objects.order_by("code")),
    )


def _status_filter(request: HttpRequest, default: str) -> tuple[str, list[Any]]:
    key = request.GET.get("status", default)
    if key not in STATUS_FILTERS:
        key = default
    return key, STATUS_FILTERS[key][1]


def _mark_overdue(tasks: Any) -> None:
    today = local_today()
    for task in tasks:
        task.overdue = task.is_publicity_overdue(today)


@staff_view(permissions.has_own_tasks)
def task_list(request: HttpRequest) -> HttpResponse:
    """The tasks of the inspector linked to this account, open ones first by default."""
    user: Any = request.user
    key, statuses = _status_filter(request, "open")
    tasks = (
        InspectionTask.objects.assigned_to(user)
        .filter(status__in=statuses)
        .select_related("entity", "plan", "publicity_rule")
        .prefetch_related(*_people())
        .order_by("plan__draw_on", "plan_id", "sequence")
    )
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    _mark_overdue(page)
    linked = Inspector.objects.filter(user=user).first()
    return render_area(
        request,
        "inspections/task_list.html",
        {
            "page": page,
            "status": key,
            "filters": [(k, label) for k, (label, _s) in STATUS_FILTERS.items()],
            "linked": linked,
        },
        section="tasks",
    )


@staff_view(permissions.can_see_inspections)
def plan_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """Every task of a plan the user may see: all of them for the planners and the leadership,
    their own for an inspector."""
    plan = get_visible_or_404(InspectionPlan.objects.visible_to(request.user).select_related("item"), pk=pk)
    key, statuses = _status_filter(request, "all")
    tasks: TaskQuerySet = (
        InspectionTask.objects.visible_to(request.user)
        .filter(plan=plan, status__in=statuses)
        .select_related("entity", "publicity_rule")
        .prefetch_related(*_people())
        .order_by("sequence")
    )
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    _mark_overdue(page)
    return render_area(
        request,
        "inspections/plan_tasks.html",
        {
            "plan": plan,
            "page": page,
            "status": key,
            "filters": [(k, label) for k, (label, _s) in STATUS_FILTERS.items()],
        },
        section="plans",
    )


# ---------------------------------------------------------------------------------------------
# A task


def _get_task(request: HttpRequest, pk: int) -> InspectionTask:
    queryset = InspectionTask.objects.visible_to(request.user).select_related(
        "entity", "plan__item", "publicity_rule", "result_recorded_by", "published_by"
    )
    return get_visible_or_404(queryset, pk=pk)


def _render_task(
    request: HttpRequest, task: InspectionTask, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user: Any = request.user
    allowed = permissions.available_task_actions(user, task)
    step_forms: dict[str, forms.Form] = {}
    if "record_result" in allowed:
        step_forms["record_result"] = ResultForm(prefix="result", initial={"ended_on": local_today()})
        if bound is None:
            bound = refusals.bound_forms(
                request, {"record_result": lambda data: ResultForm(data, prefix="result")}
            )
    step_forms.update(bound or {})
    today = local_today()
    return render_area(
        request,
        "inspections/task_detail.html",
        {
            "task": task,
            "allowed": allowed,
            "forms": step_forms,
            "step_links": next_steps(step_forms, LABELS),
            "inspectors": list(task.inspectors.order_by("certificate_number")),
            "experts": list(task.experts.order_by("code")),
            "overdue": task.is_publicity_overdue(today),
            "events": timeline(task),
            "today": today,
        },
        section="tasks" if permissions.has_own_tasks(user) else "plans",
    )


@staff_view(permissions.can_see_inspections)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_task(request, _get_task(request, pk))


def _may(action: str, user: Any, task: InspectionTask) -> bool:
    """Whether the person may ever take the step on this task (else 404)."""
    if action == "record_result":
        return user.has_perm("inspections.record_result") and permissions.is_assigned_inspector(user, task)
    if action == "publish":
        return permissions.is_planner(user) or (
            user.has_perm("inspections.record_result") and permissions.is_assigned_inspector(user, task)
        )
    return False


STATES = {"record_result": T.ASSIGNED, "publish": T.RECORDED}
LABELS = {"record_result": gettext_lazy("录入检查结果"), "publish": gettext_lazy("公示检查结果")}


@require_POST
@staff_view(permissions.can_see_inspections)
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in STATES:
        raise Http404
    user: Any = request.user
    task = _get_task(request, pk)
    if not _may(action, user, task):
        raise Http404
    if task.status != STATES[action]:
        messages.error(
            request,
            _("当前状态为“%(s)s”，不能%(a)s") % {"s": task.get_status_display(), "a": LABELS[action]},
        )
        return redirect("inspections:task_detail", pk=task.pk)
    if action == "publish":
        try:
            actions.publish_results([task], actor=user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已公示检查结果。"))
        return redirect("inspections:task_detail", pk=task.pk)
    form = ResultForm(request.POST, request.FILES, prefix="result")
    page = reverse("inspections:task_detail", args=[task.pk])
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    data = form.cleaned_data
    try:
        actions.record_result(
            task,
            actor=user,
            result=data["result"],
            ended_on=data["ended_on"],
            description=data["description"],
            attachments=data["attachments"],
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error("attachments", str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        place_error(
            form, [("问题描述", "description"), ("结束日期", "ended_on"), ("检查结果", "result")], str(exc)
        )
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    task.refresh_from_db()
    if task.publicity_due_on is None and task.ended_on is not None:
        messages.success(
            request,
            _("已录入检查结果；公示期限待录入 %(y)s 年工作日历后计算。") % {"y": missing_year(task.ended_on)},
        )
    else:
        messages.success(
            request,
            _("已录入检查结果，应于 %(d)s 前公示。") % {"d": date_text(task.publicity_due_on)},
        )
    return redirect(reverse("inspections:task_detail", args=[task.pk]) + "#result")


# ---------------------------------------------------------------------------------------------
# Publicity


def _awaiting(user: Any) -> TaskQuerySet:
    return InspectionTask.objects.visible_to(user).filter(status=T.RECORDED)


@staff_view(permissions.can_see_publicity)
def publicity(request: HttpRequest) -> HttpResponse:
    """Recorded results waiting for publication, the earliest deadline first; the overdue ones
    in words. The planners publish the chosen ones here (all or none)."""
    user: Any = request.user
    can_publish = permissions.is_planner(user)
    form = PublishResultsForm(posted(request), queryset=_awaiting(user))
    if request.method == "POST":
        if not can_publish:
            raise Http404
        if form.is_valid():
            chosen = list(form.cleaned_data["tasks"])
            try:
                count = actions.publish_results(chosen, actor=user)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                form.add_error("tasks", str(exc))
            else:
                messages.success(request, _("已公示 %(n)s 项检查结果。") % {"n": count})
                return redirect("inspections:publicity")
        messages.error(request, _("请按提示修改后再提交。"))
    today = local_today()
    tasks = (
        _awaiting(user)
        .select_related("entity", "plan", "publicity_rule")
        .order_by("publicity_due_on", "plan_id", "sequence")
    )
    page = Paginator(tasks, PUBLICITY_PAGE_SIZE).get_page(request.GET.get("page"))
    _mark_overdue(page)
    return render_area(
        request,
        "inspections/publicity.html",
        {
            "page": page,
            "form": form,
            "can_publish": can_publish,
            "overdue_count": _awaiting(user).filter(publicity_due_on__lt=today).count(),
            "chosen": {str(v) for v in request.POST.getlist("tasks")},
            "today": today,
        },
        section="publicity",
    )
