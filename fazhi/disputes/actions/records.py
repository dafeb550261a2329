"""Court observations and dispute screenings."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    clean_text,
    require,
)
from fazhi.disputes import permissions
from fazhi.disputes.actions._common import _day, _division
from fazhi.disputes.models import (
    CourtObservation,
    DisputeScreening,
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
        agency=agency_for(actor),
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
        agency=agency_for(actor, _division(actor)),
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
