"""The steps of reconsideration, litigation and mediation, and the records of court
observation and dispute screening. Each checks permission, enforces its rule and writes the
audit event in the same transaction.

The rules (research notes §7):
- the respondent's reply and evidence within 10 working days of receiving the application copy
  (行政复议法 Arts 48, 88); without them the act is treated as having no evidence (Art 70);
- the respondent's head attends the reconsideration hearing, or explains and sends a delegate
  (Arts 50–51); a reconsideration opinion letter is answered with a correction report within
  60 days (Art 76);
- the defence and evidence within 15 days of receiving the complaint (行政诉讼法 Art 67);
- the head appears in court (Art 3 ¶3): the principal head, a deputy head, the deputy-level
  head in charge of the challenged act or another head in charge (法释〔2020〕3号 Art 2);
  otherwise a valid excuse (force majeure, accident, a non-delegable duty, another proper
  reason) with proof bearing the agency's seal or the principal head's signature, and staff
  appear (Arts 8–9);
- a decision or judgment that changes, revokes, or declares the act unlawful or void reverses
  a penalty decision once it takes legal effect — a reconsideration decision when served, a
  first-instance judgment when the appeal period ran out without an appeal, a second-instance
  judgment when given: the enforcement case records the reversal with that day, and its
  publication must be withdrawn within 3 working days of it (行政处罚法 Art 48);
- mediation is voluntary and free (天津市行政调解规定 Arts 3, 5); an agreement follows at least
  one mediation meeting. Its acceptance and mediation time limits were not found, so the
  platform sets none.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.roles import Role
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.disputes import permissions
from fazhi.disputes.models import (
    CourtObservation,
    DisputeScreening,
    Litigation,
    Mediation,
    MediationMeeting,
    Reconsideration,
)
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.models import EnforcementCase

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status

RECONSIDERATION = {
    "reply": Transition({R.RECEIVED}, R.REPLIED, "提交答复"),
    "decision": Transition({R.RECEIVED, R.REPLIED}, R.DECIDED, "记录复议决定"),
    "close": Transition({R.DECIDED}, R.CLOSED, "办结"),
}
LITIGATION = {
    "defence": Transition({L.RECEIVED}, L.DEFENDED, "提交答辩状"),
    "hearing": Transition({L.RECEIVED, L.DEFENDED}, L.HEARD, "记录开庭"),
    "judgment": Transition({L.RECEIVED, L.DEFENDED, L.HEARD}, L.JUDGED, "记录裁判"),
}
MEDIATION = {
    "accept": Transition({M.REQUESTED}, M.ACCEPTED, "受理"),
    "refuse": Transition({M.REQUESTED}, M.REFUSED, "不予受理"),
    "agree": Transition({M.ACCEPTED}, M.AGREED, "达成调解协议"),
    "fail": Transition({M.ACCEPTED}, M.FAILED, "调解不成"),
}

# The decisions the bureau must carry out before the matter is closed (《行政复议法》第七十七条).
MUST_PERFORM = frozenset(
    {
        Reconsideration.Outcome.ORDERED_PERFORMANCE,
        Reconsideration.Outcome.CHANGED,
        Reconsideration.Outcome.REVOKED,
    }
)

HEAD_AT_HEARING = "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加听证（《行政复议法》第五十一条）"
HEAD_IN_COURT = "被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭（《行政诉讼法》第三条第三款）"
EXCUSE_PROOF = "行政机关负责人有正当理由不能出庭的，应当提交相关证明材料，并加盖行政机关印章或者由该机关主要负责人签字认可（法释〔2020〕3号第九条）"
HEAD_WHO = "被诉行政机关负责人，包括行政机关的正职、副职负责人、参与分管被诉行政行为实施工作的副职级别的负责人以及其他参与分管的负责人（法释〔2020〕3号第二条）"
NOT_YET_EFFECTIVE = "一审判决尚未发生法律效力：上诉期满未上诉的，自期满之日生效；上诉的，以二审裁判为准"


def _day(
    value: Any, field: str, *, not_before: datetime.date | None = None, future: bool = False
) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    if not future and value > _today():
        raise DomainError(f"{field}不能晚于今天")
    if not_before is not None and value < not_before:
        raise DomainError(f"{field}不能早于{cn_date(not_before)}")
    return value


def _division(actor: User) -> Any:
    if actor.organization_id is None:
        raise DomainError("登记人未归属任何处室")
    return actor.organization


def _linked_case(actor: User, case: EnforcementCase | None) -> EnforcementCase | None:
    if case is not None and not EnforcementCase.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    return case


def _reverse_enforcement(
    case: EnforcementCase | None, *, actor: User, on: datetime.date, effective_on: datetime.date, reason: str
) -> bool:
    """Record on the linked enforcement case that its decision was reversed (once), by a decision
    or judgment made `on` and in legal effect from `effective_on` (行政处罚法第四十八条)."""
    if case is None or case.decided_on is None or case.reversed_on is not None:
        return False
    enforcement_actions.record_reversal(
        case, actor=actor, reversed_on=on, reason=reason, effective_on=effective_on
    )
    return True


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
    require(permissions.can_handle(actor))
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
    """Who attends the reconsideration hearing for the bureau: its head, or a delegate with the
    reason the head cannot attend."""
    require(permissions.can_handle(actor))
    if case.status not in (R.RECEIVED, R.REPLIED):
        raise InvalidTransition("复议决定作出后不再安排听证")
    hearing_on = _day(hearing_on, "听证日期", not_before=case.received_on, future=True)
    if head is not None:
        if not head.has_role(Role.LEADERSHIP):
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
    require(permissions.can_handle(actor))
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
    require(permissions.can_handle(actor))
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
    require(permissions.can_handle(actor))
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
    require(permissions.can_handle(actor))
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


# --- litigation ------------------------------------------------------------------------------


def register_litigation(
    *,
    actor: User,
    plaintiff: str,
    court: str,
    challenged_act: str,
    complaint_received_on: datetime.date,
    instance: str = Litigation.Instance.FIRST,
    case_number: str = "",
    head_required: bool = False,
    enforcement_case: EnforcementCase | None = None,
) -> Litigation:
    """The court served the complaint: the defence is due in 15 days."""
    require(permissions.can_handle(actor))
    if instance not in Litigation.Instance.values:
        raise DomainError("审级不正确")
    received = _day(complaint_received_on, "收到起诉状副本之日")
    due = deadline_or_pending(received, "litigation.defence")
    case = Litigation(
        plaintiff=clean_text(plaintiff, "原告", limit=200),
        court=clean_text(court, "受理法院", limit=100),
        case_number=clean_text(case_number, "案号", required=False, limit=100),
        instance=instance,
        challenged_act=clean_text(challenged_act, "被诉行政行为"),
        enforcement_case=_linked_case(actor, enforcement_case),
        division=_division(actor),
        head_required=bool(head_required),
        complaint_received_on=received,
        defence_due_on=due.due if due else None,
        defence_rule_id=due.rule_id if due else None,
        created_by=actor,
    )
    with transaction.atomic():
        case.save()
        record_event(
            "litigation.register",
            actor=actor,
            obj=case,
            to_status=case.status,
            data={
                "plaintiff": case.plaintiff,
                "court": case.court,
                "received_on": received.isoformat(),
                "defence_due_on": due.due.isoformat() if due else None,
            },
        )
    return case


def submit_defence(case: Litigation, *, actor: User, defended_on: datetime.date) -> None:
    require(permissions.can_handle(actor))
    defended_on = _day(defended_on, "提交答辩状之日", not_before=case.complaint_received_on)
    if case.defence_due_on is None:
        due = deadline_or_pending(case.complaint_received_on, "litigation.defence")
        if due is not None:
            case.defence_due_on, case.defence_rule_id = due.due, due.rule_id
    apply_transition(
        case,
        LITIGATION["defence"],
        actor=actor,
        verb="litigation.defence",
        data={
            "defended_on": defended_on.isoformat(),
            "in_time": in_time(defended_on, case.defence_due_on),
        },
        defended_on=defended_on,
        defence_due_on=case.defence_due_on,
        defence_rule_id=case.defence_rule_id,
    )


def plan_appearance(
    case: Litigation,
    *,
    actor: User,
    hearing_on: datetime.date,
    head: User | None = None,
    head_capacity: str = "",
    excuse: str = "",
    excuse_detail: str = "",
    proof: UploadedFile | None = None,
    proof_form: str = "",
    appearing_staff: str = "",
) -> None:
    """Who appears for the bureau: its head — the principal head, a deputy head, the deputy-level
    head in charge of the challenged act or another head in charge (法释〔2020〕3号第二条) — or
    staff with the head's valid excuse and its proof, sealed or signed by the principal head
    (第八条、第九条)."""
    require(permissions.can_handle(actor))
    if case.status in (L.HEARD, L.JUDGED):
        raise InvalidTransition("已开庭的案件不再安排出庭")
    hearing_on = _day(hearing_on, "开庭日期", not_before=case.complaint_received_on, future=True)
    staff = clean_text(appearing_staff, "出庭工作人员", required=False, limit=200)
    detail = ""
    capacity = ""
    form = ""
    if head is not None:
        capacity = _head_capacity(head, head_capacity)
        excuse = ""
    else:
        if excuse not in Litigation.Excuse.values:
            raise LegalGateClosed(
                HEAD_IN_COURT + "；负责人不能出庭的，应当说明正当事由（法释〔2020〕3号第八条）"
            )
        detail = clean_text(excuse_detail, "事由说明")
        if proof is None or proof_form not in Litigation.ProofForm.values:
            raise LegalGateClosed(EXCUSE_PROOF)
        form = proof_form
        if not staff:
            raise LegalGateClosed(HEAD_IN_COURT)
    with transaction.atomic():
        Litigation.objects.filter(pk=case.pk).update(
            hearing_on=hearing_on,
            head=head,
            head_capacity=capacity,
            excuse=excuse,
            excuse_detail=detail,
            proof_form=form,
            appearing_staff=staff,
        )
        record_event(
            "litigation.appearance_plan",
            actor=actor,
            obj=case,
            data={
                "hearing_on": hearing_on.isoformat(),
                "head": head.display_name if head else None,
                "head_capacity": capacity,
                "excuse": excuse,
                "proof_form": form,
                "staff": staff,
            },
        )
        if proof is not None:
            attach_file(case, proof, actor=actor, purpose="负责人不能出庭的证明材料")
    case.hearing_on, case.head, case.excuse, case.excuse_detail, case.appearing_staff = (
        hearing_on,
        head,
        excuse,
        detail,
        staff,
    )
    case.head_capacity, case.proof_form = capacity, form


def _head_capacity(head: User, capacity: str) -> str:
    """The head's capacity under 法释〔2020〕3号第二条. A member of the leadership is the principal or
    a deputy head; anyone else counts only as a head in charge of the matter at the bureau level,
    as the registrar states — a division's staff or a lower organ's head does not."""
    if capacity and capacity not in Litigation.HeadCapacity.values:
        raise DomainError("出庭负责人的身份不正确")
    C = Litigation.HeadCapacity
    if head.has_role(Role.LEADERSHIP):
        return capacity or ""
    in_charge = capacity in (C.DEPUTY_LEVEL_IN_CHARGE, C.OTHER_IN_CHARGE)
    at_bureau = head.organization is not None and head.organization.kind == head.organization.Kind.AGENCY
    if not (in_charge and at_bureau and head.is_active):
        raise LegalGateClosed("出庭的应当是本机关负责人：" + HEAD_WHO)
    return capacity


def record_court_hearing(
    case: Litigation, *, actor: User, heard_on: datetime.date, head_appeared: bool, head_spoke: bool = False
) -> None:
    """The hearing took place: whether the head appeared (and spoke to resolving the dispute)."""
    require(permissions.can_handle(actor))
    if case.hearing_on is None:
        raise DomainError("尚未安排出庭")
    heard_on = _day(heard_on, "开庭举行日期", not_before=case.complaint_received_on)
    if head_appeared and case.head_id is None:
        raise DomainError("出庭安排中没有负责人")
    apply_transition(
        case,
        LITIGATION["hearing"],
        actor=actor,
        verb="litigation.hearing",
        data={
            "heard_on": heard_on.isoformat(),
            "head_appeared": bool(head_appeared),
            "excused": bool(case.excuse),
        },
        heard_on=heard_on,
        head_appeared=bool(head_appeared),
        head_spoke=bool(head_appeared and head_spoke),
    )


def record_judgment(
    case: Litigation,
    *,
    actor: User,
    judged_on: datetime.date,
    outcome: str,
    summary: str,
    judicial_recommendation: str = "",
    effective_on: datetime.date | None = None,
) -> None:
    """The court's judgment or ruling. A second-instance one is in legal effect when given (unless
    another day is stated); a first-instance one only once the appeal period has run without an
    appeal — until `record_judgment_effect` it is "not yet effective". A reversing one in effect is
    recorded on the linked enforcement case."""
    require(permissions.can_handle(actor))
    if outcome not in Litigation.Outcome.values:
        raise DomainError("裁判结果不正确")
    judged_on = _day(judged_on, "裁判日期", not_before=case.complaint_received_on)
    if effective_on is None and case.instance == Litigation.Instance.SECOND:
        effective_on = judged_on
    if effective_on is not None:
        effective_on = _day(effective_on, "裁判发生法律效力之日", not_before=judged_on)
    text = clean_text(summary, "裁判要点")
    with transaction.atomic():
        apply_transition(
            case,
            LITIGATION["judgment"],
            actor=actor,
            verb="litigation.judgment",
            data={
                "judged_on": judged_on.isoformat(),
                "effective_on": effective_on.isoformat() if effective_on else None,
                "outcome": outcome,
                "recommendation": bool(judicial_recommendation.strip()),
            },
            judged_on=judged_on,
            effective_on=effective_on,
            outcome=outcome,
            judgment_summary=text,
            judicial_recommendation=clean_text(judicial_recommendation, "司法建议", required=False),
        )
        if effective_on is not None:
            _reverse_by_judgment(case, actor=actor)


def record_judgment_effect(case: Litigation, *, actor: User, effective_on: datetime.date) -> None:
    """The judgment took legal effect (a first-instance one: the appeal period ran out without an
    appeal). A reversing judgment is then recorded on the linked enforcement case, and the 3
    working days to withdraw its publicity run from this day (行政处罚法第四十八条)."""
    require(permissions.can_handle(actor))
    if case.status != L.JUDGED or case.judged_on is None:
        raise DomainError("尚未记录裁判")
    if case.effective_on is not None:
        raise DomainError("已记录裁判发生法律效力之日")
    effective_on = _day(effective_on, "裁判发生法律效力之日", not_before=case.judged_on)
    with transaction.atomic():
        Litigation.objects.filter(pk=case.pk).update(effective_on=effective_on)
        record_event(
            "litigation.judgment_effect",
            actor=actor,
            obj=case,
            data={"effective_on": effective_on.isoformat()},
        )
        case.effective_on = effective_on
        _reverse_by_judgment(case, actor=actor)


def _reverse_by_judgment(case: Litigation, *, actor: User) -> None:
    if case.outcome in Litigation.REVERSING and case.judged_on and case.effective_on:
        _reverse_enforcement(
            case.enforcement_case,
            actor=actor,
            on=case.judged_on,
            effective_on=case.effective_on,
            reason=f"{case.court}判决{Litigation.Outcome(case.outcome).label}：{case.judgment_summary}",
        )


# --- mediation -------------------------------------------------------------------------------


def request_mediation(
    *, actor: User, kind: str, parties: str, summary: str, requested_on: datetime.date
) -> Mediation:
    require(permissions.can_handle(actor))
    if kind not in Mediation.Kind.values:
        raise DomainError("纠纷类型不正确")
    mediation = Mediation(
        kind=kind,
        parties=clean_text(parties, "当事人", limit=300),
        summary=clean_text(summary, "纠纷简要情况"),
        requested_on=_day(requested_on, "申请日期"),
        division=_division(actor),
        created_by=actor,
    )
    with transaction.atomic():
        mediation.save()
        record_event(
            "mediation.request", actor=actor, obj=mediation, to_status=mediation.status, data={"kind": kind}
        )
    return mediation


def accept_mediation(mediation: Mediation, *, actor: User, accepted_on: datetime.date) -> None:
    require(permissions.can_handle(actor))
    accepted_on = _day(accepted_on, "受理日期", not_before=mediation.requested_on)
    apply_transition(
        mediation, MEDIATION["accept"], actor=actor, verb="mediation.accept", accepted_on=accepted_on
    )


def refuse_mediation(mediation: Mediation, *, actor: User, reason: str) -> None:
    require(permissions.can_handle(actor))
    apply_transition(
        mediation,
        MEDIATION["refuse"],
        actor=actor,
        verb="mediation.refuse",
        refusal_reason=clean_text(reason, "不予受理的理由"),
        closed_on=_today(),
    )


def add_meeting(
    mediation: Mediation, *, actor: User, held_on: datetime.date, participants: str, note: str
) -> MediationMeeting:
    require(permissions.can_handle(actor))
    if mediation.status != M.ACCEPTED:
        raise InvalidTransition("受理后、结案前记录调解会")
    meeting = MediationMeeting(
        mediation=mediation,
        held_on=_day(held_on, "调解日期", not_before=mediation.accepted_on),
        participants=clean_text(participants, "参加人员", limit=300),
        note=clean_text(note, "调解情况"),
    )
    with transaction.atomic():
        meeting.save()
        record_event(
            "mediation.meeting", actor=actor, obj=mediation, data={"held_on": meeting.held_on.isoformat()}
        )
    return meeting


def conclude_mediation(
    mediation: Mediation, *, actor: User, agreed: bool, text: str, closed_on: datetime.date
) -> None:
    """An agreement both parties accept (voluntary), or the record that mediation failed."""
    require(permissions.can_handle(actor))
    if mediation.status == M.ACCEPTED and not mediation.meetings.exists():
        raise LegalGateClosed("尚未组织调解：调解应当在当事人自愿的基础上进行（天津市行政调解规定第三条）")
    closed_on = _day(closed_on, "结案日期", not_before=mediation.accepted_on)
    content = clean_text(text, "调解协议内容" if agreed else "调解不成的情况")
    if agreed:
        apply_transition(
            mediation,
            MEDIATION["agree"],
            actor=actor,
            verb="mediation.agree",
            agreement=content,
            closed_on=closed_on,
        )
    else:
        apply_transition(
            mediation,
            MEDIATION["fail"],
            actor=actor,
            verb="mediation.fail",
            failure_reason=content,
            closed_on=closed_on,
        )


# --- records ---------------------------------------------------------------------------------


def record_observation(
    *,
    actor: User,
    held_on: datetime.date,
    court: str,
    case_name: str,
    attendees: int,
    leaders: int = 0,
    note: str = "",
) -> CourtObservation:
    require(permissions.can_handle(actor))
    if not (isinstance(attendees, int) and 1 <= attendees <= 10000):
        raise DomainError("旁听人数不正确")
    if not (isinstance(leaders, int) and 0 <= leaders <= attendees):
        raise DomainError("领导干部人数不能超过旁听人数")
    observation = CourtObservation(
        held_on=_day(held_on, "旁听日期"),
        court=clean_text(court, "法院", limit=100),
        case_name=clean_text(case_name, "庭审案件", limit=200),
        attendees=attendees,
        leaders=leaders,
        note=clean_text(note, "情况说明", required=False),
        created_by=actor,
    )
    with transaction.atomic():
        observation.save()
        record_event(
            "court_observation.record",
            actor=actor,
            obj=observation,
            data={"held_on": observation.held_on.isoformat(), "attendees": attendees, "leaders": leaders},
        )
    return observation


def record_screening(
    *,
    actor: User,
    screened_on: datetime.date,
    scope: str,
    found: int,
    resolved: int,
    note: str = "",
) -> DisputeScreening:
    require(permissions.can_handle(actor))
    if not (isinstance(found, int) and 0 <= found <= 100000):
        raise DomainError("发现矛盾纠纷数不正确")
    if not (isinstance(resolved, int) and 0 <= resolved <= found):
        raise DomainError("已化解数不能超过发现数")
    screening = DisputeScreening(
        screened_on=_day(screened_on, "排查日期"),
        division=_division(actor),
        scope=clean_text(scope, "排查范围", limit=200),
        found=found,
        resolved=resolved,
        note=clean_text(note, "情况说明", required=False),
        created_by=actor,
    )
    with transaction.atomic():
        screening.save()
        record_event(
            "dispute_screening.record",
            actor=actor,
            obj=screening,
            data={"screened_on": screening.screened_on.isoformat(), "found": found, "resolved": resolved},
        )
    return screening
