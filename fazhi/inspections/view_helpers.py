"""Helpers shared by the inspection pages (the modules of views/)
and the work list: action messages placed next to their field,
filter notes, the timeline of a record from the audit chain, the public draw page's address and
the size of each stratum."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import inspection_domains
from fazhi.core.audit import object_label, verb_label
from fazhi.core.formfields import filter_notes, place_error  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import AuditEvent
from fazhi.inspections.draw import sample_size
from fazhi.inspections.models import Draw, Entity, InspectionPlan, InspectionTask, RiskLevel, Stratum

PAGE_SIZE = 25


def public_draw_url(made: Draw) -> str:
    """The public page of a draw, where anyone checks it (the public pages are built
    separately: their address by name when it exists, else the agreed path)."""
    try:
        return reverse("public_inspections:draw", args=[made.pk])
    except NoReverseMatch:
        return f"/inspections/draws/{made.pk}/"


def verifier_url() -> str:
    """The standalone verifier verify_draw.py, published on the public pages."""
    try:
        return reverse("public_inspections:verifier")
    except NoReverseMatch:
        return "/inspections/verify_draw.py"


# --- strata --------------------------------------------------------------------------------------


def registry_size(stratum: Stratum) -> int:
    """The active entities of the stratum in the registry now (an indexed count)."""
    entities = Entity.objects.filter(is_active=True, domain=stratum.domain)
    if stratum.risk_level:
        entities = entities.filter(risk_level=stratum.risk_level)
    return entities.count()


def preview_k(size: int, ratio: str) -> int | None:
    try:
        return sample_size(size, ratio)
    except (ArithmeticError, ValueError):
        return None


def frozen_sizes(plan: InspectionPlan) -> dict[str, int]:
    """The size of each stratum frozen at publication, from the publication's audit event
    (the frozen text itself is tens of megabytes for a large registry)."""
    event = (
        AuditEvent.objects.filter(
            verb="inspection.plan_publish",
            object_type="inspections.inspectionplan",
            object_id=str(plan.pk),
        )
        .only("data")
        .first()
    )
    strata = (event.data or {}).get("strata", {}) if event is not None else {}
    return {name: int(value.get("size", 0)) for name, value in strata.items()}


# --- the timeline ------------------------------------------------------------------------------

VERB_LABELS: dict[str, Any] = {
    "inspection.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "inspection.plan_create": gettext_lazy("制定计划"),
    "inspection.plan_update": gettext_lazy("修改计划"),
    "inspection.stratum_add": gettext_lazy("添加分层"),
    "inspection.stratum_remove": gettext_lazy("删除分层"),
    "inspection.contributor_add": gettext_lazy("添加种子提供方"),
    "inspection.contributor_remove": gettext_lazy("删除种子提供方"),
    "inspection.plan_publish": gettext_lazy("公布计划，冻结名录，公布承诺值"),
    "inspection.draw": gettext_lazy("随机抽取"),
    "inspection.result_record": gettext_lazy("录入检查结果"),
    "inspection.result_publish": gettext_lazy("公示检查结果"),
    "inspection.item_create": gettext_lazy("列入抽查事项清单"),
    "inspection.item_update": gettext_lazy("修改抽查事项"),
    "inspection.item_publish": gettext_lazy("公开"),
    "inspection.item_unpublish": gettext_lazy("撤回公开"),
    "inspection.entity_create": gettext_lazy("登记"),
    "inspection.entity_update": gettext_lazy("修改"),
    "inspection.entity_activate": gettext_lazy("恢复在册"),
    "inspection.entity_deactivate": gettext_lazy("移出名录库"),
    "inspection.inspector_create": gettext_lazy("登记"),
    "inspection.inspector_update": gettext_lazy("修改"),
    "inspection.inspector_activate": gettext_lazy("恢复在册"),
    "inspection.inspector_deactivate": gettext_lazy("移出名录库"),
    "inspection.expert_create": gettext_lazy("登记"),
    "inspection.expert_update": gettext_lazy("修改"),
    "inspection.expert_activate": gettext_lazy("恢复在册"),
    "inspection.expert_deactivate": gettext_lazy("移出专家库"),
    "attachment.upload": gettext_lazy("上传附件"),
}


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    verb = event.verb
    if verb == "inspection.plan_create":
        if data.get("redraw_of"):
            return _("替代已抽取的计划，理由：%(r)s") % {"r": data.get("redraw_reason", "")}
        return _("抽取日期 %(d)s") % {"d": data.get("draw_on", "")}
    if verb == "inspection.stratum_add":
        return f"{data.get('stratum', '')}：{data.get('ratio', '')}"
    if verb in {"inspection.stratum_remove"}:
        return str(data.get("stratum", ""))
    if verb in {"inspection.contributor_add", "inspection.contributor_remove"}:
        return str(data.get("contributor", ""))
    if verb == "inspection.plan_publish":
        return _("对象名录摘要 %(h)s…") % {"h": str(data.get("pool_digest", ""))[:16]}
    if verb == "inspection.draw":
        return _("种子 %(s)s…，抽中 %(n)s 个对象") % {
            "s": str(data.get("seed", ""))[:16],
            "n": data.get("selected", ""),
        }
    if verb == "inspection.result_record":
        result = dict(InspectionTask.Result.choices).get(str(data.get("result") or ""), "")
        return _("%(r)s，检查结束 %(e)s，公示期限 %(d)s") % {
            "r": result,
            "e": data.get("ended_on", ""),
            "d": data.get("publicity_due_on", ""),
        }
    if verb == "inspection.result_publish":
        late = _("（逾期公示）") if data.get("late") else ""
        return _("公示日期 %(d)s") % {"d": data.get("published_on", "")} + late
    if verb.endswith("_deactivate") or verb.endswith("_activate"):
        return str(data.get("reason", ""))
    if verb == "attachment.upload":
        return str(data.get("name", ""))
    return ""


def timeline(obj: models.Model) -> list[AuditEvent]:
    object_type, object_id = object_label(obj)
    events = list(
        AuditEvent.objects.filter(object_type=object_type, object_id=object_id)
        .defer("prev_hash", "hash")
        .order_by("seq")
    )
    statuses: dict[str, Any] = {}
    if isinstance(obj, InspectionPlan):
        statuses = dict(InspectionPlan.Status.choices)
    elif isinstance(obj, InspectionTask):
        statuses = dict(InspectionTask.Status.choices)
    for event in events:
        event.verb_label = verb_label(event.verb, VERB_LABELS)  # type: ignore[attr-defined]
        event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        event.detail = _event_detail(event)  # type: ignore[attr-defined]
    return events


def domain_label(code: str, agency: Any = None) -> str:
    """The label of an inspection domain in `agency`'s list (the default domains without one)."""
    return str(dict(inspection_domains(agency)).get(code, code))


def risk_label(code: str) -> str:
    return str(dict(RiskLevel.choices).get(code, code)) if code else _("全部等级")


# --- the area's own navigation ---------------------------------------------------------------


def area_links(user: Any) -> list[tuple[Any, str, str]]:
    """The pages of the inspection area this user may open: (label, url, key). The staff menu
    has one entry for the area (its plan list); these links lead on from every page of it."""
    from fazhi.inspections import permissions

    links: list[tuple[Any, str, str]] = [(_("抽查计划"), reverse("inspections:plan_list"), "plans")]
    if permissions.has_own_tasks(user):
        links.append((_("我的任务"), reverse("inspections:task_list"), "tasks"))
    if permissions.can_see_publicity(user):
        links.append((_("结果公示"), reverse("inspections:publicity"), "publicity"))
    links.append((_("抽查事项清单"), reverse("inspections:item_list"), "items"))
    if permissions.can_see_registries(user):
        links += [
            (_("检查对象名录库"), reverse("inspections:entity_list"), "entities"),
            (_("执法检查人员"), reverse("inspections:inspector_list"), "inspectors"),
            (_("专家库"), reverse("inspections:expert_list"), "experts"),
            (_("回避关系"), reverse("inspections:conflict_list"), "conflicts"),
        ]
    return links


def render_area(
    request: HttpRequest, template: str, context: dict[str, Any], *, section: str, status: int = 200
) -> HttpResponse:
    """A page of the area, with its navigation (`section` marks the current page)."""
    context = {**context, "area_links": area_links(request.user), "section": section}
    return render(request, template, context, status=status)


def posted(request: HttpRequest) -> Any:
    """A form's data: bound on POST even when nothing was filled in (an empty POST must say
    what is missing), unbound on GET."""
    return request.POST if request.method == "POST" else None
