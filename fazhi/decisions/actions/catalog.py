"""Proposals and the annual catalog with its versions."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.models import Organization, User
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.decisions import permissions
from fazhi.decisions.actions._common import CATALOG_TRANSITIONS, C, G
from fazhi.decisions.models import (
    WAIVABLE,
    CatalogEntry,
    DecisionCatalog,
    MajorDecision,
    Step,
)

# --- proposal and catalog -----------------------------------------------------------------


def propose_decision(
    *,
    actor: User,
    year: int,
    title: str,
    legal_basis: str,
    reason: str,
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    waivers: dict[str, str] | None = None,
) -> MajorDecision:
    """A division proposes a matter for the year's catalog, saying which procedures do not apply
    and why (legality review and collective decision always apply)."""
    require(permissions.can_propose(actor))
    waivers = {k: v.strip() for k, v in (waivers or {}).items()}
    for step, why in waivers.items():
        if step not in {s.value for s in WAIVABLE}:
            raise DomainError(
                "合法性审查和集体讨论决定是法定必经程序，不得不适用（《重大行政决策程序暂行条例》第二十五条、第三十条）"
            )
        if not why:
            raise DomainError(f"不适用“{Step(step).label}”程序的，应当说明理由")
    if planned_start and planned_end and planned_end < planned_start:
        raise DomainError("计划完成日期早于计划启动日期")
    division = actor.organization
    assert division is not None
    with transaction.atomic():
        decision = MajorDecision.objects.create(
            agency=division.agency,
            year=year,
            title=clean_text(title, "决策事项", limit=200),
            lead_division=division,
            legal_basis=clean_text(legal_basis, "决策依据"),
            reason=clean_text(reason, "列入理由"),
            planned_start=planned_start,
            planned_end=planned_end,
            waivers=waivers,
            proposed_by=actor,
        )
        record_event(
            "decision.propose",
            actor=actor,
            obj=decision,
            to_status=decision.stage,
            data={"title": decision.title, "year": year, "waivers": waivers},
        )
    return decision


def create_catalog(*, actor: User, agency: Organization, year: int) -> DecisionCatalog:
    require(permissions.can_compile(actor, agency.pk))
    if DecisionCatalog.objects.filter(agency=agency, year=year).exists():
        raise DomainError(f"{year} 年度目录已经存在；调整目录请在已公布的目录上发起调整")
    with transaction.atomic():
        catalog = DecisionCatalog.objects.create(agency=agency, year=year, created_by=actor)
        record_event(
            "catalog.create", actor=actor, obj=catalog, to_status=catalog.status, data={"year": year}
        )
    return catalog


def _entry_snapshot(decision: MajorDecision) -> dict:
    return {
        "title": decision.title,
        "lead_division_name": decision.lead_division.name,
        "planned_end": decision.planned_end,
    }


def add_to_catalog(catalog: DecisionCatalog, decision: MajorDecision, *, actor: User) -> CatalogEntry:
    require(permissions.can_compile(actor, catalog))
    if catalog.status != C.DRAFT:
        raise InvalidTransition("目录已审议，不能再增删事项；请发起目录调整")
    if decision.year != catalog.year or decision.agency_id != catalog.agency_id:
        raise DomainError("该事项不属于本年度本机关的目录")
    with transaction.atomic():
        entry, created = CatalogEntry.objects.get_or_create(
            catalog=catalog,
            decision=decision,
            defaults={**_entry_snapshot(decision), "change": "added" if catalog.version > 1 else ""},
        )
        if not created and entry.change == "removed":
            CatalogEntry.objects.filter(pk=entry.pk).update(change="")
        record_event(
            "catalog.add",
            actor=actor,
            obj=catalog,
            data={"decision_id": decision.pk, "title": decision.title},
        )
    return entry


def remove_from_catalog(
    catalog: DecisionCatalog, decision: MajorDecision, *, actor: User, reason: str
) -> None:
    """In an adjustment, a matter leaves the catalog; it stays listed as removed so the change shows."""
    require(permissions.can_compile(actor, catalog))
    if catalog.status != C.DRAFT:
        raise InvalidTransition("目录已审议，不能再增删事项；请发起目录调整")
    reason = clean_text(reason, "调出理由")
    with transaction.atomic():
        if catalog.version == 1:
            CatalogEntry.objects.filter(catalog=catalog, decision=decision).delete()
        else:
            CatalogEntry.objects.filter(catalog=catalog, decision=decision).update(change="removed")
        record_event(
            "catalog.remove", actor=actor, obj=catalog, data={"decision_id": decision.pk, "reason": reason}
        )


def change_catalog_entry(
    catalog: DecisionCatalog,
    decision: MajorDecision,
    *,
    actor: User,
    title: str,
    planned_end: datetime.date | None,
    reason: str,
) -> CatalogEntry:
    """In an adjustment, change how a matter stands in the catalog (its name or planned
    completion); the entry is marked changed so the new version shows it."""
    require(permissions.can_compile(actor, catalog))
    if catalog.status != C.DRAFT or catalog.version == 1:
        raise InvalidTransition("只有在目录调整稿中才能变更事项")
    entry = CatalogEntry.objects.filter(catalog=catalog, decision=decision).exclude(change="removed").first()
    if entry is None:
        raise DomainError("该事项不在本版目录中")
    title = clean_text(title, "决策事项", limit=200)
    reason = clean_text(reason, "变更理由")
    before = {
        "title": entry.title,
        "planned_end": entry.planned_end.isoformat() if entry.planned_end else None,
    }
    with transaction.atomic():
        CatalogEntry.objects.filter(pk=entry.pk).update(
            title=title, planned_end=planned_end, change="changed" if entry.change != "added" else "added"
        )
        MajorDecision.objects.filter(pk=decision.pk).update(title=title, planned_end=planned_end)
        record_event(
            "catalog.change",
            actor=actor,
            obj=catalog,
            data={
                "decision_id": decision.pk,
                "before": before,
                "title": title,
                "planned_end": planned_end.isoformat() if planned_end else None,
                "reason": reason,
            },
        )
    entry.refresh_from_db()
    return entry


def approve_catalog(
    catalog: DecisionCatalog, *, actor: User, meeting: str, approved_on: datetime.date
) -> None:
    """The Party committee meeting (党委（党组）会议) approves the catalog or its adjustment."""
    require(permissions.can_compile(actor, catalog))
    if not catalog.entries.exclude(change="removed").exists() and catalog.version == 1:
        raise DomainError("目录中没有事项")
    if approved_on > _today():
        raise DomainError("审议日期不能晚于今天")
    apply_transition(
        catalog,
        CATALOG_TRANSITIONS["approve"],
        actor=actor,
        verb="catalog.approve",
        data={"meeting": meeting, "approved_on": approved_on.isoformat()},
        approval_meeting=clean_text(meeting, "审议会议", limit=100),
        approved_on=approved_on,
    )


def publish_catalog(catalog: DecisionCatalog, *, actor: User) -> None:
    """Publish the approved catalog; its new matters start drafting, removed ones leave."""
    require(permissions.can_compile(actor, catalog))
    today = _today()
    with transaction.atomic():
        apply_transition(
            catalog, CATALOG_TRANSITIONS["publish"], actor=actor, verb="catalog.publish", published_on=today
        )
        for entry in catalog.entries.select_related("decision"):
            decision = entry.decision
            if entry.change == "removed":
                apply_transition(
                    decision,
                    Transition(set(G.values) - {G.REMOVED}, G.REMOVED, "调出目录"),
                    actor=actor,
                    verb="decision.remove",
                    status_field="stage",
                    data={"catalog_id": catalog.pk},
                )
            elif decision.stage == G.PROPOSED:
                apply_transition(
                    decision,
                    Transition({G.PROPOSED}, G.DRAFTING, "列入目录"),
                    actor=actor,
                    verb="decision.enter_catalog",
                    status_field="stage",
                    data={"catalog_id": catalog.pk},
                )


def adjust_catalog(catalog: DecisionCatalog, *, actor: User, note: str) -> DecisionCatalog:
    """Start an adjustment: a new draft version with the published version's matters."""
    require(permissions.can_compile(actor, catalog))
    if catalog.status != C.PUBLISHED or DecisionCatalog.objects.filter(previous=catalog).exists():
        raise InvalidTransition("只能在最新的已公布目录上发起调整")
    with transaction.atomic():
        new = DecisionCatalog.objects.create(
            agency=catalog.agency,
            year=catalog.year,
            version=catalog.version + 1,
            previous=catalog,
            change_note=clean_text(note, "调整说明"),
            created_by=actor,
        )
        CatalogEntry.objects.bulk_create(
            CatalogEntry(
                catalog=new,
                decision=e.decision,
                title=e.title,
                lead_division_name=e.lead_division_name,
                planned_end=e.planned_end,
            )
            for e in catalog.entries.exclude(change="removed").select_related("decision")
        )
        record_event(
            "catalog.adjust",
            actor=actor,
            obj=new,
            to_status=new.status,
            data={"previous": catalog.pk, "note": new.change_note},
        )
    return new
