"""What the endpoints share: the cases a reader may see, the rows they answer, the step
checks before an action."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse

from fazhi.core.api.schemas import ErrorOut
from fazhi.core.models import User
from fazhi.core.workflow import InvalidTransition
from fazhi.enforcement import actions, permissions
from fazhi.enforcement import public_views as public
from fazhi.enforcement.api._common import ERRORS
from fazhi.enforcement.api.schemas import CaseDetailOut, CasePageQuery
from fazhi.enforcement.models import CaseQuerySet, EnforcementCase
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest, subject_key

# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _page(query: CasePageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _actor(request: HttpRequest) -> User:
    """The signed-in user: the API's authentication has already refused anyone else."""
    return request.user  # type: ignore[return-value]


def _public_decision(request: HttpRequest, case: EnforcementCase) -> dict[str, Any]:
    url = reverse("public_enforcement:detail", args=[case.pk])
    return {**public.public_row(case), "url": request.build_absolute_uri(url)}


def _summary(case: EnforcementCase, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "code": case.code,
        "title": case.title,
        "category": case.category,
        "category_label": str(case.get_category_display()),
        "division": case.division.name,
        "party_name": case.party_name,
        "party_kind": case.party_kind,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "filed_on": case.filed_on,
        "decision_due_on": case.decision_due_on,
        "decided_on": case.decided_on,
        "decision_number": case.decision_number,
        "published_on": case.published_on,
        "withdrawn_on": case.withdrawn_on,
        "is_major": case.is_major,
        "overdue": case.overdue_steps(today),
    }


def _legality_check(case: EnforcementCase) -> dict[str, Any] | None:
    """Whether the gate of Art 58 lets the head decide, and the case's latest review request
    (pending or concluded)."""
    if not case.is_major:
        return None
    gate = review_gate(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT)
    subject_type, subject_id = subject_key(case)
    latest = (
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .order_by("-pk")
        .only("pk", "status")
        .first()
    )
    return {
        "cleared": gate.allowed,
        "reason": gate.reason,
        "review_id": latest.pk if latest else None,
        "review_status": latest.status if latest else None,
        "review_status_label": str(latest.get_status_display()) if latest else None,
    }


def _detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case as it now stands, read afresh after a step."""
    case = _visible_case(request, case_id)
    records = case.records.select_related("recorded_by").order_by("recorded_on", "pk")
    return {
        **_summary(case, public.today()),
        "party_code": case.party_code,
        "facts": case.facts,
        "discovered_on": case.discovered_on,
        "violation_occurred_on": case.violation_occurred_on,
        "continuing_act": case.continuing_act,
        "violation_ended_on": case.violation_ended_on,
        "grave_harm": case.grave_harm,
        "filed_by": case.filed_by.display_name,
        "officers": [
            {"certificate_number": o.certificate_number, "name": o.name}
            for o in case.officers.order_by("certificate_number")
        ],
        "major_grounds": list(case.major_grounds),
        "major_ground_labels": case.major_ground_labels(),
        "legality_check": _legality_check(case),
        "notified_on": case.notified_on,
        "proposed_decision": case.proposed_decision,
        "hearing_right": case.hearing_right,
        "hearing_request_due_on": case.hearing_request_due_on,
        "statement": case.statement,
        "waived": case.waived,
        "hearing_requested_on": case.hearing_requested_on,
        "hearing_on": case.hearing_on,
        "hearing_notified_on": case.hearing_notified_on,
        "hearing_held_on": case.hearing_held_on,
        "hearing_record": case.hearing_record,
        "decided_by": case.decided_by.display_name if case.decided_by else None,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "decision_text": case.decision_text,
        "fine_amount": f"{case.fine_amount:.2f}" if case.fine_amount is not None else None,
        "overdue_reason": case.overdue_reason,
        "extension_basis": case.extension_basis,
        "service_due_on": case.service_due_on,
        "served_on": case.served_on,
        "service_method": case.service_method,
        "late_service_reason": case.late_service_reason,
        "executed_on": case.executed_on,
        "execution_note": case.execution_note,
        "closed_on": case.closed_on,
        "publicity_due_on": case.publicity_due_on,
        "reversed_on": case.reversed_on,
        "reversal_effective_on": case.reversal_effective_on,
        "reversal_reason": case.reversal_reason,
        "withdrawal_due_on": case.withdrawal_due_on,
        "transferred_on": case.transferred_on,
        "transferred_to": case.transferred_to,
        "transfer_reason": case.transfer_reason,
        "records": [
            {
                "id": r.pk,
                "step": r.step,
                "step_label": str(r.get_step_display()),
                "kind": r.kind,
                "kind_label": str(r.get_kind_display()),
                "title": r.title,
                "note": r.note,
                "recorded_on": r.recorded_on,
                "recorded_by": r.recorded_by.display_name,
            }
            for r in records
        ],
        "public_url": request.build_absolute_uri(reverse("public_enforcement:detail", args=[case.pk]))
        if case.published_on
        else None,
    }


def _cases(request: HttpRequest) -> CaseQuerySet:
    if not permissions.can_open_area(request.user):
        raise Http404
    return EnforcementCase.objects.visible_to(request.user).select_related(
        "division", "filed_by", "decided_by"
    )


def _visible_case(request: HttpRequest, case_id: int) -> EnforcementCase:
    case = _cases(request).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def _case_at(request: HttpRequest, case_id: int, sources: frozenset[str], step: str) -> EnforcementCase:
    """The visible case, in a state the step is taken from: otherwise 409 naming the state, as
    the transition helper words it. The action then checks who may take the step (404 if not)."""
    case = _visible_case(request, case_id)
    if case.status not in sources:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能{step}")
    return case


def _transition(name: str) -> tuple[frozenset[str], str]:
    transition = actions.TRANSITIONS[name]
    return transition.sources, transition.label


STEP = {200: CaseDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}
