"""Sampling plans: creation and changes, strata, seed contributors."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max

from fazhi.core.agencies import same_agency
from fazhi.core.audit import record_event
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    clean_text,
    require,
)
from fazhi.inspections import permissions
from fazhi.inspections.actions._common import RATIO, TWO_INSPECTORS, P
from fazhi.inspections.models import (
    InspectionItem,
    InspectionPlan,
    RiskLevel,
    SeedContributor,
    Stratum,
    domain_label,
)

# --- plans -----------------------------------------------------------------------------------


def _plan_numbers(inspectors_per_entity: int, inspector_cap: int | None, experts_per_entity: int) -> None:
    if inspectors_per_entity < 2:
        raise LegalGateClosed(TWO_INSPECTORS)
    if inspector_cap is not None and inspector_cap < 1:
        raise DomainError("每名执法人员最多分派对象数应为正整数，或留空不设上限")
    if experts_per_entity < 0:
        raise DomainError("每个对象的专家数不能为负数")


def create_plan(
    *,
    actor: User,
    year: int,
    batch: int,
    item: InspectionItem,
    draw_on: datetime.date,
    inspectors_per_entity: int = 2,
    inspector_cap: int | None = None,
    experts_per_entity: int = 0,
    public_value_source: str = "",
    title: str = "",
    redraw_of: InspectionPlan | None = None,
    redraw_reason: str = "",
) -> InspectionPlan:
    """A sampling plan in draft of the actor's agency, which is its inspecting body: on an
    item of that agency's list, drawing from its registries. A plan that replaces a drawn one
    (a redraw) records why."""
    require(permissions.can_create_plan(actor))
    require(same_agency(actor, item))
    if redraw_of is not None:
        require(same_agency(actor, redraw_of))
    _plan_numbers(inspectors_per_entity, inspector_cap, experts_per_entity)
    if redraw_of is not None:
        if redraw_of.status != P.DRAWN:
            raise DomainError("只有已抽取的计划才需要另行制定计划重新抽取")
        redraw_reason = clean_text(redraw_reason, "重新抽取的理由", limit=2000)
    else:
        redraw_reason = ""
    plan = InspectionPlan(
        agency_id=item.agency_id,
        title=clean_text(title, "计划名称", required=False, limit=200)
        or f"{year}年第{batch}批“{item.name}”随机抽查计划",
        year=year,
        batch=batch,
        item=item,
        draw_on=draw_on,
        inspectors_per_entity=inspectors_per_entity,
        inspector_cap=inspector_cap,
        experts_per_entity=experts_per_entity,
        public_value_source=clean_text(public_value_source, "公开随机值来源", required=False, limit=200),
        redraw_of=redraw_of,
        redraw_reason=redraw_reason,
        created_by=actor,
    )
    with transaction.atomic():
        plan.save()
        record_event(
            "inspection.plan_create",
            actor=actor,
            obj=plan,
            to_status=plan.status,
            data={
                "title": plan.title,
                "item": item.name,
                "draw_on": draw_on.isoformat(),
                "redraw_of": redraw_of.pk if redraw_of else None,
                "redraw_reason": redraw_reason,
            },
        )
    return plan


def update_plan(
    plan: InspectionPlan,
    *,
    actor: User,
    title: str,
    draw_on: datetime.date,
    inspectors_per_entity: int,
    inspector_cap: int | None,
    experts_per_entity: int,
    public_value_source: str,
) -> None:
    require(permissions.can_edit_plan(actor, plan))
    _plan_numbers(inspectors_per_entity, inspector_cap, experts_per_entity)
    fields = {
        "title": clean_text(title, "计划名称", limit=200),
        "draw_on": draw_on,
        "inspectors_per_entity": inspectors_per_entity,
        "inspector_cap": inspector_cap,
        "experts_per_entity": experts_per_entity,
        "public_value_source": clean_text(public_value_source, "公开随机值来源", required=False, limit=200),
    }
    with transaction.atomic():
        if InspectionPlan.objects.filter(pk=plan.pk, status=P.DRAFT).update(**fields) != 1:
            raise DomainError("计划已公布，不能修改")
        for name, value in fields.items():
            setattr(plan, name, value)
        record_event(
            "inspection.plan_update",
            actor=actor,
            obj=plan,
            data={k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in fields.items()},
        )


def _check_ratio(ratio: str) -> str:
    ratio = (ratio or "").strip()
    if not RATIO.fullmatch(ratio):
        raise DomainError(f"抽查比例“{ratio}”应为十进制小数（如 0.03 表示 3%，最多 10 位小数）")
    if not decimal.Decimal(0) < decimal.Decimal(ratio) <= decimal.Decimal(1):
        raise DomainError("抽查比例应大于 0 且不大于 1")
    return ratio


def _check_stratum_name(name: str) -> str:
    name = clean_text(name, "分层名称", limit=60)
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise DomainError("分层名称不能含制表符、换行等控制字符")
    return name


def add_stratum(
    plan: InspectionPlan, *, actor: User, domain: str, ratio: str, risk_level: str = "", name: str = ""
) -> Stratum:
    """A stratum: the active entities of the plan's domain (one risk level, or all), sampled
    at `ratio`, kept exactly as written. Strata of a plan never overlap: an entity belongs to
    at most one."""
    require(permissions.can_edit_plan(actor, plan))
    if domain != plan.item.domain:
        raise DomainError(f"分层领域应与抽查事项的领域“{plan.item.domain_label}”一致")
    if risk_level and risk_level not in RiskLevel.values:
        raise DomainError("风险等级不正确")
    ratio = _check_ratio(ratio)
    if not name:
        level = RiskLevel(risk_level).label if risk_level else "全部"
        name = f"{domain_label(plan.agency, domain)}/{level}"
    name = _check_stratum_name(name)
    for other in plan.strata.filter(domain=domain):
        if not other.risk_level or not risk_level or other.risk_level == risk_level:
            raise DomainError(f"与分层“{other.name}”的范围重叠：同一检查对象只能属于一个分层")
    if plan.strata.filter(name=name).exists():
        raise DomainError(f"分层名称“{name}”已使用")
    stratum = Stratum(plan=plan, name=name, domain=domain, risk_level=risk_level, ratio=ratio)
    with transaction.atomic():
        stratum.save()
        record_event(
            "inspection.stratum_add",
            actor=actor,
            obj=plan,
            data={"stratum": name, "domain": domain, "risk_level": risk_level, "ratio": ratio},
        )
    return stratum


def remove_stratum(stratum: Stratum, *, actor: User) -> None:
    require(permissions.can_edit_plan(actor, stratum.plan))
    with transaction.atomic():
        record_event(
            "inspection.stratum_remove", actor=actor, obj=stratum.plan, data={"stratum": stratum.name}
        )
        stratum.delete()


def add_contributor(plan: InspectionPlan, *, actor: User, name: str) -> SeedContributor:
    """A seed contributor (e.g. 政策法规处, the supervising division). Each generates a secret
    with `new_secret()` on their own computer and hands in only `commitment_of(secret)` when
    the plan is published; the secret itself is revealed at the draw."""
    require(permissions.can_edit_plan(actor, plan))
    name = clean_text(name, "种子提供方", limit=100)
    if plan.contributors.filter(name=name).exists():
        raise DomainError(f"种子提供方“{name}”已添加")
    order = (plan.contributors.aggregate(m=Max("order"))["m"] or 0) + 1
    contributor = SeedContributor(plan=plan, name=name, order=order)
    with transaction.atomic():
        contributor.save()
        record_event(
            "inspection.contributor_add", actor=actor, obj=plan, data={"contributor": name, "order": order}
        )
    return contributor


def remove_contributor(contributor: SeedContributor, *, actor: User) -> None:
    require(permissions.can_edit_plan(actor, contributor.plan))
    with transaction.atomic():
        record_event(
            "inspection.contributor_remove",
            actor=actor,
            obj=contributor.plan,
            data={"contributor": contributor.name},
        )
        contributor.delete()


def _by_contributor(
    contributors: list[SeedContributor], values: Sequence[str] | Mapping[Any, str], label: str
) -> list[str]:
    """`values` in contributor order, given either in that order or keyed by contributor id
    or name."""
    if isinstance(values, Mapping):
        ordered = []
        for c in contributors:
            value = values.get(c.pk, values.get(str(c.pk), values.get(c.name)))
            if value is None:
                raise DomainError(f"缺少种子提供方“{c.name}”的{label}")
            ordered.append(value)
        return ordered
    values = list(values)
    if len(values) != len(contributors):
        raise DomainError(f"应有 {len(contributors)} 个{label}（每个种子提供方一个），实有 {len(values)} 个")
    return values
