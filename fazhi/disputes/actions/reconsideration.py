"""Reconsideration with the bureau as respondent: registration, the reply, the hearing, the
decision, the opinion letter and its correction report, closing."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from fazhi.core.agencies import agency_for, agency_id_of
from fazhi.core.audit import record_event
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.core.models import User
from fazhi.core.roles import Role
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.disputes import permissions
from fazhi.disputes.actions._common import (
    HEAD_AT_HEARING,
    MUST_PERFORM,
    RECONSIDERATION,
    R,
    _day,
    _division,
    _linked_case,
    _reverse_enforcement,
)
from fazhi.disputes.models import Reconsideration
from fazhi.enforcement.models import EnforcementCase

# --- reconsideration -------------------------------------------------------------------------


def register_reconsideration(
    *,
    actor: User,
    applicant: str,
    challenged_act: str,
    received_on: datetime.date,
    organ: str = "天津市人民政府",
    case_number: str = "",
    enforcement_case: EnforcementCase | None = None,
) -> Reconsideration:
    """The reconsideration organ sent the application copy: the reply is due in 10 working days."""
    require(permissions.can_handle(actor))
    received_on = _day(received_on, "收到申请书副本之日")
    due = deadline_or_pending(received_on, "reconsideration.reply")
    case = Reconsideration(
        applicant=clean_text(applicant, "申请人", limit=200),
        organ=clean_text(organ, "复议机关", limit=100),
        case_number=clean_text(case_number, "复议案号", required=False, limit=100),
        challenged_act=clean_text(challenged_act, "被申请复议的行政行为"),
        enforcement_case=_linked_case(actor, enforcement_case),
        division=_division(actor),
        agency=agency_for(actor, _division(actor)),
        received_on=received_on,
        reply_due_on=due.due if due else None,
        reply_rule_id=due.rule_id if due else None,
        created_by=actor,
    )
    with transaction.atomic():
        case.save()
        record_event(
            "reconsideration.register",
            actor=actor,
            obj=case,
            to_status=case.status,
            data={
                "applicant": case.applicant,
                "received_on": received_on.isoformat(),
                "reply_due_on": due.due.isoformat() if due else None,
                "rule_version": due.rule_version if due else None,
            },
        )
    return case


def submit_reply(case: Reconsideration, *, actor: User, replied_on: datetime.date, summary: str) -> None:
    """The reply and the evidence went to the reconsideration organ."""
    require(permissions.can_handle(actor, case))
    if case.reply_due_on is None:
        due = deadline_or_pending(case.received_on, "reconsideration.reply")
        if due is not None:
            case.reply_due_on, case.reply_rule_id = due.due, due.rule_id
    replied_on = _day(replied_on, "提交答复之日", not_before=case.received_on)
    # Never decided against a pending date: None until it is known (disputes.deadlines).
    apply_transition(
        case,
        RECONSIDERATION["reply"],
        actor=actor,
        verb="reconsideration.reply",
        data={"replied_on": replied_on.isoformat(), "in_time": in_time(replied_on, case.reply_due_on)},
        replied_on=replied_on,
        reply_summary=clean_text(summary, "答复要点"),
        reply_due_on=case.reply_due_on,
        reply_rule_id=case.reply_rule_id,
    )


def plan_reconsideration_hearing(
    case: Reconsideration,
    *,
    actor: User,
    hearing_on: datetime.date,
    head: User | None = None,
    absence_reason: str = "",
    delegate: str = "",
) -> None:
    """Who attends the reconsideration hearing for the agency: its head, or a delegate with the
    reason the head cannot attend."""
    require(permissions.can_handle(actor, case))
    if case.status not in (R.RECEIVED, R.REPLIED):
        raise InvalidTransition("复议决定作出后不再安排听证")
    hearing_on = _day(hearing_on, "听证日期", not_before=case.received_on, future=True)
    if head is not None:
        if not head.has_role(Role.LEADERSHIP) or agency_id_of(head) != case.agency_id:
            raise LegalGateClosed("参加听证的应当是本机关负责人：" + HEAD_AT_HEARING)
        attendee, reason = head.display_name, ""
    else:
        reason = clean_text(absence_reason, "负责人不能参加的理由", required=False)
        attendee = clean_text(delegate, "受委托参加听证的工作人员", required=False, limit=100)
        if not reason or not attendee:
            raise LegalGateClosed(HEAD_AT_HEARING)
    with transaction.atomic():
        Reconsideration.objects.filter(pk=case.pk).update(
            hearing_on=hearing_on,
            head_attended=head is not None,
            head=head,
            attendee=attendee,
            absence_reason=reason,
        )
        record_event(
            "reconsideration.hearing",
            actor=actor,
            obj=case,
            data={
                "hearing_on": hearing_on.isoformat(),
                "head": head is not None,
                "attendee": attendee,
                "reason": reason,
            },
        )
    case.hearing_on, case.head_attended, case.head, case.attendee, case.absence_reason = (
        hearing_on,
        head is not None,
        head,
        attendee,
        reason,
    )


def record_reconsideration_decision(
    case: Reconsideration,
    *,
    actor: User,
    decided_on: datetime.date,
    served_on: datetime.date,
    outcome: str,
    summary: str,
) -> None:
    """The reconsideration organ's decision, served on the bureau on `served_on` — the day it
    takes legal effect (行政复议决定书一经送达，即发生法律效力). A reversing one is recorded on the
    linked enforcement case, whose published decision must be withdrawn within 3 working days of
    that day (行政处罚法第四十八条)."""
    require(permissions.can_handle(actor, case))
    if outcome not in Reconsideration.Outcome.values:
        raise DomainError("复议结果不正确")
    decided_on = _day(decided_on, "复议决定日期", not_before=case.received_on)
    served_on = _day(served_on, "复议决定书送达之日", not_before=decided_on)
    text = clean_text(summary, "复议决定要点")
    with transaction.atomic():
        apply_transition(
            case,
            RECONSIDERATION["decision"],
            actor=actor,
            verb="reconsideration.decision",
            data={
                "decided_on": decided_on.isoformat(),
                "served_on": served_on.isoformat(),
                "outcome": outcome,
                "replied": case.replied_on is not None,
            },
            decided_on=decided_on,
            decision_served_on=served_on,
            outcome=outcome,
            decision_summary=text,
        )
        if outcome in Reconsideration.REVERSING:
            _reverse_enforcement(
                case.enforcement_case,
                actor=actor,
                on=decided_on,
                effective_on=served_on,
                reason=f"{case.organ}行政复议决定{Reconsideration.Outcome(outcome).label}：{text}",
            )


def record_opinion_letter(case: Reconsideration, *, actor: User, received_on: datetime.date) -> None:
    """A reconsideration opinion letter (意见书): the correction is reported within 60 days."""
    require(permissions.can_handle(actor, case))
    if case.opinion_letter_on is not None:
        raise DomainError("已记录行政复议意见书")
    received_on = _day(received_on, "收到意见书之日", not_before=case.received_on)
    due = deadline_or_pending(received_on, "reconsideration.opinion_report")
    with transaction.atomic():
        Reconsideration.objects.filter(pk=case.pk).update(
            opinion_letter_on=received_on,
            correction_due_on=due.due if due else None,
            correction_rule_id=due.rule_id if due else None,
        )
        record_event(
            "reconsideration.opinion_letter",
            actor=actor,
            obj=case,
            data={"received_on": received_on.isoformat(), "due": due.due.isoformat() if due else None},
        )
    case.opinion_letter_on = received_on
    case.correction_due_on, case.correction_rule_id = (due.due, due.rule_id) if due else (None, None)


def report_correction(case: Reconsideration, *, actor: User, reported_on: datetime.date) -> None:
    require(permissions.can_handle(actor, case))
    if case.opinion_letter_on is None:
        raise DomainError("尚未收到行政复议意见书")
    if case.correction_reported_on is not None:
        raise DomainError("已报送整改情况")
    reported_on = _day(reported_on, "报送整改情况之日", not_before=case.opinion_letter_on)
    with transaction.atomic():
        Reconsideration.objects.filter(pk=case.pk).update(correction_reported_on=reported_on)
        record_event(
            "reconsideration.correction_report",
            actor=actor,
            obj=case,
            data={
                "reported_on": reported_on.isoformat(),
                "in_time": in_time(reported_on, case.correction_due_on),
            },
        )
    case.correction_reported_on = reported_on


def close_reconsideration(
    case: Reconsideration, *, actor: User, performed_on: datetime.date | None = None, note: str = ""
) -> None:
    """Close the matter: a decision that orders the bureau to act is performed first, and an
    opinion letter is answered with its correction report."""
    require(permissions.can_handle(actor, case))
    must_perform = case.outcome in MUST_PERFORM
    updates: dict[str, Any] = {}
    if must_perform:
        if performed_on is None:
            raise LegalGateClosed("复议决定须履行后方可办结（《行政复议法》第七十七条）")
        updates["performed_on"] = _day(performed_on, "履行之日", not_before=case.decided_on)
        updates["performance_note"] = clean_text(note, "履行情况")
    if case.opinion_letter_on and not case.correction_reported_on:
        raise LegalGateClosed("行政复议意见书的整改情况尚未报送（《行政复议法》第七十六条）")
    apply_transition(
        case,
        RECONSIDERATION["close"],
        actor=actor,
        verb="reconsideration.close",
        data={k: str(v) for k, v in updates.items()},
        **updates,
    )
