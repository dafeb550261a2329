"""/api/v1/inspections — “double random, one public” inspections over JSON.

Public, no account (`auth=None`), the same data as the /inspections/ pages (public_views.py):

    GET /items                      the published item list, paginated (limit, offset)
    GET /draws                      completed draws with their ids
    GET /draws/{draw_id}/bundle     the bundle of DOMAIN.md §10 step 6, exactly as published
                                    (verify_draw.py reads it as it is)
    GET /public/plans[/{plan_id}]   published plans with everything fixed before their draw
    GET /public/results             published results, natural persons masked

For staff (session or bearer token), scoped like the pages:

    GET  /plans[/{plan_id}]         plans visible to the user (drafts for the planners)
    GET  /plans/{plan_id}/export.xlsx|.json
                                    the plan for the enforcement supervision platform
                                    (planners only; natural persons not masked)
    GET  /tasks[/{task_id}]         InspectionTask.objects.visible_to(user): an inspector's own
    POST /tasks/{task_id}/result    actions.record_result (an assigned inspector)

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden or missing, 404; a body or
query of the wrong shape or out of range, 422; a refused step, 400 or 409."""

from __future__ import annotations

from fazhi.inspections.api._common import (
    ERRORS,
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    DrawId,
    PlanId,
    PlanStatusValue,
    ResultValue,
    TaskId,
    TaskStatusValue,
    router,
)
from fazhi.inspections.api.public import (
    draw_bundle,
    draw_list,
    item_list,
    public_plan_detail,
    public_plan_list,
    public_result_list,
)
from fazhi.inspections.api.rows import (
    _item,
    _page,
    _result,
    _tasks,
)
from fazhi.inspections.api.schemas import (
    AssignmentOut,
    BundleOut,
    ContributorOut,
    DrawOut,
    DrawPageOut,
    DrawQuery,
    EntityOut,
    ExclusionOut,
    ExpertOut,
    InspectionPageQuery,
    InspectorOut,
    ItemOut,
    PlanDetailOut,
    PlanPageOut,
    PlanQuery,
    PlanSummaryOut,
    PoolOut,
    PublicEntityOut,
    PublicPlanQuery,
    ResultIn,
    ResultOut,
    ResultPageOut,
    ResultQuery,
    StratumOut,
    TaskDetailOut,
    TaskOut,
    TaskPageOut,
    TaskQuery,
)
from fazhi.inspections.api.staff import (
    plan_detail,
    plan_export_json,
    plan_export_xlsx,
    plan_list,
    task_detail,
    task_list,
    task_result,
)

# The operations keep the ids they had in one module: fazhi_inspections_api_<function> (fazhi/api.py).
ONE_OPERATION_NAMESPACE = True

__all__ = [
    "ERRORS",
    "MAX_ID",
    "MAX_YEAR",
    "MIN_YEAR",
    "AssignmentOut",
    "BundleOut",
    "ContributorOut",
    "DrawId",
    "DrawOut",
    "DrawPageOut",
    "DrawQuery",
    "EntityOut",
    "ExclusionOut",
    "ExpertOut",
    "InspectionPageQuery",
    "InspectorOut",
    "ItemOut",
    "PlanDetailOut",
    "PlanId",
    "PlanPageOut",
    "PlanQuery",
    "PlanStatusValue",
    "PlanSummaryOut",
    "PoolOut",
    "PublicEntityOut",
    "PublicPlanQuery",
    "ResultIn",
    "ResultOut",
    "ResultPageOut",
    "ResultQuery",
    "ResultValue",
    "StratumOut",
    "TaskDetailOut",
    "TaskId",
    "TaskOut",
    "TaskPageOut",
    "TaskQuery",
    "TaskStatusValue",
    "_item",
    "_page",
    "_result",
    "_tasks",
    "draw_bundle",
    "draw_list",
    "item_list",
    "plan_detail",
    "plan_export_json",
    "plan_export_xlsx",
    "plan_list",
    "public_plan_detail",
    "public_plan_list",
    "public_result_list",
    "router",
    "task_detail",
    "task_list",
    "task_result",
]
