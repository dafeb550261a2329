"""The staff routes: plans and their exports for the supervision platform, tasks and results."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query

from fazhi.core.api.schemas import ErrorOut
from fazhi.core.models import User
from fazhi.core.workflow import InvalidTransition
from fazhi.inspections import actions, permissions
from fazhi.inspections.api._common import ERRORS, PlanId, TaskId, router
from fazhi.inspections.api.rows import (
    _page,
    _plan_detail,
    _plan_summary,
    _staff_plan,
    _staff_plans,
    _task,
    _tasks,
    _visible_task,
)
from fazhi.inspections.api.schemas import (
    PlanDetailOut,
    PlanPageOut,
    PlanQuery,
    ResultIn,
    TaskDetailOut,
    TaskPageOut,
    TaskQuery,
)
from fazhi.inspections.export import XLSX_CONTENT_TYPE, export_filename, plan_json, plan_workbook
from fazhi.inspections.models import (
    InspectionPlan,
    InspectionTask,
)

# ---------------------------------------------------------------------------------------------
# Staff routes


@router.get("/plans", response={200: PlanPageOut, 404: ErrorOut, 422: ErrorOut}, summary="抽查计划")
def plan_list(request: HttpRequest, query: Query[PlanQuery]) -> dict[str, Any]:
    """Plans the user may see: every plan, drafts included, for the planners and the leadership;
    the published ones for other inspection staff."""
    plans = _staff_plans(request)
    if query.year is not None:
        plans = plans.filter(year=query.year)
    if query.status:
        plans = plans.filter(status=query.status)
    count = plans.count()
    page = plans.order_by("-year", "-batch", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_plan_summary(p) for p in page])


@router.get(
    "/plans/{plan_id}", response={200: PlanDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="抽查计划详情"
)
def plan_detail(request: HttpRequest, plan_id: PlanId) -> dict[str, Any]:
    return _plan_detail(request, _staff_plan(request, plan_id))


def _exported_plan(request: HttpRequest, plan_id: int) -> InspectionPlan:
    if not permissions.is_planner(request.user):
        raise Http404
    return _staff_plan(request, plan_id)


@router.get(
    "/plans/{plan_id}/export.xlsx",
    response={404: ErrorOut, 422: ErrorOut},
    openapi_extra={
        "responses": {
            "200": {
                "description": "抽查计划、任务、结果三张工作表",
                "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    summary="导出抽查计划（.xlsx，报送执法监督平台）",
)
def plan_export_xlsx(request: HttpRequest, plan_id: PlanId) -> HttpResponse:
    """The plan, its tasks and results as .xlsx for the enforcement supervision platform.
    Planners only; natural persons are not masked."""
    plan = _exported_plan(request, plan_id)
    response = HttpResponse(plan_workbook(plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(plan, "xlsx")}"'
    return response


@router.get(
    "/plans/{plan_id}/export.json",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    summary="导出抽查计划（JSON，报送执法监督平台）",
)
def plan_export_json(request: HttpRequest, plan_id: PlanId) -> dict[str, Any]:
    """{"format", "version", "generated_at", "plan", "tasks", "results"}, documented in
    fazhi/inspections/export.py. Planners only; natural persons are not masked."""
    return plan_json(_exported_plan(request, plan_id))


@router.get("/tasks", response={200: TaskPageOut, 404: ErrorOut, 422: ErrorOut}, summary="抽查任务")
def task_list(request: HttpRequest, query: Query[TaskQuery]) -> dict[str, Any]:
    """Tasks the user may see: an inspector's own; every task for the planners and the
    leadership. Four queries."""
    tasks = _tasks(request)
    if query.plan is not None:
        tasks = tasks.filter(plan_id=query.plan)
    if query.status:
        tasks = tasks.filter(status=query.status)
    count = tasks.count()
    page = tasks.order_by("-plan_id", "sequence")[query.offset : query.offset + query.limit]
    return _page(query, count, [_task(t) for t in page])


@router.get(
    "/tasks/{task_id}", response={200: TaskDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="抽查任务详情"
)
def task_detail(request: HttpRequest, task_id: TaskId) -> dict[str, Any]:
    task = _visible_task(request, task_id)
    return {**_task(task), "actions": sorted(permissions.available_task_actions(request.user, task))}


@router.post(
    "/tasks/{task_id}/result",
    response={200: TaskDetailOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="录入检查结果",
)
def task_result(request: HttpRequest, task_id: TaskId, body: ResultIn) -> dict[str, Any]:
    """An assigned inspector records the result (谁检查、谁录入); the publicity deadline follows
    from the rule book's `inspection.result_publicity`. A task already recorded answers 409."""
    task = _visible_task(request, task_id)
    actor: User = request.user  # type: ignore[assignment]
    if task.status != InspectionTask.Status.ASSIGNED and permissions.is_assigned_inspector(actor, task):
        # The inspector sees the task: say why, rather than the 404 the permission check gives.
        raise InvalidTransition(f"当前状态为“{task.get_status_display()}”，不能录入检查结果")
    actions.record_result(
        task, actor=actor, result=body.result, ended_on=body.ended_on, description=body.description
    )
    task = _visible_task(request, task_id)
    return {**_task(task), "actions": sorted(permissions.available_task_actions(actor, task))}
