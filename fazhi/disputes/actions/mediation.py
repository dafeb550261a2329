"""Administrative mediation: the request, acceptance or refusal, meetings, the conclusion."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.disputes import permissions
from fazhi.disputes.actions._common import MEDIATION, M, _day, _division
from fazhi.disputes.models import (
    Mediation,
    MediationMeeting,
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
        agency=agency_for(actor, _division(actor)),
        created_by=actor,
    )
    with transaction.atomic():
        mediation.save()
        record_event(
            "mediation.request", actor=actor, obj=mediation, to_status=mediation.status, data={"kind": kind}
        )
    return mediation


def accept_mediation(mediation: Mediation, *, actor: User, accepted_on: datetime.date) -> None:
    require(permissions.can_handle(actor, mediation))
    accepted_on = _day(accepted_on, "受理日期", not_before=mediation.requested_on)
    apply_transition(
        mediation, MEDIATION["accept"], actor=actor, verb="mediation.accept", accepted_on=accepted_on
    )


def refuse_mediation(mediation: Mediation, *, actor: User, reason: str) -> None:
    require(permissions.can_handle(actor, mediation))
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
    require(permissions.can_handle(actor, mediation))
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
    require(permissions.can_handle(actor, mediation))
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
