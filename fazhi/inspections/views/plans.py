"""Staff pages of sampling plans (抽查计划): the list, a new plan (or one replacing a drawn plan,
with the reason), and the plan's page where strata and seed contributors are set, the plan is
published with each contributor's commitment, and the draw is made with the revealed secrets.
Every write goes through actions.py; a step the person may never take answers 404, one the
plan's state does not allow is refused in words; a refused step shows the page again with the
input kept and the reason next to the field. There is no step that draws a plan twice.

The tasks and the publicity page are in `views.tasks`, the item list and the entity registry in
`views.registry`, inspectors and experts in `views.people`, the .xlsx import in
`views.imports`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of, scoped
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.models import Inspector
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.inspections import actions, permissions
from fazhi.inspections.forms import (
    CommitmentsForm,
    ContributorForm,
    PlanCreateForm,
    PlanForm,
    SecretsForm,
    StratumForm,
)
from fazhi.inspections.models import (
    Draw,
    Expert,
    FrozenPool,
    InspectionPlan,
    InspectionTask,
    SeedContributor,
    Stratum,
)
from fazhi.inspections.view_helpers import (
    PAGE_SIZE,
    domain_label,
    frozen_sizes,
    place_error,
    posted,
    preview_k,
    public_draw_url,
    registry_size,
    render_area,
    risk_label,
    timeline,
    verifier_url,
)

P = InspectionPlan.Status
# Assignments shown on the plan's page; all of them are on its task list.
ASSIGNMENTS_SHOWN = 50
# The one-liner a contributor runs on their own computer (Python's standard library only).
OFFLINE_COMMAND = (
    'python3 -c "import secrets,hashlib; s=secrets.token_hex(32); '
    "print('secret', s); print('commitment', hashlib.sha256(s.encode()).hexdigest())\""
)


# ---------------------------------------------------------------------------------------------
# The list and a new plan


@staff_view(permissions.can_see_inspections)
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans the user may see (drafts only for the planners and the leadership), newest
    first; two queries for the page whatever it holds."""
    user: Any = request.user
    plans = (
        InspectionPlan.objects.visible_to(user)
        .select_related("item", "draw")
        .defer("draw__bundle_json", "item__legal_basis")
        .order_by("-year", "-batch", "-pk")
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    own_open = None
    if permissions.has_own_tasks(user):
        own_open = (
            InspectionTask.objects.assigned_to(user).filter(status=InspectionTask.Status.ASSIGNED).count()
        )
    return render_area(
        request,
        "inspections/plan_list.html",
        {
            "page": page,
            "can_create": permissions.can_create_plan(user),
            "own_open": own_open,
            "today": local_today(),
        },
        section="plans",
    )


def _redraw_source(request: HttpRequest) -> InspectionPlan | None:
    raw = request.POST.get("redraw_of") or request.GET.get("redraw_of")
    if not raw:
        return None
    plan = (
        scoped(InspectionPlan.objects.filter(pk=raw, status=P.DRAWN), request.user)
        .select_related("item")
        .first()
        if raw.isdigit()
        else None
    )
    if plan is None:
        raise Http404
    return plan


@staff_view(permissions.can_create_plan)
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new plan in draft. With ?redraw_of=<a drawn plan> it replaces that plan: the draw
    itself is final, so a redraw is a new plan whose reason is recorded and published; its
    strata and seed contributors are copied (each contributor makes a new secret)."""
    user: Any = request.user
    source = _redraw_source(request)
    initial: dict[str, Any] = {"year": local_today().year, "batch": 1, "inspectors_per_entity": 2}
    initial["experts_per_entity"] = 0
    if source is not None:
        initial.update(
            year=source.year,
            batch=source.batch,
            item=source.item_id,
            inspectors_per_entity=source.inspectors_per_entity,
            inspector_cap=source.inspector_cap,
            experts_per_entity=source.experts_per_entity,
            public_value_source=source.public_value_source,
            redraw_of=source.pk,
        )
    form = PlanCreateForm(posted(request), initial=initial, agency=agency_of(user))
    if source is None:
        del form.fields["redraw_of"], form.fields["redraw_reason"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.create_plan(
                actor=user,
                year=data["year"],
                batch=data["batch"],
                item=data["item"],
                draw_on=data["draw_on"],
                inspectors_per_entity=data["inspectors_per_entity"],
                inspector_cap=data["inspector_cap"],
                experts_per_entity=data["experts_per_entity"],
                public_value_source=data["public_value_source"],
                title=data["title"],
                redraw_of=data.get("redraw_of"),
                redraw_reason=data.get("redraw_reason", ""),
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [*PLAN_HINTS, ("重新抽取", "redraw_reason")], str(exc))
        else:
            if source is not None:
                _copy_setup(source, plan, user)
            messages.success(
                request, _("已制定《%(t)s》（草稿）。请设置分层和种子提供方。") % {"t": plan.title}
            )
            return redirect("inspections:plan_detail", pk=plan.pk)
    if request.method == "POST":
        messages.error(request, _("请按提示修改后再提交。"))
    return render_area(
        request, "inspections/plan_form.html", {"form": form, "source": source}, section="plans"
    )


def _copy_setup(source: InspectionPlan, plan: InspectionPlan, user: Any) -> None:
    for stratum in source.strata.order_by("name"):
        actions.add_stratum(
            plan,
            actor=user,
            domain=stratum.domain,
            ratio=stratum.ratio,
            risk_level=stratum.risk_level,
            name=stratum.name,
        )
    for contributor in source.contributors.order_by("order"):
        actions.add_contributor(plan, actor=user, name=contributor.name)


# ---------------------------------------------------------------------------------------------
# The plan's page


@dataclass(frozen=True)
class Step:
    """A step of the plan's page: the states it is taken in (else a refusal in words) and its
    name. Every step is the planners' (anyone else gets 404)."""

    states: frozenset[str]
    label: Any


STEPS: dict[str, Step] = {
    "edit": Step(frozenset({P.DRAFT}), gettext_lazy("修改计划")),
    "add_stratum": Step(frozenset({P.DRAFT}), gettext_lazy("添加分层")),
    "remove_stratum": Step(frozenset({P.DRAFT}), gettext_lazy("删除分层")),
    "add_contributor": Step(frozenset({P.DRAFT}), gettext_lazy("添加种子提供方")),
    "remove_contributor": Step(frozenset({P.DRAFT}), gettext_lazy("删除种子提供方")),
    "publish": Step(frozenset({P.DRAFT}), gettext_lazy("公布计划")),
    "draw": Step(frozenset({P.PUBLISHED}), gettext_lazy("抽取")),
}

PLAN_HINTS = [
    ("执法人员数", "inspectors_per_entity"),
    ("不得少于两人", "inspectors_per_entity"),
    ("两名执法检查人员", "inspectors_per_entity"),
    ("最多分派", "inspector_cap"),
    ("专家数", "experts_per_entity"),
    ("计划名称", "title"),
    ("抽取日期", "draw_on"),
    ("公开随机值", "public_value_source"),
]
FIELD_HINTS: dict[str, list[tuple[str, str]]] = {
    "edit": PLAN_HINTS,
    "add_stratum": [("比例", "ratio"), ("分层名称", "name"), ("风险等级", "risk_level")],
    "add_contributor": [("种子提供方", "name")],
    "draw": [("公开随机值", "public_value")],
}


def _contributors(plan: InspectionPlan) -> list[SeedContributor]:
    return list(plan.contributors.order_by("order"))


def _step_form(action: str, plan: InspectionPlan, data: Any = None) -> forms.Form:
    if action == "edit":
        initial = {
            "title": plan.title,
            "draw_on": plan.draw_on,
            "inspectors_per_entity": plan.inspectors_per_entity,
            "inspector_cap": plan.inspector_cap,
            "experts_per_entity": plan.experts_per_entity,
            "public_value_source": plan.public_value_source,
        }
        return PlanForm(data, prefix="edit", initial=initial)
    if action == "add_stratum":
        return StratumForm(data, prefix="stratum")
    if action == "add_contributor":
        return ContributorForm(data, prefix="contributor")
    if action == "publish":
        return CommitmentsForm(data, prefix="publish", contributors=_contributors(plan))
    if action == "draw":
        return SecretsForm(data, prefix="draw", contributors=_contributors(plan), plan=plan)
    return forms.Form(data)


def _offered(plan: InspectionPlan, user: Any) -> list[str]:
    if not permissions.is_plan_planner(user, plan):
        return []
    if plan.status == P.DRAFT:
        return ["edit", "add_stratum", "add_contributor", "publish"]
    if plan.status == P.PUBLISHED:
        return ["draw"]
    return []


@dataclass
class StratumRow:
    stratum: Stratum
    size: int | None
    k: int | None
    selected: int | None = None

    @property
    def domain(self) -> str:
        return domain_label(self.stratum.domain, self.stratum.plan.agency)

    @property
    def risk(self) -> str:
        return risk_label(self.stratum.risk_level)


def _strata(plan: InspectionPlan, drawn_counts: dict[str, int]) -> list[StratumRow]:
    strata = list(plan.strata.order_by("name"))
    if plan.status == P.DRAFT:
        rows = []
        for stratum in strata:
            size = registry_size(stratum)
            rows.append(StratumRow(stratum, size, preview_k(size, stratum.ratio)))
        return rows
    sizes = frozen_sizes(plan)
    return [
        StratumRow(
            s,
            sizes.get(s.name),
            preview_k(sizes[s.name], s.ratio) if s.name in sizes else None,
            drawn_counts.get(s.name) if plan.status == P.DRAWN else None,
        )
        for s in strata
    ]


def _render_plan(
    request: HttpRequest,
    plan: InspectionPlan,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user: Any = request.user
    offered = _offered(plan, user)
    step_forms = {name: _step_form(name, plan) for name in offered}
    if bound is None:
        bound = refusals.bound_steps(request, STEPS, lambda name, data: _step_form(name, plan, data))
    step_forms.update(bound)
    contributors = _contributors(plan)
    made = Draw.objects.filter(plan=plan).select_related("drawn_by").first()
    drawn_counts: dict[str, int] = {}
    assignments: list[InspectionTask] = []
    if made is not None:
        drawn_counts = dict(
            plan.tasks.order_by().values("stratum").annotate(n=Count("pk")).values_list("stratum", "n")
        )
        assignments = list(
            plan.tasks.select_related("entity")
            .prefetch_related(
                Prefetch("inspectors", queryset=Inspector.objects.order_by("certificate_number")),
                Prefetch("experts", queryset=Expert.objects.order_by("code")),
            )
            .order_by("sequence")[:ASSIGNMENTS_SHOWN]
        )
        # The plan is public; a task opens only for the planners, the leadership and its own
        # inspectors, so the others see its status without a link that would answer 404.
        mark_openable(assignments, InspectionTask.objects.visible_to(user))
    pools = []
    if plan.status != P.DRAFT:
        kinds = dict(FrozenPool.Kind.choices)
        digests = plan.digests()
        order = ["entities", "inspectors", "experts", "conflicts"]
        names = dict(
            zip(order, ["pool_digest", "inspector_digest", "expert_digest", "conflict_digest"], strict=True)
        )
        found = {p.kind: p for p in plan.frozen_pools.only("kind", "digest", "size", "plan_id")}
        for kind in order:
            pool = found.get(kind)
            pools.append(
                {
                    "label": kinds[kind],
                    "name": names[kind],
                    "digest": digests[names[kind]],
                    "size": pool.size if pool else None,
                }
            )
    strata = _strata(plan, drawn_counts)
    return render_area(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "forms": step_forms,
            "step_links": next_steps(step_forms, {name: step.label for name, step in STEPS.items()}),
            "strata": strata,
            "total_k": sum(r.k or 0 for r in strata),
            "contributors": contributors,
            "pools": pools,
            "exclusions": list(plan.exclusions.all()) if plan.status != P.DRAFT else [],
            "draw": made,
            "drawn_counts": drawn_counts,
            "assignments": assignments,
            "more_assignments": (made.selected_count - len(assignments)) if made else 0,
            "public_draw_url": public_draw_url(made) if made else "",
            "bundle_name": bundle_filename(made) if made else "",
            "verifier_url": verifier_url(),
            "redraws": list(plan.redraws.order_by("pk")),
            "can_redraw": made is not None and permissions.can_create_plan(user),
            "offline_command": OFFLINE_COMMAND,
            "no_redraw": actions.NO_REDRAW,
            "events": timeline(plan),
            "today": local_today(),
            "is_planner": permissions.is_planner(user),
        },
        section="plans",
        status=status,
    )


def _get_plan(request: HttpRequest, pk: int) -> InspectionPlan:
    queryset = InspectionPlan.objects.visible_to(request.user).select_related(
        "item", "created_by", "published_by", "redraw_of"
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_see_inspections)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_plan(request, _get_plan(request, pk))


def _chosen(plan: InspectionPlan, related: str, request: HttpRequest) -> Any:
    raw = request.POST.get("id", "")
    manager = plan.strata if related == "stratum" else plan.contributors
    found = manager.filter(pk=raw).first() if raw.isdigit() else None
    if found is None:
        raise Http404
    return found


def _run(action: str, plan: InspectionPlan, user: Any, form: forms.Form, request: HttpRequest) -> str:
    """Take the step; the message for the person."""
    data = form.cleaned_data
    if action == "edit":
        actions.update_plan(plan, actor=user, **data)
        return _("已保存计划。")
    if action == "add_stratum":
        stratum = actions.add_stratum(
            plan,
            actor=user,
            domain=plan.item.domain,
            ratio=data["ratio"],
            risk_level=data["risk_level"],
            name=data["name"],
        )
        return _("已添加分层“%(n)s”，抽查比例 %(r)s。") % {"n": stratum.name, "r": stratum.ratio}
    if action == "remove_stratum":
        stratum = _chosen(plan, "stratum", request)
        actions.remove_stratum(stratum, actor=user)
        return _("已删除分层“%(n)s”。") % {"n": stratum.name}
    if action == "add_contributor":
        contributor = actions.add_contributor(plan, actor=user, name=data["name"])
        return _("已添加种子提供方“%(n)s”。") % {"n": contributor.name}
    if action == "remove_contributor":
        contributor = _chosen(plan, "contributor", request)
        actions.remove_contributor(contributor, actor=user)
        return _("已删除种子提供方“%(n)s”。") % {"n": contributor.name}
    if action == "publish":
        assert isinstance(form, CommitmentsForm)
        actions.publish_plan(plan, actor=user, commitments=form.values())
        return _("计划已公布：名录已冻结，承诺值已公布。请于 %(d)s 或之前组织抽取。") % {
            "d": date_text(plan.draw_on)
        }
    if action == "draw":
        assert isinstance(form, SecretsForm)
        made = actions.draw(
            plan, actor=user, secrets=form.values(), public_value=data.get("public_value", "")
        )
        return _("抽取完成：抽中 %(n)s 个检查对象，已生成检查任务。") % {"n": made.selected_count}
    raise Http404


def _refusal(plan: InspectionPlan, action: str, step: Step) -> str | None:
    if plan.status in step.states:
        return None
    if action == "draw" and plan.status == P.DRAWN:
        return actions.NO_REDRAW
    return _("当前状态为“%(s)s”，不能%(a)s") % {"s": plan.get_status_display(), "a": step.label}


@require_POST
@staff_view(permissions.can_see_inspections)
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the plan. Unknown steps and steps of someone who is not a planner answer
    404; a step the plan's state does not allow is refused in words (a drawn plan: no redraw)."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    plan = _get_plan(request, pk)
    if not permissions.is_plan_planner(user, plan):
        raise Http404
    refusal = _refusal(plan, action, step)
    if refusal:
        messages.error(request, refusal)
        return redirect("inspections:plan_detail", pk=plan.pk)
    form = _step_form(action, plan, request.POST)
    anchors = {"publish": "#pools", "draw": "#draw", "add_stratum": "#strata", "remove_stratum": "#strata"}
    anchors |= {"add_contributor": "#contributors", "remove_contributor": "#contributors"}
    page = reverse("inspections:plan_detail", args=[plan.pk]) + anchors.get(action, "")
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        message = _run(action, plan, user, form, request)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        hints = FIELD_HINTS.get(action, [])
        if isinstance(form, CommitmentsForm | SecretsForm):
            hints = form.hints() + hints
        if action in {"remove_stratum", "remove_contributor"}:
            messages.error(request, str(exc))
            return redirect("inspections:plan_detail", pk=plan.pk)
        place_error(form, hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, message)
    return redirect(page)


@staff_view(permissions.can_see_inspections)
def draw_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    """The draw's bundle (DOMAIN.md §10 step 6) exactly as stored, so that its SHA-256 is the
    one the draw recorded and published; named as on the public draw page."""
    plan = _get_plan(request, pk)
    made = Draw.objects.filter(plan=plan).first()
    if made is None:
        raise Http404
    response = HttpResponse(made.bundle_json, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, bundle_filename(made))
    return response


def bundle_filename(made: Draw) -> str:
    return f"fazhi-draw-{made.pk}.json"
