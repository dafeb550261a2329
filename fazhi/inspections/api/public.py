"""The public routes: the item list, draws and their bundles, published plans and results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query

from fazhi.core.api.schemas import ErrorOut
from fazhi.inspections import public_views as public
from fazhi.inspections.api._common import DrawId, PlanId, router
from fazhi.inspections.api.rows import (
    _draw,
    _item,
    _of_department,
    _page,
    _plan_detail,
    _plan_summary,
    _result,
)
from fazhi.inspections.api.schemas import (
    BundleOut,
    DrawPageOut,
    DrawQuery,
    InspectionItemPageOut,
    InspectionPageQuery,
    PlanDetailOut,
    PlanPageOut,
    PublicPlanQuery,
    ResultPageOut,
    ResultQuery,
)
from fazhi.inspections.models import FrozenPool

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
    items = _of_department(public.published_items(), query)
    page = items[query.offset : query.offset + query.limit]
    return _page(query, items.count(), [_item(item) for item in page])


@router.get(
    "/draws", auth=None, response={200: DrawPageOut, 422: ErrorOut}, summary="已完成的随机抽取（公开）"
)
def draw_list(request: HttpRequest, query: Query[DrawQuery]) -> dict[str, Any]:
    """Completed draws, newest first, with their ids for `/draws/{id}/bundle` and the sizes of
    their frozen pools. Three queries."""
    draws = _of_department(public.completed_draws(), query, "plan__agency")
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
    plans = _of_department(public.public_plans(), query)
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
    results = _of_department(public.results_of(plan), query, "plan__agency")
    if query.year is not None:
        results = results.filter(plan__year=query.year)
    count = results.count()
    return _page(query, count, [_result(t) for t in results[query.offset : query.offset + query.limit]])
