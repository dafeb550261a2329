"""Administrative litigation with the bureau as defendant: registration, the defence, the
head's appearance in court, the hearing, the judgment and its taking effect."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.core.agencies import agency_for, agency_id_of
from fazhi.core.attachments import attach_file
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
    EXCUSE_PROOF,
    HEAD_IN_COURT,
    HEAD_WHO,
    LITIGATION,
    L,
    _day,
    _division,
    _linked_case,
    _reverse_enforcement,
)
from fazhi.disputes.models import Litigation
from fazhi.enforcement.models import EnforcementCase

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
        agency=agency_for(actor, _division(actor)),
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
    require(permissions.can_handle(actor, case))
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
    """Who appears for the agency: its head — the principal head, a deputy head, the deputy-level
    head in charge of the challenged act or another head in charge (法释〔2020〕3号第二条) — or
    staff with the head's valid excuse and its proof, sealed or signed by the principal head
    (第八条、第九条)."""
    require(permissions.can_handle(actor, case))
    if case.status in (L.HEARD, L.JUDGED):
        raise InvalidTransition("已开庭的案件不再安排出庭")
    hearing_on = _day(hearing_on, "开庭日期", not_before=case.complaint_received_on, future=True)
    staff = clean_text(appearing_staff, "出庭工作人员", required=False, limit=200)
    detail = ""
    capacity = ""
    form = ""
    if head is not None:
        if agency_id_of(head) != case.agency_id:
            raise LegalGateClosed("出庭的应当是本机关负责人：" + HEAD_WHO)
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
    a deputy head; anyone else counts only as a head in charge of the matter at the agency level,
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
    require(permissions.can_handle(actor, case))
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
    require(permissions.can_handle(actor, case))
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
    require(permissions.can_handle(actor, case))
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
