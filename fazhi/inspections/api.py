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
query of the wrong shape or out of range, 422; a refused step, 400 or 409.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.models import User
from fazhi.core.workflow import InvalidTransition
from fazhi.inspections import actions, permissions
from fazhi.inspections import public_views as public
from fazhi.inspections.draw import ALGORITHM
from fazhi.inspections.export import XLSX_CONTENT_TYPE, export_filename, plan_json, plan_workbook
from fazhi.inspections.models import (
    Draw,
    FrozenPool,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
)

router = Router(tags=["双随机抽查"])

# Ids in paths and queries: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = 2000, 2999
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
PlanStatusValue = Literal["draft", "published", "drawn"]
TaskStatusValue = Literal["assigned", "recorded", "published"]
ResultValue = Literal["no_problem", "problems_found", "not_found_at_address", "closed_down"]


PlanId = Annotated[int, Path(ge=1, le=MAX_ID, description="计划编号")]
DrawId = Annotated[int, Path(ge=1, le=MAX_ID, description="抽取编号")]
TaskId = Annotated[int, Path(ge=1, le=MAX_ID, description="任务编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class InspectionPageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class DrawQuery(InspectionPageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class PublicPlanQuery(InspectionPageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class PlanQuery(PublicPlanQuery):
    status: PlanStatusValue | None = Field(None, description="计划状态")


class ResultQuery(InspectionPageQuery):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="计划编号")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class TaskQuery(InspectionPageQuery):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="计划编号")
    status: TaskStatusValue | None = Field(None, description="任务状态")


class ItemOut(Schema):
    id: int
    name: str
    legal_basis: str
    inspecting_body: str
    method: str
    domain: str
    domain_label: str


class InspectionItemPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


class DrawOut(Schema):
    id: int = Field(description="抽取编号（GET /draws/{id}/bundle）")
    plan_id: int
    title: str
    year: int
    batch: int
    item: str
    domain: str
    algorithm: str
    drawn_at: datetime.datetime
    selected_count: int = Field(description="抽中对象数")
    pool_size: int = Field(description="冻结的检查对象名录条数")
    inspector_count: int = Field(description="冻结的执法检查人员名录条数")
    expert_count: int = Field(description="冻结的专家名录条数")
    conflict_count: int = Field(description="冻结的回避关系条数")
    seed: str
    bundle_sha256: str = Field(description="数据包（原样下载的文件）的 SHA-256")
    bundle_url: str
    url: str


class DrawPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DrawOut]


class AssignmentOut(Schema):
    inspectors: list[str]
    experts: list[str]


class BundleOut(Schema):
    """The bundle of DOMAIN.md §10 step 6 (exactly these keys)."""

    algorithm: str
    pool: list[tuple[str, str]] = Field(description="[分层, 统一社会信用代码]，已排序")
    inspectors: list[str] = Field(description="执法证号，已排序")
    experts: list[str] = Field(description="专家库编号，已排序")
    conflicts: list[tuple[str, str]] = Field(description="[统一社会信用代码, 人员编号]，已排序")
    ratios: dict[str, str]
    inspectors_per_entity: int
    experts_per_entity: int
    inspector_cap: int | None
    commitments: list[str]
    secrets: list[str]
    public_value: str
    seed: str
    selected: list[tuple[str, str]] = Field(description="[分层, 统一社会信用代码]，按抽取顺序")
    assignments: dict[str, AssignmentOut]


class StratumOut(Schema):
    name: str
    domain: str
    risk_level: str = Field(description="空为全部等级")
    ratio: str
    size: int | None = Field(description="冻结名录中该分层的对象数 N")
    selected: int | None = Field(description="应抽取数 k = ⌈N × 比例⌉")


class ContributorOut(Schema):
    order: int
    name: str
    commitment: str
    secret: str | None = Field(description="抽取后公开；之前为 null")


class PoolOut(Schema):
    kind: str
    kind_label: str
    size: int
    digest: str


class ExclusionOut(Schema):
    kind: str
    person_id: str
    reason: str


class PlanSummaryOut(Schema):
    id: int
    title: str
    year: int
    batch: int
    item: str
    domain: str
    status: str
    status_label: str
    draw_on: datetime.date
    published_at: datetime.datetime | None
    draw_id: int | None = Field(description="已抽取时，抽取编号")


class PlanPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PlanSummaryOut]


class PlanDetailOut(PlanSummaryOut):
    legal_basis: str
    inspecting_body: str
    method: str
    inspectors_per_entity: int
    experts_per_entity: int
    inspector_cap: int | None
    public_value_source: str
    redraw_of: int | None
    redraw_reason: str
    pool_digest: str
    inspector_digest: str
    expert_digest: str
    conflict_digest: str
    strata: list[StratumOut]
    contributors: list[ContributorOut]
    pools: list[PoolOut]
    exclusions: list[ExclusionOut]
    url: str | None = Field(description="公开页面（已公布的计划）")


class PublicEntityOut(Schema):
    name: str = Field(description="自然人只显示姓氏")
    uscc: str
    legal_representative: str
    address: str = Field(description="自然人只显示到区县")
    domain: str


class ResultOut(Schema):
    id: int
    plan_id: int
    plan: str
    year: int
    item: str
    inspecting_body: str
    entity: PublicEntityOut
    natural_person: bool
    result: str
    result_label: str
    description: str
    ended_on: datetime.date | None
    publicity_due_on: datetime.date | None
    published_on: datetime.date | None
    published_in_time: bool


class ResultPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResultOut]


class EntityOut(Schema):
    name: str
    uscc: str
    legal_representative: str
    address: str
    domain: str
    risk_level: str
    natural_person: bool


class InspectorOut(Schema):
    certificate_number: str
    name: str


class ExpertOut(Schema):
    code: str
    name: str
    field: str


class TaskOut(Schema):
    id: int
    plan_id: int
    plan: str
    sequence: int
    stratum: str
    entity: EntityOut
    inspectors: list[InspectorOut]
    experts: list[ExpertOut]
    status: str
    status_label: str
    ended_on: datetime.date | None
    result: str
    result_label: str
    description: str
    publicity_due_on: datetime.date | None
    published_on: datetime.date | None
    publicity_overdue: bool


class TaskDetailOut(TaskOut):
    actions: list[str] = Field(description="当前用户可进行的操作")


class TaskPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[TaskOut]


class ResultIn(Schema):
    result: ResultValue
    ended_on: datetime.date = Field(description="检查结束日期")
    description: Annotated[str, Field(max_length=5000), AfterValidator(storable)] = Field(
        "", description="发现问题时必填"
    )


# ---------------------------------------------------------------------------------------------
# Rows


def _item(item: InspectionItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "legal_basis": item.legal_basis,
        "inspecting_body": item.inspecting_body,
        "method": item.method,
        "domain": item.domain,
        "domain_label": str(item.get_domain_display()),
    }


def _draw(request: HttpRequest, draw: Draw, sizes: dict[str, int]) -> dict[str, Any]:
    plan = draw.plan
    return {
        "id": draw.pk,
        "plan_id": plan.pk,
        "title": plan.title,
        "year": plan.year,
        "batch": plan.batch,
        "item": plan.item.name,
        "domain": plan.item.domain,
        "algorithm": ALGORITHM,
        "drawn_at": draw.drawn_at,
        "selected_count": draw.selected_count,
        "pool_size": sizes.get(FrozenPool.Kind.ENTITIES, 0),
        "inspector_count": sizes.get(FrozenPool.Kind.INSPECTORS, 0),
        "expert_count": sizes.get(FrozenPool.Kind.EXPERTS, 0),
        "conflict_count": sizes.get(FrozenPool.Kind.CONFLICTS, 0),
        "seed": draw.seed,
        "bundle_sha256": draw.bundle_sha256,
        "bundle_url": request.build_absolute_uri(reverse("api:draw_bundle", args=[draw.pk])),
        "url": request.build_absolute_uri(reverse("public_inspections:draw", args=[draw.pk])),
    }


def _draw_id(plan: InspectionPlan) -> int | None:
    # Every plan query here joins the draw (select_related), so this reads no more rows.
    try:
        return plan.draw.pk if plan.status == InspectionPlan.Status.DRAWN else None
    except Draw.DoesNotExist:
        return None


def _plan_summary(plan: InspectionPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "title": plan.title,
        "year": plan.year,
        "batch": plan.batch,
        "item": plan.item.name,
        "domain": plan.item.domain,
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "draw_on": plan.draw_on,
        "published_at": plan.published_at,
        "draw_id": _draw_id(plan),
    }


def _plan_detail(request: HttpRequest, plan: InspectionPlan) -> dict[str, Any]:
    drawn = plan.status == InspectionPlan.Status.DRAWN
    published = plan.status != InspectionPlan.Status.DRAFT
    return {
        **_plan_summary(plan),
        "legal_basis": plan.item.legal_basis,
        "inspecting_body": plan.item.inspecting_body,
        "method": plan.item.method,
        "inspectors_per_entity": plan.inspectors_per_entity,
        "experts_per_entity": plan.experts_per_entity,
        "inspector_cap": plan.inspector_cap,
        "public_value_source": plan.public_value_source,
        "redraw_of": plan.redraw_of_id,
        "redraw_reason": plan.redraw_reason,
        **plan.digests(),
        "strata": [
            {
                "name": row.stratum.name,
                "domain": row.stratum.domain,
                "risk_level": row.stratum.risk_level,
                "ratio": row.stratum.ratio,
                "size": row.size,
                "selected": row.selected,
            }
            for row in public.stratum_rows(plan)
        ],
        "contributors": public.contributors(plan, drawn=drawn),
        "pools": [
            {"kind": p.kind, "kind_label": str(p.get_kind_display()), "size": p.size, "digest": p.digest}
            for p in public.frozen_pools(plan)
        ],
        "exclusions": list(
            plan.exclusions.order_by("kind", "person_id").values("kind", "person_id", "reason")
        ),
        "url": request.build_absolute_uri(reverse("public_inspections:plan", args=[plan.pk]))
        if published
        else None,
    }


def _result(task: InspectionTask) -> dict[str, Any]:
    row = public.result_row(task)
    del row["deadline"]
    return row


def _task(task: InspectionTask) -> dict[str, Any]:
    entity = task.entity
    today = public.today()
    return {
        "id": task.pk,
        "plan_id": task.plan_id,
        "plan": task.plan.title,
        "sequence": task.sequence,
        "stratum": task.stratum,
        "entity": {
            "name": entity.name,
            "uscc": entity.uscc,
            "legal_representative": entity.legal_representative,
            "address": entity.address,
            "domain": entity.domain,
            "risk_level": entity.risk_level,
            "natural_person": entity.is_natural_person,
        },
        "inspectors": [
            {"certificate_number": i.certificate_number, "name": i.name}
            for i in sorted(task.inspectors.all(), key=lambda i: i.certificate_number)
        ],
        "experts": [
            {"code": x.code, "name": x.name, "field": x.field}
            for x in sorted(task.experts.all(), key=lambda x: x.code)
        ],
        "status": task.status,
        "status_label": str(task.get_status_display()),
        "ended_on": task.ended_on,
        "result": task.result,
        "result_label": str(task.get_result_display()) if task.result else "",
        "description": task.result_description,
        "publicity_due_on": task.publicity_due_on,
        "published_on": task.published_on,
        "publicity_overdue": task.is_publicity_overdue(today),
    }


def _page(query: InspectionPageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _staff_plans(request: HttpRequest) -> Any:
    if not permissions.can_see_inspections(request.user):
        raise Http404
    # The draw is joined without its bundle (a lazy plan.draw would read the whole bundle).
    return (
        InspectionPlan.objects.visible_to(request.user)
        .select_related("item", "draw")
        .defer("draw__bundle_json")
    )


def _staff_plan(request: HttpRequest, plan_id: int) -> InspectionPlan:
    plan = _staff_plans(request).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def _tasks(request: HttpRequest) -> Any:
    if not permissions.can_see_inspections(request.user):
        raise Http404
    return (
        InspectionTask.objects.visible_to(request.user)
        .select_related("entity", "plan")
        .prefetch_related("inspectors", "experts")
    )


def _visible_task(request: HttpRequest, task_id: int) -> InspectionTask:
    task = _tasks(request).filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task


# ---------------------------------------------------------------------------------------------
# Public routes


@router.get(
    "/items",
    auth=None,
    response={200: InspectionItemPageOut, 422: ErrorOut},
    summary="随机抽查事项清单（公开）",
)
def item_list(request: HttpRequest, query: Query[InspectionPageQuery]) -> dict[str, Any]:
    """The published item list: item, legal basis, inspecting body, method, domain; a page of
    `limit` items from `offset`, with the count of all. Two queries."""
    items = public.published_items()
    page = items[query.offset : query.offset + query.limit]
    return _page(query, items.count(), [_item(item) for item in page])


@router.get(
    "/draws", auth=None, response={200: DrawPageOut, 422: ErrorOut}, summary="已完成的随机抽取（公开）"
)
def draw_list(request: HttpRequest, query: Query[DrawQuery]) -> dict[str, Any]:
    """Completed draws, newest first, with their ids for `/draws/{id}/bundle` and the sizes of
    their frozen pools. Three queries."""
    draws = public.completed_draws()
    if query.year is not None:
        draws = draws.filter(plan__year=query.year)
    count = draws.count()
    page = list(draws[query.offset : query.offset + query.limit])
    sizes: dict[int, dict[str, int]] = {}
    rows = FrozenPool.objects.filter(plan_id__in=[d.plan_id for d in page]).values_list(
        "plan_id", "kind", "size"
    )
    for plan_id, kind, size in rows:
        sizes.setdefault(plan_id, {})[kind] = size
    return _page(query, count, [_draw(request, d, sizes.get(d.plan_id, {})) for d in page])


@router.get(
    "/draws/{draw_id}/bundle",
    auth=None,
    response={200: BundleOut, 404: ErrorOut, 422: ErrorOut},
    url_name="draw_bundle",
    summary="抽取验证数据包（公开）",
)
def draw_bundle(request: HttpRequest, draw_id: DrawId) -> StreamingHttpResponse:
    """The bundle of DOMAIN.md §10 step 6 with exactly the keys algorithm, pool, inspectors,
    experts, conflicts, ratios, inspectors_per_entity, experts_per_entity, inspector_cap,
    commitments, secrets, public_value, seed, selected and assignments — the stored text itself,
    whose SHA-256 is the draw's `bundle_sha256`. Save it and run
    `python verify_draw.py bundle.json`."""
    return public.bundle_response(draw_id)


@router.get(
    "/public/plans",
    auth=None,
    response={200: PlanPageOut, 422: ErrorOut},
    summary="已公布的抽查计划（公开）",
)
def public_plan_list(request: HttpRequest, query: Query[PublicPlanQuery]) -> dict[str, Any]:
    plans = public.public_plans()
    if query.year is not None:
        plans = plans.filter(year=query.year)
    count = plans.count()
    return _page(query, count, [_plan_summary(p) for p in plans[query.offset : query.offset + query.limit]])


@router.get(
    "/public/plans/{plan_id}",
    auth=None,
    response={200: PlanDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="已公布的抽查计划详情（公开）",
)
def public_plan_detail(request: HttpRequest, plan_id: PlanId) -> dict[str, Any]:
    """A published plan with everything fixed before its draw: strata and ratios, the frozen
    pools' digests and sizes, the contributors' commitments (and, once drawn, their secrets)."""
    return _plan_detail(request, public.public_plan(plan_id))


@router.get(
    "/public/results",
    auth=None,
    response={200: ResultPageOut, 404: ErrorOut, 422: ErrorOut},
    summary="抽查检查结果公示（公开）",
)
def public_result_list(request: HttpRequest, query: Query[ResultQuery]) -> dict[str, Any]:
    """Published results, newest first; natural persons' names and addresses masked."""
    plan = public.public_plan(query.plan) if query.plan is not None else None
    results = public.results_of(plan)
    if query.year is not None:
        results = results.filter(plan__year=query.year)
    count = results.count()
    return _page(query, count, [_result(t) for t in results[query.offset : query.offset + query.limit]])


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
