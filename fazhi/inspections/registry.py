"""Writes to the item list and the three registries (entities, inspectors, experts) and to the
conflicts of interest. Each checks the permission and writes its audit event in the same
transaction; plans, the draw and the tasks are in actions.py.

Nothing here is ever deleted except a conflict: a registry member leaves by being marked
inactive, so the tasks and frozen pools that name it keep their meaning.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import transaction

from fazhi.core.agencies import agency_for, inspection_domains
from fazhi.core.audit import record_event
from fazhi.core.models import Inspector, Organization, User
from fazhi.core.uscc import normalize_uscc, validate_uscc
from fazhi.core.workflow import DomainError, clean_text, require
from fazhi.inspections import permissions
from fazhi.inspections.models import Conflict, Entity, Expert, InspectionItem, RiskLevel

# A public id in a draw (certificate number, expert code) is one line of a canonical text.
PUBLIC_ID = re.compile(r"[^\s\x00-\x1f\x7f]{1,40}")


def _domain(value: str, agency: Organization) -> str:
    """`value` if it is one of `agency`'s inspection domains (its own list, else the defaults)."""
    if value not in dict(inspection_domains(agency)):
        raise DomainError("领域不正确")
    return value


def _risk(value: str) -> str:
    if value not in RiskLevel.values:
        raise DomainError("风险等级不正确")
    return value


def _public_id(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(f"请填写{label}")
    if not PUBLIC_ID.fullmatch(value):
        raise DomainError(f"{label}不超过 40 个字符，且不能含空格或控制字符")
    return value


# --- the item list ---------------------------------------------------------------------------


def create_item(
    *,
    actor: User,
    name: str,
    legal_basis: str,
    inspecting_body: str,
    method: str,
    domain: str,
    published: bool = False,
) -> InspectionItem:
    """An entry of the random-inspection item list of the actor's agency; it names its basis in
    law, regulation or rule (国办发〔2015〕58号：没有法律法规规章依据的，一律不得擅自开展检查).
    The inspecting body is the agency unless another is named."""
    require(permissions.can_manage_registry(actor))
    agency = agency_for(actor)
    item = InspectionItem(
        agency=agency,
        name=clean_text(name, "抽查事项", limit=200),
        legal_basis=clean_text(legal_basis, "检查依据"),
        inspecting_body=clean_text(inspecting_body, "检查主体", required=False, limit=100) or agency.name,
        method=clean_text(method, "检查方式", limit=200),
        domain=_domain(domain, agency),
        published=published,
    )
    with transaction.atomic():
        item.save()
        record_event(
            "inspection.item_create",
            actor=actor,
            obj=item,
            data={"name": item.name, "domain": item.domain, "published": published},
        )
    return item


def update_item(
    item: InspectionItem,
    *,
    actor: User,
    name: str,
    legal_basis: str,
    inspecting_body: str,
    method: str,
    domain: str,
) -> None:
    require(permissions.can_manage_record(actor, item))
    if domain != item.domain and item.plans.exists():
        raise DomainError("已有抽查计划使用该事项，不能更改其领域")
    item.name = clean_text(name, "抽查事项", limit=200)
    item.legal_basis = clean_text(legal_basis, "检查依据")
    item.inspecting_body = (
        clean_text(inspecting_body, "检查主体", required=False, limit=100) or item.agency.name
    )
    item.method = clean_text(method, "检查方式", limit=200)
    item.domain = _domain(domain, item.agency)
    with transaction.atomic():
        item.save()
        record_event("inspection.item_update", actor=actor, obj=item, data={"name": item.name})


def set_item_published(item: InspectionItem, *, actor: User, published: bool) -> None:
    """Publish the entry on the public item list (or take it off for revision)."""
    require(permissions.can_manage_record(actor, item))
    with transaction.atomic():
        InspectionItem.objects.filter(pk=item.pk).update(published=published)
        item.published = published
        record_event(
            "inspection.item_publish" if published else "inspection.item_unpublish", actor=actor, obj=item
        )


# --- entities --------------------------------------------------------------------------------


def check_uscc(code: str) -> str:
    """The normalised code, or a DomainError with the reason (GB 32100-2015)."""
    code = normalize_uscc(code)
    reason = validate_uscc(code)
    if reason:
        raise DomainError(reason)
    return code


def create_entity(
    *,
    actor: User,
    name: str,
    uscc: str,
    legal_representative: str,
    address: str,
    domain: str,
    risk_level: str = RiskLevel.MEDIUM,
    is_natural_person: bool = False,
) -> Entity:
    require(permissions.can_manage_registry(actor))
    agency = agency_for(actor)
    code = check_uscc(uscc)
    if Entity.objects.filter(agency=agency, uscc=code).exists():
        raise DomainError(f"统一社会信用代码 {code} 已在名录库中")
    entity = Entity(
        agency=agency,
        name=clean_text(name, "名称", limit=200),
        uscc=code,
        legal_representative=clean_text(legal_representative, "法定代表人（负责人）", limit=50),
        address=clean_text(address, "住所（地址）", limit=200),
        domain=_domain(domain, agency),
        risk_level=_risk(risk_level),
        is_natural_person=is_natural_person,
    )
    with transaction.atomic():
        entity.save()
        record_event(
            "inspection.entity_create",
            actor=actor,
            obj=entity,
            data={
                "uscc": code,
                "name": entity.name,
                "domain": entity.domain,
                "risk_level": entity.risk_level,
            },
        )
    return entity


def update_entity(
    entity: Entity,
    *,
    actor: User,
    name: str,
    legal_representative: str,
    address: str,
    domain: str,
    risk_level: str,
    is_natural_person: bool,
) -> None:
    """Change an entity's particulars. The USCC is its identity in every draw and is never
    changed; a new code is a new entity."""
    require(permissions.can_manage_record(actor, entity))
    before = {"name": entity.name, "domain": entity.domain, "risk_level": entity.risk_level}
    entity.name = clean_text(name, "名称", limit=200)
    entity.legal_representative = clean_text(legal_representative, "法定代表人（负责人）", limit=50)
    entity.address = clean_text(address, "住所（地址）", limit=200)
    entity.domain = _domain(domain, entity.agency)
    entity.risk_level = _risk(risk_level)
    entity.is_natural_person = is_natural_person
    with transaction.atomic():
        entity.save()
        record_event(
            "inspection.entity_update",
            actor=actor,
            obj=entity,
            data={
                "before": before,
                "after": {"name": entity.name, "domain": entity.domain, "risk_level": entity.risk_level},
            },
        )


def set_entity_active(entity: Entity, *, actor: User, active: bool, reason: str = "") -> None:
    """Take an entity off the registry (deregistered, moved away) or back on; plans published
    before keep their frozen pools."""
    require(permissions.can_manage_record(actor, entity))
    reason = clean_text(reason, "理由", required=not active, limit=200)
    with transaction.atomic():
        Entity.objects.filter(pk=entity.pk).update(is_active=active)
        entity.is_active = active
        record_event(
            "inspection.entity_activate" if active else "inspection.entity_deactivate",
            actor=actor,
            obj=entity,
            data={"reason": reason},
        )


# --- inspectors and experts ------------------------------------------------------------------


def _domains(domains: list[str], agency: Organization) -> list[str]:
    chosen = sorted(set(domains))
    if not chosen:
        raise DomainError("请至少选择一个执法领域")
    for code in chosen:
        _domain(code, agency)
    return chosen


def _check_account(user: User | None, agency: Organization, inspector: Inspector | None = None) -> None:
    if user is None:
        return
    if user.organization is None or user.organization.agency_id != agency.pk:
        raise DomainError(f"{user.display_name} 的平台账户不属于本机关，不能关联")
    if not user.has_perm("inspections.record_result"):
        raise DomainError(f"{user.display_name} 的平台账户没有执法人员角色，不能关联")
    taken = Inspector.objects.filter(user=user)
    if inspector is not None:
        taken = taken.exclude(pk=inspector.pk)
    if taken.exists():
        raise DomainError(f"{user.display_name} 的平台账户已关联其他执法人员")


def create_inspector(
    *,
    actor: User,
    name: str,
    certificate_number: str,
    certificate_expires_on: datetime.date,
    domains: list[str],
    user: User | None = None,
) -> Inspector:
    """An enforcement officer with a certificate (执法证). Only officers whose certificate is
    valid on a plan's draw date enter its pool (the certificate is shown in the inspection,
    国办发〔2018〕118号). The officer belongs to the actor's agency, which certified them."""
    require(permissions.can_manage_registry(actor))
    agency = agency_for(actor)
    number = _public_id(certificate_number, "执法证号")
    if Inspector.objects.filter(certificate_number=number).exists():
        raise DomainError(f"执法证号 {number} 已登记")
    _check_account(user, agency)
    inspector = Inspector(
        agency=agency,
        name=clean_text(name, "姓名", limit=50),
        certificate_number=number,
        certificate_expires_on=certificate_expires_on,
        domains=_domains(domains, agency),
        user=user,
    )
    with transaction.atomic():
        inspector.save()
        record_event(
            "inspection.inspector_create",
            actor=actor,
            obj=inspector,
            data={
                "name": inspector.name,
                "certificate_number": number,
                "certificate_expires_on": certificate_expires_on.isoformat(),
                "domains": inspector.domains,
            },
        )
    return inspector


def update_inspector(
    inspector: Inspector,
    *,
    actor: User,
    name: str,
    certificate_number: str,
    certificate_expires_on: datetime.date,
    domains: list[str],
    user: User | None = None,
) -> None:
    """Change the particulars, e.g. a renewed certificate (a new number and expiry date)."""
    require(permissions.can_manage_record(actor, inspector))
    number = _public_id(certificate_number, "执法证号")
    if Inspector.objects.filter(certificate_number=number).exclude(pk=inspector.pk).exists():
        raise DomainError(f"执法证号 {number} 已登记")
    _check_account(user, inspector.agency, inspector)
    before = {
        "certificate_number": inspector.certificate_number,
        "certificate_expires_on": inspector.certificate_expires_on.isoformat(),
    }
    inspector.name = clean_text(name, "姓名", limit=50)
    inspector.certificate_number = number
    inspector.certificate_expires_on = certificate_expires_on
    inspector.domains = _domains(domains, inspector.agency)
    inspector.user = user
    with transaction.atomic():
        inspector.save()
        record_event(
            "inspection.inspector_update",
            actor=actor,
            obj=inspector,
            data={
                "before": before,
                "after": {
                    "certificate_number": number,
                    "certificate_expires_on": certificate_expires_on.isoformat(),
                    "domains": inspector.domains,
                },
            },
        )


def set_inspector_active(inspector: Inspector, *, actor: User, active: bool, reason: str = "") -> None:
    require(permissions.can_manage_record(actor, inspector))
    reason = clean_text(reason, "理由", required=not active, limit=200)
    with transaction.atomic():
        Inspector.objects.filter(pk=inspector.pk).update(is_active=active)
        inspector.is_active = active
        record_event(
            "inspection.inspector_activate" if active else "inspection.inspector_deactivate",
            actor=actor,
            obj=inspector,
            data={"reason": reason},
        )


def _expert_domains(domains: list[str] | None, agency: Organization) -> list[str]:
    chosen = sorted(set(domains or []))
    allowed = dict(inspection_domains(agency))
    if any(d not in allowed for d in chosen):
        raise DomainError("所选领域不正确")
    return chosen


def create_expert(
    *, actor: User, code: str, name: str, field: str, domains: list[str] | None = None
) -> Expert:
    require(permissions.can_manage_registry(actor))
    agency = agency_for(actor)
    code = _public_id(code, "专家库编号")
    if Expert.objects.filter(agency=agency, code=code).exists():
        raise DomainError(f"专家库编号 {code} 已登记")
    expert = Expert(
        agency=agency,
        code=code,
        name=clean_text(name, "姓名", limit=50),
        field=clean_text(field, "专业领域", limit=100),
        domains=_expert_domains(domains, agency),
    )
    with transaction.atomic():
        expert.save()
        record_event(
            "inspection.expert_create", actor=actor, obj=expert, data={"code": code, "name": expert.name}
        )
    return expert


def update_expert(
    expert: Expert, *, actor: User, name: str, field: str, domains: list[str] | None = None
) -> None:
    require(permissions.can_manage_record(actor, expert))
    expert.name = clean_text(name, "姓名", limit=50)
    expert.field = clean_text(field, "专业领域", limit=100)
    expert.domains = _expert_domains(domains, expert.agency)
    with transaction.atomic():
        expert.save()
        record_event("inspection.expert_update", actor=actor, obj=expert, data={"name": expert.name})


def set_expert_active(expert: Expert, *, actor: User, active: bool, reason: str = "") -> None:
    require(permissions.can_manage_record(actor, expert))
    reason = clean_text(reason, "理由", required=not active, limit=200)
    with transaction.atomic():
        Expert.objects.filter(pk=expert.pk).update(is_active=active)
        expert.is_active = active
        record_event(
            "inspection.expert_activate" if active else "inspection.expert_deactivate",
            actor=actor,
            obj=expert,
            data={"reason": reason},
        )


# --- conflicts of interest -------------------------------------------------------------------


def add_conflict(*, actor: User, entity: Entity, person: Inspector | Expert, reason: str) -> Conflict:
    """Record that `person` must recuse from `entity` (《行政处罚法》第四十三条：执法人员与案件有
    直接利害关系或者有其他关系可能影响公正执法的，应当回避). Plans published later never
    assign them to each other."""
    require(permissions.can_manage_record(actor, entity) and permissions.can_manage_record(actor, person))
    reason = clean_text(reason, "回避理由", limit=200)
    conflict = Conflict(entity=entity, reason=reason, created_by=actor)
    existing = Conflict.objects.filter(entity=entity)
    if isinstance(person, Inspector):
        conflict.inspector = person
        existing = existing.filter(inspector=person)
    else:
        conflict.expert = person
        existing = existing.filter(expert=person)
    if existing.exists():
        raise DomainError(f"{person.name} 与 {entity.name} 的回避关系已登记")
    with transaction.atomic():
        conflict.save()
        record_event("inspection.conflict_add", actor=actor, obj=conflict, data=_conflict_data(conflict))
    return conflict


def remove_conflict(conflict: Conflict, *, actor: User, reason: str) -> None:
    """Remove a conflict recorded in error or no longer existing; plans already published keep
    the conflicts frozen with them."""
    require(permissions.can_manage_record(actor, conflict.entity))
    reason = clean_text(reason, "撤销理由", limit=200)
    with transaction.atomic():
        record_event(
            "inspection.conflict_remove",
            actor=actor,
            obj=conflict,
            data={**_conflict_data(conflict), "removal_reason": reason},
        )
        conflict.delete()


def _conflict_data(conflict: Conflict) -> dict[str, Any]:
    return {
        "entity": conflict.entity.uscc,
        "person": conflict.person_id_text,
        "person_name": conflict.person.name,
        "reason": conflict.reason,
    }
