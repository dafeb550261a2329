"""The public pages of “double random, one public” inspections at /inspections/ (no account):
the published item list, the published plans with everything fixed before their draw (strata and
ratios, the frozen pools' digests, the seed contributors' commitments, the public value source),
each completed draw with everything needed to recompute it and a way to do so — the bundle
(DOMAIN.md §10 step 6) and the standalone verifier — and the published results.

Nothing unpublished is shown: a draft plan is 404 like a missing one. The secrets appear only
with the draw, the results only once published. Entities are shown by name and unified social
credit code (legal persons' registry data is public), except natural persons, whose particulars
are masked (publicity.mask_entity, 《政府信息公开条例》第十五条); inspectors and experts appear
by their public ids (certificate number, pool code), as in the bundle.

Every department's published records are public (issue 12): each list can be narrowed to one
department (`?dept=<code>`, `core.agencies.filter_public`) and names the department of each row;
the plan's agency is its inspecting body.

The queries here are shared with the API (api.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition, require_GET

from fazhi.core.agencies import filter_public
from fazhi.core.clock import today
from fazhi.inspections.draw import ALGORITHM, commitment_of, sample_size
from fazhi.inspections.models import (
    Draw,
    FrozenPool,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    PlanQuerySet,
    SeedContributor,
    Stratum,
    TaskQuerySet,
)
from fazhi.inspections.publicity import mask_entity, overdue_publicity, public_results

VERIFIER = Path(__file__).resolve().parent / "verify_draw.py"
# Ids beyond this cannot be a row, and SQLite overflows on integers above 2^63 − 1.
MAX_ID = 2**63 - 1
MAX_PAGE = 100_000
RESULTS_PAGE_SIZE = 50
ITEMS_PAGE_SIZE = 50
INDEX_ITEMS = 20  # the overview lists the first items and links the whole list
SELECTED_PAGE_SIZE = 100
BUNDLE_CHUNK = 1 << 20  # characters per chunk of a streamed bundle
K = FrozenPool.Kind
T = InspectionTask.Status


def valid_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise Http404
    return value


def page_number(value: str | None) -> int:
    """The page asked for, or 1 for anything that is not a page number."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


# ---------------------------------------------------------------------------------------------
# Queries shared with the API


def published_items() -> QuerySet[InspectionItem]:
    """Every department's published items, by department, then domain."""
    return (
        InspectionItem.objects.filter(published=True)
        .select_related("agency")
        .order_by("agency__sort_order", "agency_id", "domain", "pk")
    )


def public_plans() -> PlanQuerySet:
    """Published plans, newest first. The reverse join to the draw leaves its bundle unread."""
    return (
        InspectionPlan.objects.public()
        .select_related("item", "draw", "agency")
        .defer("draw__bundle_json")
        .order_by("-year", "-batch", "-pk")
    )


def public_plan(pk: int) -> InspectionPlan:
    plan = public_plans().filter(pk=valid_id(pk)).first()
    if plan is None:
        raise Http404
    return plan


def completed_draws() -> QuerySet[Draw]:
    """Every draw made (a draw is final once made), newest first; bundles unread."""
    return Draw.objects.select_related("plan__item", "plan__agency").order_by("-drawn_at", "-pk")


def public_draw(pk: int) -> Draw:
    draw = completed_draws().filter(pk=valid_id(pk)).first()
    if draw is None:
        raise Http404
    return draw


def frozen_pools(plan: InspectionPlan) -> list[FrozenPool]:
    """The four frozen pools in the order of the seed (entities, inspectors, experts,
    conflicts), their texts unread."""
    order: list[str] = [K.ENTITIES, K.INSPECTORS, K.EXPERTS, K.CONFLICTS]
    pools = plan.frozen_pools.only("plan", "kind", "size", "digest")
    return sorted(pools, key=lambda pool: order.index(pool.kind))


def stratum_sizes(plan: InspectionPlan, strata: list[Stratum]) -> dict[str, int]:
    """N of each stratum in the frozen pool. The pool of a large registry is tens of megabytes
    and never changes once frozen: counted once, then kept in the cache under its digest."""
    if not plan.pool_digest:
        return {}
    key = f"inspections:stratum-sizes:{plan.pk}:{plan.pool_digest}"
    sizes: dict[str, int] | None = cache.get(key)
    if sizes is None:
        text = plan.frozen_pools.filter(kind=K.ENTITIES).values_list("text", flat=True).first() or ""
        # Lines are "stratum<TAB>entity_id" and stratum names hold no control characters, so
        # a stratum's lines are exactly the line starts followed by its name and a TAB.
        sizes = {s.name: text.count(f"\n{s.name}\t") + text.startswith(f"{s.name}\t") for s in strata}
        cache.set(key, sizes, None)
    return sizes


@dataclass(frozen=True)
class StratumRow:
    stratum: Stratum
    size: int | None

    @property
    def selected(self) -> int | None:
        """k = ceil(N × ratio), exactly, at most N (DOMAIN.md §10 step 4)."""
        return None if self.size is None else sample_size(self.size, self.stratum.ratio)


def stratum_rows(plan: InspectionPlan) -> list[StratumRow]:
    strata = list(plan.strata.order_by("name"))
    sizes = stratum_sizes(plan, strata)
    return [StratumRow(s, sizes.get(s.name)) for s in strata]


def contributors(plan: InspectionPlan, *, drawn: bool) -> list[dict[str, Any]]:
    """The contributors in order with their commitments; the secrets only once drawn, each
    checked against its commitment here too."""
    rows = []
    for c in SeedContributor.objects.filter(plan=plan).order_by("order"):
        secret = c.secret if drawn else ""
        rows.append(
            {
                "order": c.order,
                "name": c.name,
                "commitment": c.commitment,
                "secret": secret or None,
                "matches": bool(secret) and commitment_of(secret) == c.commitment,
            }
        )
    return rows


def public_ids(plan: InspectionPlan) -> tuple[dict[int, str], dict[int, str]]:
    """Registry row → public id in the plan's draw, for inspectors and experts, from the frozen
    pools (a certificate renewed after the draw keeps the number it was drawn under)."""
    refs = dict(plan.frozen_pools.filter(kind__in=[K.INSPECTORS, K.EXPERTS]).values_list("kind", "refs"))
    inspectors = {pk: code for code, pk in (refs.get(K.INSPECTORS) or {}).items()}
    experts = {pk: code for code, pk in (refs.get(K.EXPERTS) or {}).items()}
    return inspectors, experts


def selected_tasks(plan: InspectionPlan) -> TaskQuerySet:
    """The tasks of a draw in draw order (stratum sorted, then score)."""
    return (
        InspectionTask.objects.filter(plan=plan)
        .select_related("entity__agency")
        .prefetch_related("inspectors", "experts")
        .order_by("sequence")
    )


def selected_row(task: InspectionTask, ids: tuple[dict[int, str], dict[int, str]]) -> dict[str, Any]:
    inspectors, experts = ids
    return {
        "sequence": task.sequence,
        "stratum": task.stratum,
        "entity": mask_entity(task.entity),
        "natural_person": task.entity.is_natural_person,
        "inspectors": sorted(inspectors.get(i.pk, i.certificate_number) for i in task.inspectors.all()),
        "experts": sorted(experts.get(x.pk, x.code) for x in task.experts.all()),
        "status": task.status,
        "status_label": str(task.get_status_display()),
    }


def task_counts(plan: InspectionPlan, day: datetime.date) -> dict[str, int]:
    return InspectionTask.objects.filter(plan=plan).aggregate(
        total=Count("pk"),
        assigned=Count("pk", filter=Q(status=T.ASSIGNED)),
        recorded=Count("pk", filter=Q(status=T.RECORDED)),
        published=Count("pk", filter=Q(status=T.PUBLISHED)),
        overdue=Count("pk", filter=Q(status=T.RECORDED, publicity_due_on__lt=day)),
    )


def results_of(plan: InspectionPlan | None = None) -> TaskQuerySet:
    results = public_results().select_related("publicity_rule", "plan__agency")
    return results.filter(plan=plan) if plan is not None else results


def department_of(agency: Any) -> dict[str, str]:
    """The department of a public row: its code (the filter's value) and its name."""
    return {"code": agency.code, "name": agency.short_name or agency.name}


def result_row(task: InspectionTask) -> dict[str, Any]:
    """A published result as the public sees it: the entity masked when a natural person, the
    publication date with the deadline it was due by."""
    due, published = task.publicity_due_on, task.published_on
    return {
        "id": task.pk,
        "plan_id": task.plan_id,
        "plan": task.plan.title,
        "year": task.plan.year,
        "item": task.plan.item.name,
        "inspecting_body": task.plan.item.inspecting_body or task.plan.agency.name,
        "agency": department_of(task.plan.agency),
        "entity": mask_entity(task.entity),
        "natural_person": task.entity.is_natural_person,
        "result": task.result,
        "result_label": str(task.get_result_display()),
        "description": task.result_description,
        "ended_on": task.ended_on,
        "publicity_due_on": due,
        "published_on": published,
        "published_in_time": bool(due and published and published <= due),
        "deadline": task.publicity_deadline,
    }


def bundle_filename(draw_id: int) -> str:
    return f"fazhi-draw-{draw_id}.json"


def _bundle_etag(request: HttpRequest, pk: int) -> str | None:
    if not 1 <= pk <= MAX_ID:
        return None
    digest: str | None = Draw.objects.filter(pk=pk).values_list("bundle_sha256", flat=True).first()
    return digest


def bundle_response(pk: int) -> StreamingHttpResponse:
    """The bundle as stored — the exact text whose SHA-256 the draw published — streamed in
    chunks, with its length and its digest as the ETag (a draw never changes)."""
    row = Draw.objects.filter(pk=valid_id(pk)).values_list("bundle_json", "bundle_sha256").first()
    if row is None:
        raise Http404
    text, digest = row

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(text), BUNDLE_CHUNK):
            yield text[start : start + BUNDLE_CHUNK].encode("utf-8")

    length = sum(len(chunk) for chunk in chunks())
    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(True, bundle_filename(pk))
    response["ETag"] = f'"{digest}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


# ---------------------------------------------------------------------------------------------
# Pages


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The first items of the list with their count, the published plans, the completed draws
    and the latest results. Six queries."""
    day = today()
    results = filter_public(results_of(), request, "plan__agency")
    items = filter_public(published_items(), request)
    return render(
        request,
        "inspections/public/index.html",
        {
            "items": list(items[:INDEX_ITEMS]),
            "item_count": items.count(),
            "plans": list(filter_public(public_plans(), request)[:50]),
            "draws": list(filter_public(completed_draws(), request, "plan__agency")[:50]),
            "results": [result_row(t) for t in results[:10]],
            "result_count": results.count(),
            "today": day,
        },
    )


@require_GET
def items(request: HttpRequest) -> HttpResponse:
    """The published item list, a page at a time (as every other public list): the count and
    the page, two queries; a page number that is not one gives the first page, one past the end
    the last."""
    page = Paginator(filter_public(published_items(), request), ITEMS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "inspections/public/items.html", {"items": page.object_list, "page": page})


@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A published plan: everything fixed before its draw, so that anyone can check the draw
    against it afterwards; once drawn, a link to the draw and the state of its tasks."""
    found = public_plan(pk)
    drawn = found.status == InspectionPlan.Status.DRAWN
    day = today()
    draw = getattr(found, "draw", None) if drawn else None
    return render(
        request,
        "inspections/public/plan.html",
        {
            "plan": found,
            "strata": stratum_rows(found),
            "contributors": contributors(found, drawn=drawn),
            "pools": frozen_pools(found),
            "exclusions": found.exclusions.order_by("kind", "person_id"),
            "draw": draw,
            "counts": task_counts(found, day) if drawn else None,
            "today": day,
        },
    )


@require_GET
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    """A completed draw with everything needed to recompute it, and how to."""
    found = public_draw(pk)
    plan = found.plan
    paginator = Paginator(selected_tasks(plan), SELECTED_PAGE_SIZE)
    page: Page[InspectionTask] = paginator.get_page(page_number(request.GET.get("page")))
    ids = public_ids(plan)
    return render(
        request,
        "inspections/public/draw.html",
        {
            "draw": found,
            "plan": plan,
            "algorithm": ALGORITHM,
            "strata": stratum_rows(plan),
            "contributors": contributors(plan, drawn=True),
            "pools": frozen_pools(plan),
            "page": page,
            "rows": [selected_row(t, ids) for t in page.object_list],
            "filename": bundle_filename(found.pk),
        },
    )


@require_GET
@condition(etag_func=_bundle_etag)
def bundle(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The bundle of DOMAIN.md §10 step 6, as published: verify_draw.py reads it as it is."""
    return bundle_response(pk)


@require_GET
def verifier(request: HttpRequest) -> FileResponse:
    """verify_draw.py, the standalone verifier (Python's standard library only)."""
    response = FileResponse(
        VERIFIER.open("rb"), as_attachment=True, filename="verify_draw.py", content_type="text/x-python"
    )
    response["Content-Type"] = "text/x-python; charset=utf-8"
    return response


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """The published results, newest first, 50 a page, optionally of one plan (?plan=id); and
    the results past their publicity deadline and not yet published, which stand out. Four
    queries (five with a plan)."""
    plan_id = request.GET.get("plan")
    selected_plan = None
    if plan_id:
        try:
            selected_plan = public_plan(int(plan_id))
        except ValueError:
            raise Http404 from None
    day = today()
    paginator = Paginator(
        filter_public(results_of(selected_plan), request, "plan__agency"), RESULTS_PAGE_SIZE
    )
    page: Page[InspectionTask] = paginator.get_page(page_number(request.GET.get("page")))
    overdue = (
        overdue_publicity(day).select_related("plan__item", "plan__agency").order_by("publicity_due_on", "pk")
    )
    overdue = filter_public(overdue, request, "plan__agency")
    if selected_plan is not None:
        overdue = overdue.filter(plan=selected_plan)
    return render(
        request,
        "inspections/public/results.html",
        {
            "plan": selected_plan,
            "plans": list(filter_public(public_plans().filter(status=InspectionPlan.Status.DRAWN), request)),
            "page": page,
            "rows": [result_row(t) for t in page.object_list],
            "overdue": [
                {"task": t, "entity": mask_entity(t.entity), "days": (day - t.publicity_due_on).days}
                for t in overdue[:200]
                if t.publicity_due_on is not None
            ],
            "today": day,
        },
    )
