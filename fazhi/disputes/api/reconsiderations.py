"""Reconsiderations with the bureau as respondent: the list, a matter, registration, the
reply and the decision."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query

from fazhi.core.clock import today as _today
from fazhi.disputes import actions
from fazhi.disputes.api._common import ReconsiderationId, router
from fazhi.disputes.api.rows import (
    READ,
    _at,
    _deadline,
    _handler,
    _linked_case,
    _page,
    _reader,
    _registrar,
    _responses,
)
from fazhi.disputes.api.schemas import (
    ReconsiderationDecisionIn,
    ReconsiderationDetailOut,
    ReconsiderationPageOut,
    ReconsiderationQuery,
    RegisterReconsiderationIn,
    ReplyIn,
)
from fazhi.disputes.models import Reconsideration

# --- reconsideration


def _reconsiderations(request: HttpRequest) -> QuerySet[Reconsideration]:
    return Reconsideration.objects.visible_to(_reader(request)).select_related("division")


def _reconsideration(request: HttpRequest, pk: int) -> Reconsideration:
    case = (
        _reconsiderations(request)
        .select_related("enforcement_case", "reply_rule", "created_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _reconsideration_summary(case: Reconsideration, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "applicant": case.applicant,
        "organ": case.organ,
        "case_number": case.case_number,
        "division": case.division.name,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "received_on": case.received_on,
        "reply_due_on": case.reply_due_on,
        "replied_on": case.replied_on,
        "decided_on": case.decided_on,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "enforcement_case_id": case.enforcement_case_id,
        "overdue": case.overdue_steps(today),
    }


def _reconsideration_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The record as it now stands, read afresh after a step."""
    case = _reconsideration(request, pk)
    return {
        **_reconsideration_summary(case, _today()),
        "challenged_act": case.challenged_act,
        "enforcement_case_code": case.enforcement_case.code if case.enforcement_case else None,
        "reply_deadline": _deadline(case.reply_deadline),
        "reply_summary": case.reply_summary,
        "hearing_on": case.hearing_on,
        "head_attended": case.head_attended,
        "attendee": case.attendee,
        "absence_reason": case.absence_reason,
        "decision_summary": case.decision_summary,
        "decision_served_on": case.decision_served_on,
        "reverses_act": case.reverses_act,
        "opinion_letter_on": case.opinion_letter_on,
        "correction_due_on": case.correction_due_on,
        "correction_reported_on": case.correction_reported_on,
        "performed_on": case.performed_on,
        "performance_note": case.performance_note,
        "created_by": case.created_by.display_name,
    }


# ---------------------------------------------------------------------------------------------
# Reconsideration. The fixed paths come before /{reconsideration_id}.


@router.get(
    "/reconsiderations",
    response={200: ReconsiderationPageOut, **READ},
    summary="行政复议（本机关为被申请人）",
)
def reconsideration_list(request: HttpRequest, query: Query[ReconsiderationQuery]) -> dict[str, Any]:
    """Newest application copy first. Two queries."""
    cases = _reconsiderations(request)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.year is not None:
        cases = cases.filter(received_on__year=query.year)
    count = cases.count()
    today = _today()
    page = cases.order_by("-received_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_reconsideration_summary(case, today) for case in page])


@router.get(
    "/reconsiderations/{reconsideration_id}",
    response={200: ReconsiderationDetailOut, **READ},
    summary="行政复议详情",
)
def reconsideration_detail(request: HttpRequest, reconsideration_id: ReconsiderationId) -> dict[str, Any]:
    return _reconsideration_detail(request, reconsideration_id)


@router.post("/reconsiderations", response=_responses(ReconsiderationDetailOut, 201), summary="登记行政复议")
def reconsideration_register(
    request: HttpRequest, body: RegisterReconsiderationIn
) -> tuple[int, dict[str, Any]]:
    """The reconsideration organ sent the application copy: the reply and evidence are due
    within 10 working days (《行政复议法》第四十八条). An unknown `enforcement_case_id` answers
    422."""
    actor = _registrar(request)
    case = actions.register_reconsideration(
        actor=actor,
        applicant=body.applicant,
        challenged_act=body.challenged_act,
        received_on=body.received_on,
        organ=body.organ,
        case_number=body.case_number,
        enforcement_case=_linked_case(actor, body.enforcement_case_id),
    )
    return 201, _reconsideration_detail(request, case.pk)


@router.post(
    "/reconsiderations/{reconsideration_id}/reply",
    response=_responses(ReconsiderationDetailOut),
    summary="提交答复和证据",
)
def reconsideration_reply(
    request: HttpRequest, reconsideration_id: ReconsiderationId, body: ReplyIn
) -> dict[str, Any]:
    actor = _handler(request)
    case = _reconsideration(request, reconsideration_id)
    _at(case, actions.RECONSIDERATION["reply"])
    actions.submit_reply(case, actor=actor, replied_on=body.replied_on, summary=body.summary)
    return _reconsideration_detail(request, reconsideration_id)


@router.post(
    "/reconsiderations/{reconsideration_id}/decision",
    response=_responses(ReconsiderationDetailOut),
    summary="记录复议决定",
)
def reconsideration_decision(
    request: HttpRequest, reconsideration_id: ReconsiderationId, body: ReconsiderationDecisionIn
) -> dict[str, Any]:
    """A decision that changes, revokes, or declares the act unlawful or void is recorded on the
    linked enforcement case, whose published decision must then be withdrawn within 3 working
    days (《行政处罚法》第四十八条)."""
    actor = _handler(request)
    case = _reconsideration(request, reconsideration_id)
    _at(case, actions.RECONSIDERATION["decision"])
    actions.record_reconsideration_decision(
        case,
        actor=actor,
        decided_on=body.decided_on,
        served_on=body.served_on,
        outcome=body.outcome,
        summary=body.summary,
    )
    return _reconsideration_detail(request, reconsideration_id)
