"""The draw (DOMAIN.md §10 steps 3–6): each secret checked against its commitment, on the
published draw date only, whole or nothing, never twice."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.utils import timezone

from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import User
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
    HEX64,
    NO_REDRAW,
    TRANSITIONS,
    P,
    draw_date_not_reached,
)
from fazhi.inspections.actions.plans import _by_contributor
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.models import (
    Draw,
    Entity,
    FrozenPool,
    InspectionPlan,
    InspectionTask,
    SeedContributor,
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
    entity_pks = _entity_pks([entity_id for _stratum, entity_id in selected], plan.agency_id)

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


def _entity_pks(usccs: list[str], agency_id: int) -> dict[str, int]:
    """The registry rows of the drawn codes, in the plan's agency's registry (a code is unique
    per agency: another department may register the same company)."""
    found: dict[str, int] = {}
    entities = Entity.objects.filter(agency_id=agency_id)
    for start in range(0, len(usccs), 5000):
        chunk = usccs[start : start + 5000]
        found.update(entities.filter(uscc__in=chunk).values_list("uscc", "pk"))
    missing = [code for code in usccs if code not in found]
    if missing:
        raise DomainError(
            f"抽中的检查对象 {missing[0]} 已不在名录库中（名录库记录不得删除），无法生成检查任务"
        )
    return found
