"""The notice of rights, the party's statement, and the hearing (行政处罚法 Art 44, 45, 64)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import (
    PendingGate,
    deadline_or_pending,
    notice_in_time_without_calendar,
)
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.enforcement import permissions
from fazhi.enforcement.actions._common import (
    HEARING_NOTICE,
    HEARING_REQUEST,
    RECORD,
    TRANSITIONS,
    G,
    S,
    Step,
    _date,
    _major_grounds,
)
from fazhi.enforcement.actions.deadlines import fill_pending_deadlines
from fazhi.enforcement.models import EnforcementCase

# --- notice of rights, statement, hearing ------------------------------------------------------


def notify(case: EnforcementCase, *, actor: User, proposed_decision: str, hearing_right: bool) -> None:
    """Tell the party the proposed decision with its facts, reasons and basis, and their rights
    (statement and defence; a hearing where Art 63 gives one)."""
    require(permissions.can_handle(actor, case))
    if not case.records.filter(step=Step.INVESTIGATION).exists():
        raise LegalGateClosed("调查取证尚无记录：" + RECORD)
    today = _today()
    proposed = clean_text(proposed_decision, "拟作出的决定及理由、依据")
    updates: dict[str, Any] = {
        "notified_on": today,
        "proposed_decision": proposed,
        "hearing_right": bool(hearing_right),
    }
    data: dict[str, Any] = {"hearing_right": bool(hearing_right)}
    if hearing_right:
        due = deadline_or_pending(today, "enforcement.hearing_request")
        if due is not None:
            updates.update(hearing_request_due_on=due.due, hearing_request_rule_id=due.rule_id)
        data.update(
            hearing_request_due_on=due.due.isoformat() if due else None,
            rule_version=due.rule_version if due else None,
        )
    apply_transition(
        case, TRANSITIONS["notify"], actor=actor, verb="enforcement.notify", data=data, **updates
    )


def record_statement(
    case: EnforcementCase, *, actor: User, statement: str = "", waived: bool = False
) -> None:
    """The party's statement and defence, or their express waiver of statement and hearing."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED:
        raise DomainError("告知后、作出决定前记录当事人的陈述、申辩")
    text = clean_text(statement, "陈述、申辩", required=not waived)
    if waived and case.hearing_requested_on:
        raise DomainError("当事人已申请听证，不能记为放弃")
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(statement=text, waived=bool(waived))
        record_event(
            "enforcement.statement", actor=actor, obj=case, data={"waived": bool(waived), "statement": text}
        )
    case.statement, case.waived = text, bool(waived)


def request_hearing(case: EnforcementCase, *, actor: User, requested_on: datetime.date | None = None) -> None:
    """The party asks for a hearing: only where the notice gave the right, within 5 working days."""
    require(permissions.can_handle(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.status != S.NOTIFIED or not case.hearing_right:
        raise LegalGateClosed("本案未告知听证权利，或已作出决定：不能申请听证")
    if case.hearing_requested_on:
        raise DomainError("当事人已申请听证")
    today = _today()
    day = _date(requested_on or today, "申请日期")
    if day > today or (case.notified_on and day < case.notified_on):
        raise DomainError("申请日期应当在告知之日至今天之间")
    if case.hearing_request_due_on and day > case.hearing_request_due_on:
        raise LegalGateClosed(
            f"申请听证的期限已于 {cn_date(case.hearing_request_due_on)} 届满：{HEARING_REQUEST}"
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(hearing_requested_on=day, waived=False)
        record_event(
            "enforcement.hearing_request", actor=actor, obj=case, data={"requested_on": day.isoformat()}
        )
    case.hearing_requested_on, case.waived = day, False


def schedule_hearing(case: EnforcementCase, *, actor: User, hearing_on: datetime.date) -> None:
    """Fix the hearing's day and notify the party today: at least 7 working days before it."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED or not case.hearing_requested_on:
        raise DomainError("当事人申请听证后方可安排听证")
    if case.hearing_held_on:
        raise DomainError("听证已经举行")
    hearing_on = _date(hearing_on, "听证日期")
    today = _today()
    latest = deadline_or_pending(hearing_on, "enforcement.hearing_notice", on=today)
    if latest is None:
        # The latest notice day needs the missing year: the hearing is scheduled when the
        # covered years alone hold the seven working days (core.deadlines), else it waits.
        if not notice_in_time_without_calendar(today, hearing_on, "enforcement.hearing_notice"):
            raise PendingGate(hearing_on, f"核对 {cn_date(hearing_on)} 的听证是否提前七个工作日通知")
    elif today > latest.due:
        raise LegalGateClosed(
            f"今天通知，听证最早可安排在七个工作日之后；{cn_date(hearing_on)} 的听证最迟应于 {cn_date(latest.due)} 通知：{HEARING_NOTICE}"
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(
            hearing_on=hearing_on,
            hearing_notified_on=today,
            hearing_notice_due_on=latest.due if latest else None,
            hearing_notice_rule_id=latest.rule_id if latest else None,
        )
        record_event(
            "enforcement.hearing_schedule",
            actor=actor,
            obj=case,
            data={
                "hearing_on": hearing_on.isoformat(),
                "notified_on": today.isoformat(),
                "notice_due_on": latest.due.isoformat() if latest else None,
            },
        )
    case.hearing_on, case.hearing_notified_on = hearing_on, today
    case.hearing_notice_due_on = latest.due if latest else None
    case.hearing_notice_rule_id = latest.rule_id if latest else None


def record_hearing(case: EnforcementCase, *, actor: User, record: str) -> None:
    """The hearing was held: its record. A decision that went through a hearing is major
    (Art 58 (1) 2), so the legality check becomes required."""
    require(permissions.can_handle(actor, case))
    if case.status != S.NOTIFIED or not case.hearing_on:
        raise DomainError("尚未安排听证")
    today = _today()
    if case.hearing_on > today:
        raise DomainError(f"听证定于 {cn_date(case.hearing_on)} 举行，举行后方可记录")
    text = clean_text(record, "听证笔录摘要")
    grounds = _major_grounds([*case.major_grounds, G.HEARING])
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(
            hearing_held_on=case.hearing_on, hearing_record=text, major_grounds=grounds
        )
        record_event(
            "enforcement.hearing_held",
            actor=actor,
            obj=case,
            data={"held_on": case.hearing_on.isoformat(), "major_grounds": grounds},
        )
    case.hearing_held_on, case.hearing_record, case.major_grounds = case.hearing_on, text, grounds
