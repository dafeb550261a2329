"""Writes: each calls its action, then answers the case as it now stands."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja.errors import HttpError

from fazhi.core.api.schemas import ErrorOut
from fazhi.core.models import Inspector
from fazhi.enforcement import actions, permissions
from fazhi.enforcement.api._common import AT_NOTICE, ERRORS, CaseId, router
from fazhi.enforcement.api.rows import STEP, _actor, _case_at, _detail, _transition, _visible_case
from fazhi.enforcement.api.schemas import (
    CaseDetailOut,
    DecideIn,
    ExecuteIn,
    FileCaseIn,
    HearingRecordIn,
    HearingRequestIn,
    HearingScheduleIn,
    MajorGroundsIn,
    NotifyIn,
    RecordIn,
    ReversalIn,
    ReviewSubmitIn,
    ServeIn,
    StatementIn,
    TransferIn,
)

# ---------------------------------------------------------------------------------------------
# Writes: each calls its action, then answers the case as it now stands.


@router.post("/cases", response={201: CaseDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}, summary="立案")
def case_file(request: HttpRequest, body: FileCaseIn) -> tuple[int, dict[str, Any]]:
    """File a case with its officers, named by their certificate numbers (at least two with a
    certificate valid today, 《行政处罚法》第四十二条). An unknown number answers 422 naming it."""
    actor = _actor(request)
    if not permissions.can_file(actor):
        raise Http404
    numbers = set(body.officers)
    officers = list(Inspector.objects.filter(certificate_number__in=numbers).order_by("certificate_number"))
    unknown = sorted(numbers - {o.certificate_number for o in officers})
    if unknown:
        raise HttpError(422, "未找到执法人员（执法证号）：" + "、".join(unknown))
    case = actions.file_case(
        actor=actor,
        title=body.title,
        category=body.category,
        party_name=body.party_name,
        party_kind=body.party_kind,
        party_code=body.party_code,
        facts=body.facts,
        officers=officers,
        discovered_on=body.discovered_on,
        violation_occurred_on=body.violation_occurred_on,
        continuing_act=body.continuing_act,
        violation_ended_on=body.violation_ended_on,
        grave_harm=body.grave_harm,
        major_grounds=body.major_grounds,
    )
    return 201, _detail(request, case.pk)


@router.post("/cases/{case_id}/records", response=STEP, summary="添加全过程记录（文字记录）")
def case_record(request: HttpRequest, case_id: CaseId, body: RecordIn) -> dict[str, Any]:
    """An entry of the full-process record, without files (files are attached on the case page)."""
    case = _visible_case(request, case_id)
    actions.add_record(
        case, actor=_actor(request), step=body.step, kind=body.kind, title=body.title, note=body.note
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/major_grounds", response=STEP, summary="认定重大执法决定情形")
def case_major_grounds(request: HttpRequest, case_id: CaseId, body: MajorGroundsIn) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.set_major_grounds(case, actor=_actor(request), grounds=body.grounds)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/notify", response=STEP, summary="告知")
def case_notify(request: HttpRequest, case_id: CaseId, body: NotifyIn) -> dict[str, Any]:
    """Tell the party the proposed decision and their rights; needs an investigation record."""
    case = _case_at(request, case_id, *_transition("notify"))
    actions.notify(
        case,
        actor=_actor(request),
        proposed_decision=body.proposed_decision,
        hearing_right=body.hearing_right,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/record_statement", response=STEP, summary="记录陈述、申辩或者放弃")
def case_statement(request: HttpRequest, case_id: CaseId, body: StatementIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "记录陈述、申辩")
    actions.record_statement(case, actor=_actor(request), statement=body.statement, waived=body.waived)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/request_hearing", response=STEP, summary="当事人申请听证")
def case_request_hearing(request: HttpRequest, case_id: CaseId, body: HearingRequestIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "申请听证")
    actions.request_hearing(case, actor=_actor(request), requested_on=body.requested_on)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/schedule_hearing", response=STEP, summary="安排听证并通知当事人")
def case_schedule_hearing(request: HttpRequest, case_id: CaseId, body: HearingScheduleIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "安排听证")
    actions.schedule_hearing(case, actor=_actor(request), hearing_on=body.hearing_on)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/record_hearing", response=STEP, summary="记录听证")
def case_record_hearing(request: HttpRequest, case_id: CaseId, body: HearingRecordIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "记录听证")
    actions.record_hearing(case, actor=_actor(request), record=body.record)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/submit_for_review", response=STEP, summary="送法制审核")
def case_submit_for_review(request: HttpRequest, case_id: CaseId, body: ReviewSubmitIn) -> dict[str, Any]:
    """Send a major decision to the legality check; `legality_check.review_id` names the review."""
    case = _case_at(request, case_id, AT_NOTICE, "送法制审核")
    actions.submit_for_review(case, actor=_actor(request), explanation=body.explanation)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/decide", response=STEP, summary="作出决定")
def case_decide(request: HttpRequest, case_id: CaseId, body: DecideIn) -> dict[str, Any]:
    """The head decides: after the party was heard, after a requested hearing, after the
    legality check of a major decision, within 90 days of filing or with the legal extension."""
    case = _case_at(request, case_id, *_transition("decide"))
    actions.decide(
        case,
        actor=_actor(request),
        outcome=body.outcome,
        decision_text=body.decision_text,
        fine_amount=body.fine_amount,
        overdue_reason=body.overdue_reason,
        extension_basis=body.extension_basis,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/serve", response=STEP, summary="送达")
def case_serve(request: HttpRequest, case_id: CaseId, body: ServeIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("serve"))
    actions.serve(
        case,
        actor=_actor(request),
        served_on=body.served_on,
        method=body.method,
        late_reason=body.late_reason,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/execute", response=STEP, summary="执行完毕")
def case_execute(request: HttpRequest, case_id: CaseId, body: ExecuteIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("execute"))
    actions.execute(case, actor=_actor(request), executed_on=body.executed_on, note=body.note)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/close", response=STEP, summary="结案归档")
def case_close(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("close"))
    actions.close(case, actor=_actor(request))
    return _detail(request, case_id)


@router.post("/cases/{case_id}/transfer", response=STEP, summary="移送司法机关")
def case_transfer(request: HttpRequest, case_id: CaseId, body: TransferIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("transfer"))
    actions.transfer(case, actor=_actor(request), transferred_to=body.transferred_to, reason=body.reason)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/publish", response=STEP, summary="公示决定")
def case_publish(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.publish(case, actor=_actor(request))
    return _detail(request, case_id)


@router.post(
    "/cases/{case_id}/record_reversal", response=STEP, summary="记录决定被变更、撤销或者确认违法、无效"
)
def case_record_reversal(request: HttpRequest, case_id: CaseId, body: ReversalIn) -> dict[str, Any]:
    """A published decision must then be withdrawn within 3 working days (`withdrawal_due_on`)."""
    case = _visible_case(request, case_id)
    actions.record_reversal(
        case,
        actor=_actor(request),
        reversed_on=body.reversed_on,
        reason=body.reason,
        effective_on=body.effective_on,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/withdraw_publicity", response=STEP, summary="撤回公示")
def case_withdraw_publicity(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.withdraw_publicity(case, actor=_actor(request))
    return _detail(request, case_id)
