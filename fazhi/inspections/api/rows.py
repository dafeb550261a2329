"""What the endpoints share: the rows they answer and the records a reader may see."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse

from fazhi.inspections import permissions
from fazhi.inspections import public_views as public
from fazhi.inspections.api.schemas import InspectionPageQuery
from fazhi.inspections.draw import ALGORITHM
from fazhi.inspections.models import (
    Draw,
    FrozenPool,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
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
        "domain_label": item.domain_label,
        "agency": public.department_of(item.agency),
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
        "agency": public.department_of(plan.agency),
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
        "agency": public.department_of(plan.agency),
    }


def _plan_detail(request: HttpRequest, plan: InspectionPlan) -> dict[str, Any]:
    drawn = plan.status == InspectionPlan.Status.DRAWN
    published = plan.status != InspectionPlan.Status.DRAFT
    return {
        **_plan_summary(plan),
        "legal_basis": plan.item.legal_basis,
        "inspecting_body": plan.item.inspecting_body or plan.agency.name,
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


def _of_department(queryset: Any, query: InspectionPageQuery, field: str = "agency") -> Any:
    """A public list limited to the department `?dept=<code>` (an unknown code: no rows)."""
    if not query.dept:
        return queryset
    return queryset.filter(**{f"{field}__code": query.dept, f"{field}__parent__isnull": True})


def _page(query: InspectionPageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _staff_plans(request: HttpRequest) -> Any:
    if not permissions.can_see_inspections(request.user):
        raise Http404
    # The draw is joined without its bundle (a lazy plan.draw would read the whole bundle).
    return (
        InspectionPlan.objects.visible_to(request.user)
        .select_related("item", "draw", "agency")
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
