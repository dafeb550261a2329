"""Sampling plans of past years entered from the archive (档案录入): the plan as it was published,
with the pools frozen then and the contributors' commitments; its draw; and the result of each
task, each with the dates of the paper record.

The live actions date every step today and refuse a draw date that has passed, so a past year
cannot go through them. These functions take the archive's dates instead and apply the same rules
to them (at least two inspectors, ratios as exact decimals, commitments before the draw, secrets
that match them, a draw not later than its date, a result not before the draw). Nothing that can
be recomputed is taken on trust: the draw is run again here with the platform's own
`fazhi-draw-v1` code (draw.py) on the archived pools and revealed secrets, so an archived draw has
a bundle that verify_draw.py checks like any other.

Each function checks the permission and writes one audit event for the record it enters (verbs
`inspection.plan_import`, `inspection.draw_import`, `inspection.result_import`).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.agencies import same_agency
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.formats import cn_date
from fazhi.core.models import Inspector, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.inspections import actions, permissions
from fazhi.inspections import draw as algorithm
from fazhi.inspections.models import (
    Draw,
    Entity,
    Expert,
    FrozenPool,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    RiskLevel,
    SeedContributor,
    Stratum,
    domain_label,
)

P = InspectionPlan.Status
T = InspectionTask.Status
R = InspectionTask.Result
K = FrozenPool.Kind

# An archived result goes straight to its final state: recorded, and published when the archive
# says it was (the live actions take the two steps on different days).
IMPORT_PUBLISHED = Transition({T.ASSIGNED}, T.PUBLISHED, "录入档案中的检查结果")
IMPORT_RECORDED = Transition({T.ASSIGNED}, T.RECORDED, "录入档案中的检查结果")


def _at(day: datetime.date) -> datetime.datetime:
    """A date of the archive as a moment (ten in the morning, local time)."""
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


def _not_future(*days: datetime.date | None) -> None:
    today = _today()
    if any(d is not None and d > today for d in days):
        raise DomainError("档案记录的日期不能晚于今天")


@dataclass(frozen=True)
class ArchivedStratum:
    domain: str
    ratio: str
    risk_level: str = ""
    name: str = ""

    def label(self, agency: Any = None) -> str:
        if self.name:
            return self.name
        level = RiskLevel(self.risk_level).label if self.risk_level else "全部"
        return f"{domain_label(agency, self.domain)}/{level}"


@dataclass(frozen=True)
class ArchivedPlan:
    """A plan as published, with the pools frozen at publication: entity lines
    (stratum name, USCC), inspectors' certificate numbers, experts' pool codes and conflict
    lines (USCC, person id) — the lists the plan published, each member still in the registry."""

    year: int
    batch: int
    item: InspectionItem
    published_on: datetime.date
    draw_on: datetime.date
    strata: Sequence[ArchivedStratum]
    contributors: Sequence[tuple[str, str]]  # (name, commitment) in the published order
    entities: Sequence[tuple[str, str]]
    inspectors: Sequence[str]
    experts: Sequence[str] = ()
    conflicts: Sequence[tuple[str, str]] = ()
    title: str = ""
    inspectors_per_entity: int = 2
    inspector_cap: int | None = None
    experts_per_entity: int = 0
    public_value_source: str = ""


def _unique(values: Sequence[str], label: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise DomainError(f"{label} {value} 重复")
        seen.add(value)


def _registry_ids(
    model: type[Entity | Inspector | Expert], field: str, ids: Sequence[str], label: str, agency_id: int
) -> dict[str, int]:
    """The rows of `ids` in the agency's registry (a plan draws from its agency's only)."""
    found: dict[str, int] = {}
    rows = model.objects.filter(agency_id=agency_id)
    for start in range(0, len(ids), 5000):
        chunk = list(ids[start : start + 5000])
        found.update(rows.filter(**{f"{field}__in": chunk}).values_list(field, "pk"))
    missing = [value for value in ids if value not in found]
    if missing:
        raise DomainError(f"{label} {missing[0]} 不在名录库中：请先在名录库中登记，再录入档案")
    return found


def _check_strata(record: ArchivedPlan) -> list[tuple[str, ArchivedStratum, str]]:
    """(name, stratum, ratio) of each stratum, checked as `actions.add_stratum` checks them."""
    checked: list[tuple[str, ArchivedStratum, str]] = []
    if not record.strata:
        raise DomainError("请至少设置一个抽查分层")
    for stratum in record.strata:
        if stratum.domain != record.item.domain:
            raise DomainError(f"分层领域应与抽查事项的领域“{record.item.domain_label}”一致")
        if stratum.risk_level and stratum.risk_level not in RiskLevel.values:
            raise DomainError("风险等级不正确")
        ratio = actions._check_ratio(stratum.ratio)
        name = actions._check_stratum_name(stratum.label(record.item.agency))
        for other_name, other, _ratio in checked:
            if other_name == name:
                raise DomainError(f"分层名称“{name}”已使用")
            if not other.risk_level or not stratum.risk_level or other.risk_level == stratum.risk_level:
                raise DomainError(f"与分层“{other_name}”的范围重叠：同一检查对象只能属于一个分层")
        checked.append((name, stratum, ratio))
    return checked


def import_plan(record: ArchivedPlan, *, actor: User) -> InspectionPlan:
    """Enter a plan of a past year as it was published: strata, contributors with their
    commitments, and the four frozen pools with their digests. Its draw follows with
    `import_draw`."""
    require(permissions.can_create_plan(actor))
    actions._plan_numbers(record.inspectors_per_entity, record.inspector_cap, record.experts_per_entity)
    item = record.item
    require(same_agency(actor, item))
    if not item.published:
        raise LegalGateClosed(
            f"抽查事项“{item.name}”尚未在随机抽查事项清单中公开，不得据以抽查"
            "（国办发〔2015〕58号：随机抽查事项清单应当向社会公开）"
        )
    _not_future(record.published_on, record.draw_on)
    if record.published_on > record.draw_on:
        raise DomainError("计划应当在抽取日期之前公布")
    if record.draw_on.year not in (record.year - 1, record.year):
        raise DomainError(f"{record.year} 年度计划的抽取日期应在 {record.year - 1} 年或 {record.year} 年")
    if InspectionPlan.objects.filter(
        agency_id=item.agency_id, year=record.year, batch=record.batch, item=item
    ).exists():
        raise DomainError(f"{record.year} 年第 {record.batch} 批“{item.name}”计划已经录入")
    strata = _check_strata(record)
    names = [clean_text(name, "种子提供方", limit=100) for name, _commitment in record.contributors]
    _unique(names, "种子提供方")
    if len(names) < actions.MIN_CONTRIBUTORS:
        raise DomainError(f"至少应有 {actions.MIN_CONTRIBUTORS} 个种子提供方，任何一方都不能单独决定抽取结果")
    commitments = [(c or "").strip().lower() for _name, c in record.contributors]
    for name, commitment in zip(names, commitments, strict=True):
        if not actions.HEX64.fullmatch(commitment):
            raise DomainError(f"种子提供方“{name}”的承诺值应为 64 位十六进制字符（SHA-256）")
    _unique(commitments, "承诺值")

    stratum_names = {name for name, _s, _r in strata}
    pool_lines = []
    for stratum_name, uscc in record.entities:
        if stratum_name not in stratum_names:
            raise DomainError(f"检查对象 {uscc} 所属分层“{stratum_name}”不是本计划的分层")
        pool_lines.append(f"{stratum_name}\t{uscc}")
    usccs = [uscc for _stratum, uscc in record.entities]
    _unique(usccs, "检查对象")
    if not usccs:
        raise DomainError("各分层均没有检查对象，无法抽取")
    _registry_ids(Entity, "uscc", usccs, "检查对象", item.agency_id)
    inspectors = _registry_ids(
        Inspector, "certificate_number", list(record.inspectors), "执法证号", item.agency_id
    )
    _unique(list(record.inspectors), "执法证号")
    expired = (
        Inspector.objects.filter(pk__in=inspectors.values(), certificate_expires_on__lt=record.draw_on)
        .order_by("certificate_number")
        .first()
    )
    if expired is not None:
        raise LegalGateClosed(
            f"执法人员 {expired.certificate_number} 的执法证有效期至 {cn_date(expired.certificate_expires_on)}，"
            f"早于抽取日期，不得参与抽取：{actions.CERTIFICATE}"
        )
    experts = _registry_ids(Expert, "code", list(record.experts), "专家库编号", item.agency_id)
    _unique(list(record.experts), "专家库编号")
    if len(inspectors) < record.inspectors_per_entity:
        raise LegalGateClosed(
            f"执法人员只有 {len(inspectors)} 名，少于每个对象 {record.inspectors_per_entity} 名的要求："
            + actions.TWO_INSPECTORS
        )
    if len(experts) < record.experts_per_entity:
        raise DomainError(f"专家只有 {len(experts)} 名，少于每个对象 {record.experts_per_entity} 名的要求")
    in_pool = set(usccs)
    people = set(inspectors) | set(experts)
    conflict_lines = []
    for uscc, person in record.conflicts:
        if uscc not in in_pool or person not in people:
            raise DomainError(f"回避关系 {uscc} ↔ {person} 的一方不在本计划的名录中")
        conflict_lines.append(f"{uscc}\t{person}")
    _unique(conflict_lines, "回避关系")

    texts = {
        K.ENTITIES: (algorithm.canonical_text(pool_lines), len(pool_lines), {}),
        K.INSPECTORS: (algorithm.canonical_text(inspectors), len(inspectors), inspectors),
        K.EXPERTS: (algorithm.canonical_text(experts), len(experts), experts),
        K.CONFLICTS: (algorithm.canonical_text(conflict_lines), len(conflict_lines), {}),
    }
    digests = {
        "pool_digest": algorithm.text_digest(texts[K.ENTITIES][0]),
        "inspector_digest": algorithm.text_digest(texts[K.INSPECTORS][0]),
        "expert_digest": algorithm.text_digest(texts[K.EXPERTS][0]),
        "conflict_digest": algorithm.text_digest(texts[K.CONFLICTS][0]),
    }
    sizes = {name: 0 for name in stratum_names}
    for stratum_name, _uscc in record.entities:
        sizes[stratum_name] += 1
    plan = InspectionPlan(
        agency_id=item.agency_id,
        title=clean_text(record.title, "计划名称", required=False, limit=200)
        or f"{record.year}年第{record.batch}批“{item.name}”随机抽查计划",
        year=record.year,
        batch=record.batch,
        item=item,
        draw_on=record.draw_on,
        inspectors_per_entity=record.inspectors_per_entity,
        inspector_cap=record.inspector_cap,
        experts_per_entity=record.experts_per_entity,
        public_value_source=clean_text(
            record.public_value_source, "公开随机值来源", required=False, limit=200
        ),
        status=P.PUBLISHED,
        created_by=actor,
        published_at=_at(record.published_on),
        published_by=actor,
        **digests,
    )
    with transaction.atomic():
        plan.save()
        Stratum.objects.bulk_create(
            Stratum(plan=plan, name=name, domain=s.domain, risk_level=s.risk_level, ratio=ratio)
            for name, s, ratio in strata
        )
        SeedContributor.objects.bulk_create(
            SeedContributor(plan=plan, name=name, order=n, commitment=commitment)
            for n, (name, commitment) in enumerate(zip(names, commitments, strict=True), start=1)
        )
        FrozenPool.objects.bulk_create(
            FrozenPool(
                plan=plan, kind=kind, text=text, digest=algorithm.text_digest(text), size=size, refs=refs
            )
            for kind, (text, size, refs) in texts.items()
        )
        record_event(
            "inspection.plan_import",
            actor=actor,
            obj=plan,
            to_status=P.PUBLISHED,
            data={
                "title": plan.title,
                "item": item.name,
                "year": record.year,
                "batch": record.batch,
                "published_on": record.published_on.isoformat(),
                "draw_on": record.draw_on.isoformat(),
                **digests,
                "sizes": {str(kind): size for kind, (_text, size, _refs) in texts.items()},
                "strata": {name: {"size": sizes[name], "ratio": ratio} for name, _s, ratio in strata},
                "commitments": [
                    {"contributor": name, "commitment": c} for name, c in zip(names, commitments, strict=True)
                ],
            },
        )
    return plan


def import_draw(
    plan: InspectionPlan,
    *,
    actor: User,
    secrets: Sequence[str],
    drawn_on: datetime.date,
    public_value: str = "",
) -> Draw:
    """Enter the draw of an archived plan: the secrets revealed then (in contributor order) must
    match the published commitments; the draw is recomputed here by `fazhi-draw-v1` and its
    tasks are created as the live draw creates them."""
    require(permissions.is_planner(actor))
    if plan.status == P.DRAWN or Draw.objects.filter(plan=plan).exists():
        raise LegalGateClosed(actions.NO_REDRAW)
    require(permissions.can_draw(actor, plan))
    _not_future(drawn_on)
    published_on = timezone.localdate(plan.published_at) if plan.published_at else plan.draw_on
    if not published_on <= drawn_on <= plan.draw_on:
        raise DomainError(
            f"抽取应在计划公布（{cn_date(published_on)}）之后、抽取日期（{cn_date(plan.draw_on)}）之前进行"
        )
    if drawn_on < plan.draw_on:
        raise LegalGateClosed(actions.draw_date_not_reached(plan.draw_on))
    contributors = list(plan.contributors.order_by("order"))
    if len(secrets) != len(contributors):
        raise DomainError(f"应有 {len(contributors)} 个秘密值（每个种子提供方一个），实有 {len(secrets)} 个")
    revealed = []
    for contributor, secret in zip(contributors, secrets, strict=True):
        secret = (secret or "").strip().lower()
        if not actions.HEX64.fullmatch(secret):
            raise DomainError(f"种子提供方“{contributor.name}”的秘密值应为 64 位十六进制字符")
        if algorithm.commitment_of(secret) != contributor.commitment:
            raise DomainError(f"种子提供方“{contributor.name}”的秘密值与其公布的承诺值不符")
        revealed.append(secret)
    public_value = (public_value or "").strip()
    if bool(plan.public_value_source) != bool(public_value):
        raise DomainError("公开随机值应与计划约定一致：约定了来源的必须填写，未约定的不应填写")
    if len(public_value) > 200 or any(ord(c) < 32 for c in public_value):
        raise DomainError("公开随机值应为一行，不超过 200 个字符")

    pools = {pool.kind: pool for pool in plan.frozen_pools.all()}
    digests = plan.digests()
    for kind, name in (
        (K.ENTITIES, "pool"),
        (K.INSPECTORS, "inspector"),
        (K.EXPERTS, "expert"),
        (K.CONFLICTS, "conflict"),
    ):
        pool = pools.get(kind)
        if pool is None or algorithm.text_digest(pool.text) != digests[f"{name}_digest"]:
            raise DomainError("冻结的名录与公布的摘要不符，抽取未录入；请核查全过程记录")
    texts = algorithm.FrozenTexts(
        pool=pools[K.ENTITIES].text,
        inspectors=pools[K.INSPECTORS].text,
        experts=pools[K.EXPERTS].text,
        conflicts=pools[K.CONFLICTS].text,
    )
    try:
        bundle = algorithm.run_draw(
            texts,
            digests=digests,
            ratios={s.name: s.ratio for s in plan.strata.all()},
            inspectors_per_entity=plan.inspectors_per_entity,
            experts_per_entity=plan.experts_per_entity,
            inspector_cap=plan.inspector_cap,
            commitments=[c.commitment for c in contributors],
            secrets=revealed,
            public_value=public_value,
        )
    except algorithm.DrawFailed as exc:
        raise DomainError(str(exc)) from exc
    stored = algorithm.stored_bundle(bundle)
    bundle_sha256 = hashlib.sha256(stored.encode("utf-8")).hexdigest()
    selected = bundle["selected"]
    entity_pks = dict(
        Entity.objects.filter(agency_id=plan.agency_id, uscc__in=[e for _s, e in selected]).values_list(
            "uscc", "pk"
        )
    )
    inspector_refs = pools[K.INSPECTORS].refs
    expert_refs = pools[K.EXPERTS].refs

    with transaction.atomic():
        apply_transition(
            plan,
            actions.TRANSITIONS["draw"],
            actor=actor,
            verb="inspection.draw_import",
            data={
                "algorithm": algorithm.ALGORITHM,
                "drawn_on": drawn_on.isoformat(),
                "seed": bundle["seed"],
                "public_value": public_value,
                "selected": len(selected),
                "bundle_sha256": bundle_sha256,
            },
        )
        result = Draw.objects.create(
            plan=plan,
            public_value=public_value,
            seed=bundle["seed"],
            bundle_json=stored,
            bundle_sha256=bundle_sha256,
            selected_count=len(selected),
            drawn_at=_at(drawn_on),
            drawn_by=actor,
        )
        for contributor, secret in zip(contributors, revealed, strict=True):
            SeedContributor.objects.filter(pk=contributor.pk).update(secret=secret)
        tasks = InspectionTask.objects.bulk_create(
            InspectionTask(
                plan=plan, entity_id=entity_pks[entity_id], stratum=stratum, sequence=n, status=T.ASSIGNED
            )
            for n, (stratum, entity_id) in enumerate(selected, start=1)
        )
        inspector_rows = []
        expert_rows = []
        for task, (_stratum, entity_id) in zip(tasks, selected, strict=True):
            people = bundle["assignments"][entity_id]
            inspector_rows += [
                InspectionTask.inspectors.through(inspectiontask_id=task.pk, inspector_id=inspector_refs[i])
                for i in people["inspectors"]
            ]
            expert_rows += [
                InspectionTask.experts.through(inspectiontask_id=task.pk, expert_id=expert_refs[x])
                for x in people["experts"]
            ]
        InspectionTask.inspectors.through.objects.bulk_create(inspector_rows)
        InspectionTask.experts.through.objects.bulk_create(expert_rows)
    return result


def import_result(
    task: InspectionTask,
    *,
    actor: User,
    result: str,
    ended_on: datetime.date,
    published_on: datetime.date | None,
    description: str = "",
) -> None:
    """Enter the archived result of a task: when the inspection ended, what it found and, if it
    was published, on which day. The publicity deadline is the rule book's
    `inspection.result_publicity` in force on `ended_on`, as for a live result; a publication
    after it is entered all the same and the event says it was late."""
    require(permissions.is_planner(actor) and permissions.task_of_agency(actor, task))
    if result not in R.values:
        raise DomainError("检查结果不正确")
    description = clean_text(description, "问题描述", required=result == R.PROBLEMS_FOUND)
    _not_future(ended_on, published_on)
    drawn_on = timezone.localdate(Draw.objects.only("drawn_at").get(plan_id=task.plan_id).drawn_at)
    if ended_on < drawn_on:
        raise DomainError(f"检查结束日期不能早于抽取日期 {cn_date(drawn_on)}")
    if published_on is not None and published_on < ended_on:
        raise DomainError("公示日期不能早于检查结束日期")
    due = deadline_or_pending(ended_on, "inspection.result_publicity")
    updates: dict[str, Any] = {
        "result": result,
        "result_description": description,
        "ended_on": ended_on,
        "result_recorded_by": actor,
        "result_recorded_at": _at(ended_on),
        "publicity_due_on": due.due if due else None,
        "publicity_rule_id": due.rule_id if due else None,
    }
    if published_on is not None:
        updates |= {"published_on": published_on, "published_by": actor}
    apply_transition(
        task,
        IMPORT_PUBLISHED if published_on is not None else IMPORT_RECORDED,
        actor=actor,
        verb="inspection.result_import",
        data={
            "entity": task.entity.uscc,
            "result": result,
            "description": description,
            "ended_on": ended_on.isoformat(),
            "publicity_due_on": due.due.isoformat() if due else None,
            "rule": "inspection.result_publicity",
            "rule_version": due.rule_version if due else None,
            "published_on": published_on.isoformat() if published_on else None,
            # Undecided while the due date is pending (core.deadlines): decided when it is filled.
            "late": None
            if due is None and published_on is not None
            else bool(published_on and due and published_on > due.due),
        },
        **updates,
    )
