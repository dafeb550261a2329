"""Publication: the pools are frozen and the commitments recorded (DOMAIN.md §10 steps 1–2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import Inspector, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    apply_transition,
    require,
)
from fazhi.inspections import draw as algorithm
from fazhi.inspections import permissions
from fazhi.inspections.actions._common import (
    _DIGEST_KINDS,
    CERTIFICATE,
    HEX64,
    MIN_CONTRIBUTORS,
    TRANSITIONS,
    TWO_INSPECTORS,
)
from fazhi.inspections.actions.plans import _by_contributor
from fazhi.inspections.models import (
    Conflict,
    Entity,
    Expert,
    FrozenPool,
    InspectionPlan,
    PoolExclusion,
    SeedContributor,
    Stratum,
)

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
        ids = (
            Entity.objects.filter(_stratum_filter(stratum), agency_id=plan.agency_id)
            .order_by()
            .values_list("uscc", flat=True)
        )
        pool_lines.extend(f"{stratum.name}\t{uscc}" for uscc in ids.iterator(chunk_size=20000))
    exclusions: list[PoolExclusion] = []
    inspectors: dict[str, int] = {}
    # The plan's agency is its inspecting body: its own officers, entities and experts only.
    roster = Inspector.objects.filter(is_active=True, agency_id=plan.agency_id)
    for inspector in roster.order_by("certificate_number"):
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
        for code, pk, domains in Expert.objects.filter(is_active=True, agency_id=plan.agency_id).values_list(
            "code", "pk", "domains"
        )
        if not domains or plan.item.domain in domains
    }
    # Conflicts are few: select them by person and match their entities to the strata here
    # (a join filtered by the strata makes SQLite walk the whole registry).
    conflict_lines = set()
    rows = (
        Conflict.objects.filter(Q(inspector_id__in=inspectors.values()) | Q(expert_id__in=experts.values()))
        .filter(entity__agency_id=plan.agency_id)
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
