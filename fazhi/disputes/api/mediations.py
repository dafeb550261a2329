"""Administrative mediation: the list, a mediation, the request, acceptance, meetings and the
conclusion."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query

from fazhi.disputes import actions
from fazhi.disputes.api._common import MediationId, router
from fazhi.disputes.api.rows import READ, _at, _handler, _page, _reader, _registrar, _responses
from fazhi.disputes.api.schemas import (
    MediationAcceptIn,
    MediationConcludeIn,
    MediationDetailOut,
    MediationPageOut,
    MediationQuery,
    MeetingIn,
    RequestMediationIn,
)
from fazhi.disputes.models import Mediation

# --- mediation


def _mediations(request: HttpRequest) -> QuerySet[Mediation]:
    return Mediation.objects.visible_to(_reader(request)).select_related("division")


def _mediation(request: HttpRequest, pk: int) -> Mediation:
    mediation = _mediations(request).select_related("created_by").filter(pk=pk).first()
    if mediation is None:
        raise Http404
    return mediation


def _mediation_summary(mediation: Mediation) -> dict[str, Any]:
    return {
        "id": mediation.pk,
        "kind": mediation.kind,
        "kind_label": str(mediation.get_kind_display()),
        "parties": mediation.parties,
        "division": mediation.division.name,
        "status": mediation.status,
        "status_label": str(mediation.get_status_display()),
        "requested_on": mediation.requested_on,
        "accepted_on": mediation.accepted_on,
        "closed_on": mediation.closed_on,
    }


def _mediation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    mediation = _mediation(request, pk)
    return {
        **_mediation_summary(mediation),
        "summary": mediation.summary,
        "refusal_reason": mediation.refusal_reason,
        "agreement": mediation.agreement,
        "failure_reason": mediation.failure_reason,
        "meetings": [
            {"id": m.pk, "held_on": m.held_on, "participants": m.participants, "note": m.note}
            for m in mediation.meetings.order_by("held_on", "pk")
        ],
        "created_by": mediation.created_by.display_name,
    }


# ---------------------------------------------------------------------------------------------
# Mediation


@router.get("/mediations", response={200: MediationPageOut, **READ}, summary="行政调解")
def mediation_list(request: HttpRequest, query: Query[MediationQuery]) -> dict[str, Any]:
    """Newest request first. Two queries."""
    mediations = _mediations(request)
    if query.status:
        mediations = mediations.filter(status=query.status)
    if query.year is not None:
        mediations = mediations.filter(requested_on__year=query.year)
    count = mediations.count()
    page = mediations.order_by("-requested_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_mediation_summary(m) for m in page])


@router.get("/mediations/{mediation_id}", response={200: MediationDetailOut, **READ}, summary="行政调解详情")
def mediation_detail(request: HttpRequest, mediation_id: MediationId) -> dict[str, Any]:
    return _mediation_detail(request, mediation_id)


@router.post("/mediations", response=_responses(MediationDetailOut, 201), summary="登记行政调解申请")
def mediation_request(request: HttpRequest, body: RequestMediationIn) -> tuple[int, dict[str, Any]]:
    """Mediation is voluntary and free of charge (天津市行政调解规定第三条、第五条)."""
    actor = _registrar(request)
    mediation = actions.request_mediation(
        actor=actor,
        kind=body.kind,
        parties=body.parties,
        summary=body.summary,
        requested_on=body.requested_on,
    )
    return 201, _mediation_detail(request, mediation.pk)


@router.post(
    "/mediations/{mediation_id}/accept", response=_responses(MediationDetailOut), summary="受理调解申请"
)
def mediation_accept(
    request: HttpRequest, mediation_id: MediationId, body: MediationAcceptIn
) -> dict[str, Any]:
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    _at(mediation, actions.MEDIATION["accept"])
    actions.accept_mediation(mediation, actor=actor, accepted_on=body.accepted_on)
    return _mediation_detail(request, mediation_id)


@router.post(
    "/mediations/{mediation_id}/meetings", response=_responses(MediationDetailOut), summary="记录调解会"
)
def mediation_meeting(request: HttpRequest, mediation_id: MediationId, body: MeetingIn) -> dict[str, Any]:
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    actions.add_meeting(
        mediation, actor=actor, held_on=body.held_on, participants=body.participants, note=body.note
    )
    return _mediation_detail(request, mediation_id)


@router.post(
    "/mediations/{mediation_id}/conclude", response=_responses(MediationDetailOut), summary="调解结案"
)
def mediation_conclude(
    request: HttpRequest, mediation_id: MediationId, body: MediationConcludeIn
) -> dict[str, Any]:
    """An agreement (`agreed`: true), after at least one mediation meeting, or the record that
    mediation failed."""
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    _at(mediation, actions.MEDIATION["agree"] if body.agreed else actions.MEDIATION["fail"])
    actions.conclude_mediation(
        mediation, actor=actor, agreed=body.agreed, text=body.text, closed_on=body.closed_on
    )
    return _mediation_detail(request, mediation_id)
