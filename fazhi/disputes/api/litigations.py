"""Administrative litigation with the bureau as defendant: the list, a case, registration, the
defence, the judgment and its taking effect."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query

from fazhi.core.clock import today as _today
from fazhi.disputes import actions
from fazhi.disputes.api._common import LitigationId, router
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
    DefenceIn,
    JudgmentEffectIn,
    JudgmentIn,
    LitigationDetailOut,
    LitigationPageOut,
    LitigationQuery,
    RegisterLitigationIn,
)
from fazhi.disputes.models import Litigation

# --- litigation


def _litigations(request: HttpRequest) -> QuerySet[Litigation]:
    return Litigation.objects.visible_to(_reader(request)).select_related("division")


def _litigation(request: HttpRequest, pk: int) -> Litigation:
    case = (
        _litigations(request)
        .select_related("enforcement_case", "defence_rule", "head", "created_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _litigation_summary(case: Litigation, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "plaintiff": case.plaintiff,
        "court": case.court,
        "case_number": case.case_number,
        "instance": case.instance,
        "instance_label": str(case.get_instance_display()),
        "division": case.division.name,
        "head_required": case.head_required,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "complaint_received_on": case.complaint_received_on,
        "defence_due_on": case.defence_due_on,
        "defended_on": case.defended_on,
        "hearing_on": case.hearing_on,
        "judged_on": case.judged_on,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "enforcement_case_id": case.enforcement_case_id,
        "overdue": case.overdue_steps(today),
    }


def _litigation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    case = _litigation(request, pk)
    return {
        **_litigation_summary(case, _today()),
        "challenged_act": case.challenged_act,
        "enforcement_case_code": case.enforcement_case.code if case.enforcement_case else None,
        "defence_deadline": _deadline(case.defence_deadline),
        "head": case.head.display_name if case.head else None,
        "head_capacity": case.head_capacity,
        "excuse": case.excuse,
        "excuse_label": str(case.get_excuse_display()) if case.excuse else "",
        "excuse_detail": case.excuse_detail,
        "proof_form": case.proof_form,
        "appearing_staff": case.appearing_staff,
        "heard_on": case.heard_on,
        "head_appeared": case.head_appeared,
        "head_spoke": case.head_spoke,
        "judgment_summary": case.judgment_summary,
        "judicial_recommendation": case.judicial_recommendation,
        "effective_on": case.effective_on,
        "reverses_act": case.reverses_act,
        "created_by": case.created_by.display_name,
    }


# ---------------------------------------------------------------------------------------------
# Litigation


@router.get("/litigations", response={200: LitigationPageOut, **READ}, summary="行政诉讼（本机关为被告）")
def litigation_list(request: HttpRequest, query: Query[LitigationQuery]) -> dict[str, Any]:
    """Newest complaint first. Two queries."""
    cases = _litigations(request)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.year is not None:
        cases = cases.filter(complaint_received_on__year=query.year)
    count = cases.count()
    today = _today()
    page = cases.order_by("-complaint_received_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_litigation_summary(case, today) for case in page])


@router.get(
    "/litigations/{litigation_id}", response={200: LitigationDetailOut, **READ}, summary="行政诉讼详情"
)
def litigation_detail(request: HttpRequest, litigation_id: LitigationId) -> dict[str, Any]:
    return _litigation_detail(request, litigation_id)


@router.post("/litigations", response=_responses(LitigationDetailOut, 201), summary="登记行政诉讼")
def litigation_register(request: HttpRequest, body: RegisterLitigationIn) -> tuple[int, dict[str, Any]]:
    """The court served the complaint: the defence and evidence are due within 15 days
    (《行政诉讼法》第六十七条). An unknown `enforcement_case_id` answers 422."""
    actor = _registrar(request)
    case = actions.register_litigation(
        actor=actor,
        plaintiff=body.plaintiff,
        court=body.court,
        challenged_act=body.challenged_act,
        complaint_received_on=body.complaint_received_on,
        instance=body.instance,
        case_number=body.case_number,
        head_required=body.head_required,
        enforcement_case=_linked_case(actor, body.enforcement_case_id),
    )
    return 201, _litigation_detail(request, case.pk)


@router.post(
    "/litigations/{litigation_id}/defence", response=_responses(LitigationDetailOut), summary="提交答辩状"
)
def litigation_defence(request: HttpRequest, litigation_id: LitigationId, body: DefenceIn) -> dict[str, Any]:
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    _at(case, actions.LITIGATION["defence"])
    actions.submit_defence(case, actor=actor, defended_on=body.defended_on)
    return _litigation_detail(request, litigation_id)


@router.post(
    "/litigations/{litigation_id}/judgment", response=_responses(LitigationDetailOut), summary="记录裁判"
)
def litigation_judgment(
    request: HttpRequest, litigation_id: LitigationId, body: JudgmentIn
) -> dict[str, Any]:
    """A judgment that revokes, changes, or declares the act unlawful or void is recorded on the
    linked enforcement case."""
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    _at(case, actions.LITIGATION["judgment"])
    actions.record_judgment(
        case,
        actor=actor,
        judged_on=body.judged_on,
        outcome=body.outcome,
        summary=body.summary,
        judicial_recommendation=body.judicial_recommendation,
        effective_on=body.effective_on,
    )
    return _litigation_detail(request, litigation_id)


@router.post(
    "/litigations/{litigation_id}/judgment_effect",
    response=_responses(LitigationDetailOut),
    summary="记录裁判发生法律效力",
)
def litigation_judgment_effect(
    request: HttpRequest, litigation_id: LitigationId, body: JudgmentEffectIn
) -> dict[str, Any]:
    """A first-instance judgment took legal effect (the appeal period ran out without an appeal):
    a reversing one is then recorded on the linked enforcement case, and its publicity is
    withdrawn within 3 working days of this day (《行政处罚法》第四十八条)."""
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    actions.record_judgment_effect(case, actor=actor, effective_on=body.effective_on)
    return _litigation_detail(request, litigation_id)
