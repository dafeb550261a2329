"""Every write of sampling plans, the draw and inspection tasks. Each action checks the
permission, enforces the legal rule it names, and writes the audit event in the same
transaction. The registries' writes are in registry.py.

The draw follows `fazhi-draw-v1` (DOMAIN.md §10) through fazhi.inspections.draw; publishing a
plan freezes the pools (step 1) and records the contributors' commitments (step 2).
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.formats import cn_date
from fazhi.core.models import Domain, Inspector, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.inspections import draw as algorithm
from fazhi.inspections import permissions
from fazhi.inspections.draw import commitment_of, new_secret
from fazhi.inspections.models import (
    Conflict,
    Draw,
    Entity,
    Expert,
    FrozenPool,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    PoolExclusion,
    RiskLevel,
    SeedContributor,
    Stratum,
)

__all__ = [
    "NO_REDRAW",
    "add_contributor",
    "add_stratum",
    "commitment_of",
    "create_plan",
    "draw",
    "new_secret",
    "publish_plan",
    "publish_results",
    "record_result",
    "remove_contributor",
    "remove_stratum",
    "update_plan",
]

P = InspectionPlan.Status
T = InspectionTask.Status
R = InspectionTask.Result

TRANSITIONS = {
    "publish": Transition({P.DRAFT}, P.PUBLISHED, "公布抽查计划"),
    "draw": Transition({P.PUBLISHED}, P.DRAWN, "抽取"),
}
TASK_TRANSITIONS = {
    "record_result": Transition({T.ASSIGNED}, T.RECORDED, "录入检查结果"),
    "publish": Transition({T.RECORDED}, T.PUBLISHED, "公示检查结果"),
}

NO_REDRAW = "抽取结果一经产生即为最终结果，不得重新抽取；确需重新抽取的，应当另行制定计划并说明理由"
# DOMAIN.md §8: the sampling plan sends at least two inspectors to each entity. 行政处罚法第四十二条
# governs penalty procedures, not inspections, so it is not cited here; the certificate shown in
# an inspection is the 公示 rule of 国办发〔2018〕118号.
TWO_INSPECTORS = "每个检查对象应当至少选派两名执法检查人员（本机关“双随机、一公开”抽查计划规则）"
CERTIFICATE = "执法人员在执法检查中应当出示行政执法证件（国办发〔2018〕118号）"
RATIO = re.compile(r"\d+(\.\d{1,10})?")
HEX64 = re.compile(r"[0-9a-f]{64}")


def draw_date_not_reached(draw_on: datetime.date) -> str:
    """The draw date is published with the plan, next to the commitments (DOMAIN.md §10 step 2:
    the commitments are published "before the draw"): the public was told when the draw happens,
    so drawing earlier breaks the plan's published commitment."""
    return (
        f"计划公布的抽取日期为 {cn_date(draw_on)}，未到该日不得抽取：抽取日期随计划和种子承诺值一并"
        "向社会公布，是本次抽取公开承诺的一部分，应当按公布的日期抽取"
    )


MIN_CONTRIBUTORS = 2


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
    """A sampling plan in draft. A plan that replaces a drawn one (a redraw) records why."""
    require(permissions.can_create_plan(actor))
    _plan_numbers(inspectors_per_entity, inspector_cap, experts_per_entity)
    if redraw_of is not None:
        if redraw_of.status != P.DRAWN:
            raise DomainError("只有已抽取的计划才需要另行制定计划重新抽取")
        redraw_reason = clean_text(redraw_reason, "重新抽取的理由", limit=2000)
    else:
        redraw_reason = ""
    plan = InspectionPlan(
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
        raise DomainError(f"分层领域应与抽查事项的领域“{plan.item.get_domain_display()}”一致")
    if risk_level and risk_level not in RiskLevel.values:
        raise DomainError("风险等级不正确")
    ratio = _check_ratio(ratio)
    if not name:
        level = RiskLevel(risk_level).label if risk_level else "全部"
        name = f"{Domain(domain).label}/{level}"
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


# --- publication: freezing the pools (DOMAIN.md §10 steps 1–2) --------------------------------


def _stratum_filter(stratum: Stratum) -> Q:
    q = Q(is_active=True, domain=stratum.domain)
    if stratum.risk_level:
        q &= Q(risk_level=stratum.risk_level)
    return q


def _in_stratum(stratum: Stratum, domain: str, risk_level: str) -> bool:
    return domain == stratum.domain and (not stratum.risk_level or risk_level == stratum.risk_level)


def freeze_pools(plan: InspectionPlan) -> tuple[dict[FrozenPool.Kind, FrozenPool], list[PoolExclusion]]:
    """The four canonical texts of the plan as of now (unsaved), and who was left out why."""
    strata = list(plan.strata.order_by("name"))
    pool_lines: list[str] = []
    for stratum in strata:
        ids = Entity.objects.filter(_stratum_filter(stratum)).order_by().values_list("uscc", flat=True)
        pool_lines.extend(f"{stratum.name}\t{uscc}" for uscc in ids.iterator(chunk_size=20000))
    exclusions: list[PoolExclusion] = []
    inspectors: dict[str, int] = {}
    for inspector in Inspector.objects.filter(is_active=True).order_by("certificate_number"):
        if plan.item.domain not in inspector.domains:
            continue
        if inspector.certificate_expires_on < plan.draw_on:
            exclusions.append(
                PoolExclusion(
                    plan=plan,
                    kind=FrozenPool.Kind.INSPECTORS,
                    person_id=inspector.certificate_number,
                    name=inspector.name,
                    reason=(
                        f"执法证有效期至 {cn_date(inspector.certificate_expires_on)}，早于抽取日期 "
                        f"{cn_date(plan.draw_on)}，不得参与抽取：{CERTIFICATE}"
                    ),
                )
            )
            continue
        inspectors[inspector.certificate_number] = inspector.pk
    # Experts of the plan's domain only (a lab-animal plan draws no genetic-resources expert);
    # an expert registered without domains serves every domain.
    experts = {
        code: pk
        for code, pk, domains in Expert.objects.filter(is_active=True).values_list("code", "pk", "domains")
        if not domains or plan.item.domain in domains
    }
    # Conflicts are few: select them by person and match their entities to the strata here
    # (a join filtered by the strata makes SQLite walk the whole registry).
    conflict_lines = set()
    rows = (
        Conflict.objects.filter(Q(inspector_id__in=inspectors.values()) | Q(expert_id__in=experts.values()))
        .order_by()
        .values_list(
            "entity__uscc",
            "entity__domain",
            "entity__risk_level",
            "entity__is_active",
            "inspector__certificate_number",
            "expert__code",
        )
    )
    for uscc, domain, risk_level, active, certificate, code in rows:
        if active and any(_in_stratum(s, domain, risk_level) for s in strata):
            conflict_lines.add(f"{uscc}\t{certificate or code}")
    texts = {
        FrozenPool.Kind.ENTITIES: (algorithm.canonical_text(pool_lines), len(pool_lines), {}),
        FrozenPool.Kind.INSPECTORS: (algorithm.canonical_text(inspectors), len(inspectors), inspectors),
        FrozenPool.Kind.EXPERTS: (algorithm.canonical_text(experts), len(experts), experts),
        FrozenPool.Kind.CONFLICTS: (algorithm.canonical_text(conflict_lines), len(conflict_lines), {}),
    }
    pools = {
        kind: FrozenPool(
            plan=plan, kind=kind, text=text, digest=algorithm.text_digest(text), size=size, refs=refs
        )
        for kind, (text, size, refs) in texts.items()
    }
    return pools, exclusions


def publish_plan(
    plan: InspectionPlan, *, actor: User, commitments: Sequence[str] | Mapping[Any, str]
) -> InspectionPlan:
    """Publish the plan: freeze the pools with their digests and record each contributor's
    commitment (SHA-256 hex of their secret), in contributor order. From now on registry
    edits do not change the draw, and nobody — the platform included — can change a secret."""
    require(permissions.can_publish_plan(actor, plan))
    item = plan.item
    if not item.published:
        raise LegalGateClosed(
            f"抽查事项“{item.name}”尚未在随机抽查事项清单中公开，不得据以抽查"
            "（国办发〔2015〕58号：随机抽查事项清单应当向社会公开）"
        )
    if plan.draw_on < _today():
        raise DomainError(f"抽取日期 {cn_date(plan.draw_on)} 已过，请修改抽取日期后再公布")
    if plan.inspectors_per_entity < 2:
        raise LegalGateClosed(TWO_INSPECTORS)
    strata = list(plan.strata.order_by("name"))
    if not strata:
        raise DomainError("请至少设置一个抽查分层")
    contributors = list(plan.contributors.order_by("order"))
    if len(contributors) < MIN_CONTRIBUTORS:
        raise DomainError(f"至少应有 {MIN_CONTRIBUTORS} 个种子提供方，任何一方都不能单独决定抽取结果")
    given = _by_contributor(contributors, commitments, "承诺值")
    values = []
    for contributor, value in zip(contributors, given, strict=True):
        value = (value or "").strip().lower()
        if not HEX64.fullmatch(value):
            raise DomainError(f"种子提供方“{contributor.name}”的承诺值应为 64 位十六进制字符（SHA-256）")
        values.append(value)
    if len(set(values)) != len(values):
        raise DomainError("承诺值重复：各种子提供方应当各自生成秘密值")

    pools, exclusions = freeze_pools(plan)
    entities = pools[FrozenPool.Kind.ENTITIES]
    inspectors = pools[FrozenPool.Kind.INSPECTORS]
    experts = pools[FrozenPool.Kind.EXPERTS]
    if entities.size == 0:
        raise DomainError("各分层均没有在册的检查对象，无法抽取")
    if inspectors.size < plan.inspectors_per_entity:
        raise LegalGateClosed(
            f"执法证在抽取日期有效的执法人员只有 {inspectors.size} 名，少于每个对象 "
            f"{plan.inspectors_per_entity} 名的要求：{TWO_INSPECTORS}"
        )
    if experts.size < plan.experts_per_entity:
        raise DomainError(f"在册专家只有 {experts.size} 名，少于每个对象 {plan.experts_per_entity} 名的要求")
    sizes: dict[str, int] = dict.fromkeys((s.name for s in strata), 0)
    for line in entities.lines():
        sizes[line.partition("\t")[0]] += 1
    to_select = sum(algorithm.sample_size(sizes[s.name], s.ratio) for s in strata)
    if (
        plan.inspector_cap is not None
        and plan.inspector_cap * inspectors.size < to_select * plan.inspectors_per_entity
    ):
        raise DomainError(
            f"将抽取 {to_select} 个对象、每个 {plan.inspectors_per_entity} 名执法人员，而 {inspectors.size} 名"
            f"执法人员每人最多 {plan.inspector_cap} 个对象，人数不足；请调整上限或比例"
        )

    digests = {f"{kind}_digest": pools[key].digest for kind, key in _DIGEST_KINDS}
    with transaction.atomic():
        # The transition first: of two people publishing at once, the second stops here.
        apply_transition(
            plan,
            TRANSITIONS["publish"],
            actor=actor,
            verb="inspection.plan_publish",
            data={
                **digests,
                "sizes": {str(kind): pool.size for kind, pool in pools.items()},
                "strata": {s.name: {"size": sizes[s.name], "ratio": s.ratio} for s in strata},
                "commitments": [
                    {"contributor": c.name, "commitment": v}
                    for c, v in zip(contributors, values, strict=True)
                ],
                "excluded": [{"id": e.person_id, "reason": e.reason} for e in exclusions],
            },
            published_at=timezone.now(),
            published_by=actor,
            **digests,
        )
        FrozenPool.objects.bulk_create(pools.values())
        PoolExclusion.objects.bulk_create(exclusions)
        for contributor, value in zip(contributors, values, strict=True):
            SeedContributor.objects.filter(pk=contributor.pk).update(commitment=value)
            contributor.commitment = value
    return plan


_DIGEST_KINDS = (
    ("pool", FrozenPool.Kind.ENTITIES),
    ("inspector", FrozenPool.Kind.INSPECTORS),
    ("expert", FrozenPool.Kind.EXPERTS),
    ("conflict", FrozenPool.Kind.CONFLICTS),
)


# --- the draw (steps 3–6) ----------------------------------------------------------------------


def draw(
    plan: InspectionPlan,
    *,
    actor: User,
    secrets: Sequence[str] | Mapping[Any, str],
    public_value: str = "",
) -> Draw:
    """Draw the entities and assign the people, exactly by `fazhi-draw-v1`.

    The revealed secrets must match the published commitments. The draw fails as a whole, and
    saves nothing, when an entity would get fewer than the required inspectors or experts. A
    draw is final: there is no second draw of the same plan.
    """
    if not permissions.is_planner(actor):
        raise PermissionDenied
    if plan.status == P.DRAWN or Draw.objects.filter(plan=plan).exists():
        raise LegalGateClosed(NO_REDRAW)
    require(permissions.can_draw(actor, plan))
    today = _today()
    if today < plan.draw_on:
        raise LegalGateClosed(draw_date_not_reached(plan.draw_on))
    if today > plan.draw_on:
        raise LegalGateClosed(
            f"计划抽取日期为 {cn_date(plan.draw_on)}，已过；执法人员名录按该日审查执法证有效期，"
            "逾期不得抽取，应当另行制定计划"
        )
    contributors = list(plan.contributors.order_by("order"))
    revealed = []
    for contributor, secret in zip(
        contributors, _by_contributor(contributors, secrets, "秘密值"), strict=True
    ):
        secret = (secret or "").strip().lower()
        if not HEX64.fullmatch(secret):
            raise DomainError(f"种子提供方“{contributor.name}”的秘密值应为 64 位十六进制字符")
        if commitment_of(secret) != contributor.commitment:
            raise DomainError(f"种子提供方“{contributor.name}”提交的秘密值与其公布的承诺值不符，抽取未进行")
        revealed.append(secret)
    public_value = (public_value or "").strip()
    if plan.public_value_source and not public_value:
        raise DomainError(f"请填写公开随机值（事先约定的来源：{plan.public_value_source}）")
    if not plan.public_value_source and public_value:
        raise DomainError("本计划未约定公开随机值，不应填写")
    if len(public_value) > 200 or any(ord(c) < 32 for c in public_value):
        raise DomainError("公开随机值应为一行，不超过 200 个字符")

    pools = {pool.kind: pool for pool in plan.frozen_pools.all()}
    digests = plan.digests()
    for kind, key in _DIGEST_KINDS:
        pool = pools.get(key)
        if pool is None or algorithm.text_digest(pool.text) != digests[f"{kind}_digest"]:
            raise DomainError("冻结的名录与公布的摘要不符，抽取未进行；请核查全过程记录")
    texts = algorithm.FrozenTexts(
        pool=pools[FrozenPool.Kind.ENTITIES].text,
        inspectors=pools[FrozenPool.Kind.INSPECTORS].text,
        experts=pools[FrozenPool.Kind.EXPERTS].text,
        conflicts=pools[FrozenPool.Kind.CONFLICTS].text,
    )
    inspector_refs = pools[FrozenPool.Kind.INSPECTORS].refs
    expert_refs = pools[FrozenPool.Kind.EXPERTS].refs
    # A large pool is tens of megabytes in each form it takes; hold each only while needed.
    del pools
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
    del texts
    stored = algorithm.stored_bundle(bundle)
    del bundle["pool"]
    bundle_sha256 = hashlib.sha256(stored.encode("utf-8")).hexdigest()
    selected = bundle["selected"]
    entity_pks = _entity_pks([entity_id for _stratum, entity_id in selected])

    with transaction.atomic():
        apply_transition(
            plan,
            TRANSITIONS["draw"],
            actor=actor,
            verb="inspection.draw",
            data={
                "algorithm": algorithm.ALGORITHM,
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
            drawn_at=timezone.now(),
            drawn_by=actor,
        )
        for contributor, secret in zip(contributors, revealed, strict=True):
            SeedContributor.objects.filter(pk=contributor.pk).update(secret=secret)
        _insert_rows(
            InspectionTask,
            ["plan_id", "entity_id", "stratum", "sequence", "status", "result", "result_description"],
            [
                (plan.pk, entity_pks[entity_id], stratum, n, InspectionTask.Status.ASSIGNED, "", "")
                for n, (stratum, entity_id) in enumerate(selected, start=1)
            ],
        )
        task_pks = dict(InspectionTask.objects.filter(plan=plan).values_list("sequence", "pk"))
        assignments = bundle["assignments"]
        inspector_rows: list[tuple[int, int]] = []
        expert_rows: list[tuple[int, int]] = []
        for n, (_stratum, entity_id) in enumerate(selected, start=1):
            people, task_pk = assignments[entity_id], task_pks[n]
            inspector_rows.extend((task_pk, inspector_refs[person]) for person in people["inspectors"])
            expert_rows.extend((task_pk, expert_refs[person]) for person in people["experts"])
        _insert_rows(InspectionTask.inspectors.through, ["inspectiontask_id", "inspector_id"], inspector_rows)
        _insert_rows(InspectionTask.experts.through, ["inspectiontask_id", "expert_id"], expert_rows)
    return result


def _insert_rows(model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert the tasks and their people of a draw with one executemany per batch.

    A large draw saves 30,000 tasks and 60,000 task–inspector rows; the ORM's bulk_create
    spends most of that time building and preparing model instances. Every column without
    a database default is given here (the draw tests read the rows back through the ORM).
    """
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - names from the model, values bound
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10000):
            cursor.executemany(sql, rows[start : start + 10000])


def _entity_pks(usccs: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(usccs), 5000):
        chunk = usccs[start : start + 5000]
        found.update(Entity.objects.filter(uscc__in=chunk).values_list("uscc", "pk"))
    missing = [code for code in usccs if code not in found]
    if missing:
        raise DomainError(
            f"抽中的检查对象 {missing[0]} 已不在名录库中（名录库记录不得删除），无法生成检查任务"
        )
    return found


# --- tasks and results -------------------------------------------------------------------------


def record_result(
    task: InspectionTask,
    *,
    actor: User,
    result: str,
    ended_on: datetime.date,
    description: str = "",
    attachments: Iterable[UploadedFile] = (),
) -> None:
    """An assigned inspector records the result (谁检查、谁录入). The result is due for
    publicity by the rule book's `inspection.result_publicity` (20 working days after the
    inspection ends, by default), computed now with the rule version in force on `ended_on` —
    or pending while the calendar of a year it needs is not entered (core.deadlines)."""
    require(permissions.can_record_result(actor, task))
    if result not in R.values:
        raise DomainError("检查结果不正确")
    description = clean_text(description, "问题描述", required=result == R.PROBLEMS_FOUND)
    today = _today()
    drawn_on = timezone.localdate(Draw.objects.only("drawn_at").get(plan_id=task.plan_id).drawn_at)
    if ended_on > today:
        raise DomainError("检查结束日期不能晚于今天")
    if ended_on < drawn_on:
        raise DomainError(f"检查结束日期不能早于抽取日期 {cn_date(drawn_on)}")
    due = deadline_or_pending(ended_on, "inspection.result_publicity")
    with transaction.atomic():
        for upload in attachments:
            attach_file(task, upload, actor=actor, purpose="检查记录")
        apply_transition(
            task,
            TASK_TRANSITIONS["record_result"],
            actor=actor,
            verb="inspection.result_record",
            data={
                "entity": task.entity.uscc,
                "result": result,
                "description": description,
                "ended_on": ended_on.isoformat(),
                "publicity_due_on": due.due.isoformat() if due else None,
                "rule": "inspection.result_publicity",
                "rule_version": due.rule_version if due else None,
            },
            result=result,
            result_description=description,
            ended_on=ended_on,
            result_recorded_by=actor,
            result_recorded_at=timezone.now(),
            publicity_due_on=due.due if due else None,
            publicity_rule_id=due.rule_id if due else None,
        )


def publish_results(tasks: Iterable[InspectionTask], *, actor: User) -> int:
    """Publish recorded results (all or none) on the public result list, dated today. A late
    publication is still made, and the audit event says it was late."""
    tasks = list(tasks)
    for task in tasks:
        require(permissions.can_publish_result(actor, task))
    today = _today()
    with transaction.atomic():
        for task in tasks:
            apply_transition(
                task,
                TASK_TRANSITIONS["publish"],
                actor=actor,
                verb="inspection.result_publish",
                data={
                    "published_on": today.isoformat(),
                    "publicity_due_on": task.publicity_due_on.isoformat() if task.publicity_due_on else None,
                    # Undecided (None) while the due date is pending: decided when it is filled.
                    "late": None if task.publicity_due_on is None else today > task.publicity_due_on,
                },
                published_on=today,
                published_by=actor,
            )
    return len(tasks)
