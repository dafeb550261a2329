"""Enforcement cases entered from the archive (档案录入), with the dates of the paper file.

The live actions date every step today, so a case handled before the platform cannot go
through them. `import_case` takes the archive's dates instead and applies the same rules to
them: two officers with certificates valid on the filing day (Art 42), the limitation period
(Art 36), the investigation recorded before the notice (Art 47), the hearing-request window
closed or waived before the decision (DOMAIN.md §11; Art 64), the decision within 90 days or with the
reason (Art 60), service within 7 working days or with the reason (Art 61), steps in order and
none in the future. A case may stop at any step: it is entered in the state its last date
gives, and the officers continue it with the live actions. A major decision (Art 58) is not
entered from the archive: its legality check is a record of the platform.

One audit event (`enforcement.import`) per case, with the archive's dates.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.deadlines import PendingGate, deadline_or_pending, earliest_due, within
from fazhi.core.formats import cn_date
from fazhi.core.models import Inspector, User
from fazhi.core.numbering import issue_number
from fazhi.core.workflow import DomainError, LegalGateClosed, clean_text, require
from fazhi.enforcement import actions, permissions
from fazhi.enforcement.actions.filing import _require_own_officers
from fazhi.enforcement.models import CaseRecord, EnforcementCase

S = EnforcementCase.Status
C = EnforcementCase.Category
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices


@dataclass(frozen=True)
class ArchivedRecord:
    step: str
    title: str
    recorded_on: datetime.date
    kind: str = CaseRecord.Kind.TEXT
    note: str = ""


@dataclass(frozen=True)
class ArchivedCase:
    title: str
    category: str
    party_name: str
    party_kind: str
    facts: str
    officers: Sequence[str]  # certificate numbers
    discovered_on: datetime.date
    filed_on: datetime.date
    party_code: str = ""
    violation_occurred_on: datetime.date | None = None
    continuing_act: bool = False
    violation_ended_on: datetime.date | None = None
    grave_harm: bool = False
    records: Sequence[ArchivedRecord] = field(default_factory=tuple)
    # The notice of rights and the party's answer.
    notified_on: datetime.date | None = None
    proposed_decision: str = ""
    hearing_right: bool = False
    statement: str = ""
    waived: bool = False
    # The decision, its service and execution, the closing.
    decided_on: datetime.date | None = None
    outcome: str = ""
    decision_text: str = ""
    fine_amount: Decimal | None = None
    overdue_reason: str = ""
    extension_basis: str = ""
    served_on: datetime.date | None = None
    service_method: str = ""
    late_service_reason: str = ""
    executed_on: datetime.date | None = None
    execution_note: str = ""
    closed_on: datetime.date | None = None
    published_on: datetime.date | None = None


def _in_order(record: ArchivedCase) -> None:
    chain = [
        ("发现之日", record.discovered_on),
        ("立案日期", record.filed_on),
        ("告知日期", record.notified_on),
        ("决定日期", record.decided_on),
        ("送达日期", record.served_on),
        ("执行完毕日期", record.executed_on),
        ("结案日期", record.closed_on),
    ]
    given = [(name, day) for name, day in chain if day is not None]
    # A later step without the earlier one is a gap in the file.
    names = [name for name, _day in chain]
    last = max(names.index(name) for name, _day in given)
    missing = [name for name, day in chain[: last + 1] if day is None and name != "执行完毕日期"]
    if missing:
        raise DomainError(f"档案缺少{'、'.join(missing)}")
    for (a, first), (b, second) in itertools.pairwise(given):
        if second < first:
            raise DomainError(f"{b}（{cn_date(second)}）早于{a}（{cn_date(first)}）")
    if max(day for _name, day in given) > timezone.localdate():
        raise DomainError("档案日期不能晚于今天")
    if record.published_on is not None and (
        record.decided_on is None or record.published_on < record.decided_on
    ):
        raise DomainError("公示日期应当在决定之后")
    if record.executed_on and record.outcome != O.PENALTY:
        raise DomainError("不予行政处罚的决定无须执行")
    if record.closed_on and record.outcome == O.PENALTY and not record.executed_on:
        raise LegalGateClosed("行政处罚决定尚未执行完毕，不能结案")


def import_case(record: ArchivedCase, *, actor: User) -> EnforcementCase:
    require(permissions.can_file(actor))
    if record.category not in C.values or record.party_kind not in EnforcementCase.PartyKind.values:
        raise DomainError("执法类别或当事人类型不正确")
    if record.decided_on and record.outcome not in O.values:
        raise DomainError("决定结果不正确")
    _in_order(record)
    officers = list(Inspector.objects.filter(certificate_number__in=record.officers))
    if len(officers) != len(set(record.officers)):
        found = {o.certificate_number for o in officers}
        raise DomainError("执法证号未登记：" + "、".join(sorted(set(record.officers) - found)))
    actions._require_officers(officers, record.filed_on)
    _require_own_officers(officers, actor)
    occurred, ended, continuing = actions._violation_dates(
        record.violation_occurred_on, record.violation_ended_on, record.continuing_act, record.discovered_on
    )
    start = ended if continuing else occurred
    if start and record.category == C.PENALTY:
        rule = "enforcement.limitation_grave" if record.grave_harm else "enforcement.limitation"
        surely = within(record.discovered_on, start, rule)
        if surely is None:  # the limit's last day needs a missing year
            raise PendingGate(earliest_due(start, rule), "核对处罚时效")
        if not surely:
            raise LegalGateClosed(actions.LIMITATION)
    steps = {r.step for r in record.records}
    if record.notified_on and CaseRecord.Step.INVESTIGATION not in steps:
        raise LegalGateClosed("调查取证尚无记录：" + actions.RECORD)
    if record.closed_on and not {CaseRecord.Step.DECISION, CaseRecord.Step.SERVICE} <= steps:
        raise LegalGateClosed("全过程记录缺少决定、送达环节的记录：" + actions.RECORD)

    decision = deadline_or_pending(record.filed_on, "enforcement.decision_max")
    case = EnforcementCase(
        agency=agency_for(actor, actor.organization),
        title=clean_text(record.title, "案由", limit=200),
        category=record.category,
        division=actor.organization,
        party_name=clean_text(record.party_name, "当事人", limit=200),
        party_kind=record.party_kind,
        party_code=actions.checked_party_code(record.party_kind, record.party_code),
        facts=clean_text(record.facts, "案件来源及基本事实"),
        violation_occurred_on=occurred,
        continuing_act=continuing,
        violation_ended_on=ended,
        grave_harm=record.grave_harm,
        discovered_on=record.discovered_on,
        filed_on=record.filed_on,
        filed_by=actor,
        decision_due_on=decision.due if decision else None,
        decision_rule_id=decision.rule_id if decision else None,
    )
    status = S.INVESTIGATING
    if record.notified_on:
        status = S.NOTIFIED
        case.notified_on = record.notified_on
        case.proposed_decision = clean_text(record.proposed_decision, "拟作出的决定及理由、依据")
        case.hearing_right = record.hearing_right
        case.statement = clean_text(record.statement, "陈述、申辩", required=False)
        case.waived = record.waived
        if record.hearing_right:
            # Checking a decision against the window needs it computed; otherwise it may wait.
            window = (
                compute_deadline(record.notified_on, "enforcement.hearing_request")
                if record.decided_on and not record.waived
                else deadline_or_pending(record.notified_on, "enforcement.hearing_request")
            )
            if window is not None:
                case.hearing_request_due_on, case.hearing_request_rule_id = window.due, window.rule_id
    if record.decided_on:
        if (
            case.hearing_right
            and not case.waived
            and case.hearing_request_due_on
            and record.decided_on <= case.hearing_request_due_on
        ):
            raise LegalGateClosed(actions.HEARING_REQUEST)
        if not case.waived and not case.statement:
            raise LegalGateClosed(actions.HEAR_FIRST)
        surely_due = decision.due if decision else record.filed_on + datetime.timedelta(days=90)
        late = record.decided_on > surely_due
        if late and not actions.CITATION.search(record.extension_basis):
            raise LegalGateClosed(actions.DECISION_MAX)
        status = S.DECIDED
        service = deadline_or_pending(record.decided_on, "enforcement.service")
        publicity = deadline_or_pending(
            record.decided_on,
            actions.publicity_rule(record.category, record.outcome),
        )
        case.decided_on, case.outcome = record.decided_on, record.outcome
        case.decision_text = clean_text(record.decision_text, "决定内容")
        case.fine_amount = record.fine_amount if record.outcome == O.PENALTY else None
        case.overdue_reason = record.overdue_reason.strip()
        case.extension_basis = record.extension_basis.strip() if late else ""
        if service is not None:
            case.service_due_on, case.service_rule_id = service.due, service.rule_id
        if publicity is not None:
            case.publicity_due_on, case.publicity_rule_id = publicity.due, publicity.rule_id
    if record.served_on:
        if (
            case.service_due_on
            and record.served_on > case.service_due_on
            and not record.late_service_reason.strip()
        ):
            raise LegalGateClosed("逾期送达须写明理由（《行政处罚法》第六十一条）")
        status = S.SERVED
        case.served_on = record.served_on
        case.service_method = clean_text(record.service_method, "送达方式", limit=50)
        case.late_service_reason = record.late_service_reason.strip()
    if record.executed_on:
        status = S.EXECUTED
        case.executed_on = record.executed_on
        case.execution_note = clean_text(record.execution_note, "执行情况")
    if record.closed_on:
        status = S.CLOSED
        case.closed_on = record.closed_on
    case.status = status
    case.published_on = record.published_on

    with transaction.atomic():
        if case.decided_on:
            issued = issue_number(
                actions._penalty_series(case), year=case.decided_on.year, actor=actor, title=case.title
            )
            case.decision_number = issued.number
        case.save()
        case.officers.set(officers)
        for entry in record.records:
            CaseRecord.objects.create(
                case=case,
                step=entry.step,
                kind=entry.kind,
                title=clean_text(entry.title, "记录名称", limit=200),
                note=entry.note,
                recorded_on=entry.recorded_on,
                recorded_by=actor,
            )
        record_event(
            "enforcement.import",
            actor=actor,
            obj=case,
            to_status=status,
            data={
                "title": case.title,
                "filed_on": case.filed_on.isoformat(),
                "decided_on": case.decided_on.isoformat() if case.decided_on else None,
                "decision_number": case.decision_number,
                "published_on": case.published_on.isoformat() if case.published_on else None,
                "officers": sorted(record.officers),
                "records": len(record.records),
            },
        )
    return case
