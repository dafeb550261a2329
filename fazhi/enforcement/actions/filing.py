"""Filing a case (the officers, the limitation period) and its full-process record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.core.agencies import agency_for, agency_id_of
from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import (
    PendingGate,
    deadline_or_pending,
    earliest_due,
    within,
)
from fazhi.core.formats import cn_date
from fazhi.core.models import Inspector, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    clean_text,
    require,
)
from fazhi.enforcement import permissions
from fazhi.enforcement.actions._common import (
    LIMITATION,
    C,
    G,
    S,
    Step,
    _date,
    _major_grounds,
    _require_officers,
    _violation_dates,
    checked_party_code,
)
from fazhi.enforcement.models import CaseRecord, EnforcementCase

# --- filing ----------------------------------------------------------------------------------


def _require_own_officers(officers: Sequence[Inspector], actor: User) -> None:
    """The officers of a case are the agency's own: an officer of another department's roster
    (`Inspector.agency`, the agency that registered them) is refused."""
    own = agency_id_of(actor)
    foreign = [str(o) for o in officers if o.agency_id != own]
    if foreign:
        raise DomainError(f"执法人员不属于本机关：{'、'.join(foreign)}")


def file_case(
    *,
    actor: User,
    title: str,
    category: str,
    party_name: str,
    party_kind: str,
    facts: str,
    officers: Sequence[Inspector],
    discovered_on: datetime.date,
    violation_occurred_on: datetime.date | None = None,
    continuing_act: bool = False,
    violation_ended_on: datetime.date | None = None,
    grave_harm: bool = False,
    party_code: str = "",
    major_grounds: Iterable[str] = (),
) -> EnforcementCase:
    """File a case (立案) with its officers; the decision's 90 days start today. A penalty case
    is refused when the limitation has run (Art 36): from the day the act occurred, or — for a
    continuing or repeated act — from the day it ended."""
    require(permissions.can_file(actor))
    if actor.organization_id is None:
        raise DomainError("立案人未归属任何处室")
    today = _today()
    if category not in C.values:
        raise DomainError("执法类别不正确")
    if party_kind not in EnforcementCase.PartyKind.values:
        raise DomainError("当事人类型不正确")
    discovered_on = _date(discovered_on, "发现之日")
    if discovered_on > today:
        raise DomainError("发现之日不能晚于今天")
    occurred, ended, continuing = _violation_dates(
        violation_occurred_on, violation_ended_on, bool(continuing_act), discovered_on
    )
    start = ended if continuing else occurred
    if start is not None and category == C.PENALTY:
        rule = "enforcement.limitation_grave" if grave_harm else "enforcement.limitation"
        surely = within(discovered_on, start, rule)
        if surely is None:  # the limit's last day needs a missing year
            raise PendingGate(earliest_due(start, rule), "核对处罚时效")
        if not surely:
            limit = compute_deadline(start, rule)
            event = "终了" if continuing else "发生"
            raise LegalGateClosed(
                f"违法行为于 {cn_date(start)} {event}，至 {cn_date(limit.due)} 未被发现：{LIMITATION}"
            )
    party_code_checked = checked_party_code(party_kind, party_code)
    _require_officers(officers, today)
    _require_own_officers(officers, actor)
    decision = deadline_or_pending(today, "enforcement.decision_max")
    case = EnforcementCase(
        agency=agency_for(actor, actor.organization),
        title=clean_text(title, "案由", limit=200),
        category=category,
        division=actor.organization,
        party_name=clean_text(party_name, "当事人", limit=200),
        party_kind=party_kind,
        party_code=party_code_checked,
        facts=clean_text(facts, "案件来源及基本事实"),
        violation_occurred_on=occurred,
        continuing_act=continuing,
        violation_ended_on=ended,
        grave_harm=bool(grave_harm),
        discovered_on=discovered_on,
        filed_on=today,
        filed_by=actor,
        decision_due_on=decision.due if decision else None,
        decision_rule_id=decision.rule_id if decision else None,
        major_grounds=_major_grounds(major_grounds),
    )
    with transaction.atomic():
        case.save()
        case.officers.set(officers)
        record_event(
            "enforcement.file",
            actor=actor,
            obj=case,
            to_status=case.status,
            data={
                "title": case.title,
                "category": category,
                "party": case.party_name,
                "officers": sorted(o.certificate_number for o in officers),
                "decision_due_on": decision.due.isoformat() if decision else None,
                "rule": "enforcement.decision_max",
                "rule_version": decision.rule_version if decision else None,
                "major_grounds": case.major_grounds,
            },
        )
    return case


def add_record(
    case: EnforcementCase,
    *,
    actor: User,
    step: str,
    title: str,
    kind: str = CaseRecord.Kind.TEXT,
    note: str = "",
    files: Sequence[UploadedFile] = (),
) -> CaseRecord:
    """Add an entry of the full-process record (a written or audio-visual record of a step),
    with its files."""
    require(permissions.can_handle(actor, case))
    if not case.is_open:
        raise DomainError("案件已结案或已移送，全过程记录不再增加")
    if step not in Step.values:
        raise DomainError("记录环节不正确")
    if kind not in CaseRecord.Kind.values:
        raise DomainError("记录形式不正确")
    with transaction.atomic():
        record = CaseRecord.objects.create(
            case=case,
            step=step,
            kind=kind,
            title=clean_text(title, "记录名称", limit=200),
            note=clean_text(note, "说明", required=False),
            recorded_on=_today(),
            recorded_by=actor,
        )
        record_event(
            "enforcement.record",
            actor=actor,
            obj=case,
            data={"record_id": record.pk, "step": step, "kind": kind, "title": record.title},
        )
        for upload in files:
            attach_file(record, upload, actor=actor, purpose=record.get_step_display())
    return record


def set_major_grounds(case: EnforcementCase, *, actor: User, grounds: Iterable[str]) -> None:
    """Say which grounds of Art 58 make the decision major (legality check before deciding)."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    if case.status not in (S.INVESTIGATING, S.NOTIFIED):
        raise DomainError("决定作出后不能再变更重大执法决定情形")
    chosen = _major_grounds(grounds)
    if case.hearing_held_on and G.HEARING not in chosen:
        raise LegalGateClosed("案件已经过听证程序，不能取消该情形（《行政处罚法》第五十八条第一款第二项）")
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(major_grounds=chosen)
        record_event("enforcement.major_grounds", actor=actor, obj=case, data={"grounds": chosen})
    case.major_grounds = chosen
