"""The ledger's figures of a year (the annual report's part on the first responsible persons:
key tasks on the wall, their completion and supervision), of one agency (of all for None)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q

from fazhi.ledger.models import LeadingGroupMember, LedgerItem, Supervision

S = LedgerItem.Status


@dataclass(frozen=True)
class LedgerFigures:
    year: int
    group_head: str
    group_deputies: int
    group_members: int
    tasks: int  # not cancelled
    done: int
    done_in_time: int
    overdue: int  # open past their date (on `today`)
    supervisions: int
    responded_in_time: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ledger_figures(year: int, *, today: datetime.date, agency: Any = None) -> LedgerFigures:
    of_agency = Q() if agency is None else Q(agency=agency)
    items = LedgerItem.objects.filter(of_agency, year=year).exclude(status=S.CANCELLED)
    counts = items.aggregate(
        n=Count("pk"),
        done=Count("pk", filter=Q(status=S.DONE)),
        in_time=Count("pk", filter=Q(status=S.DONE, completed_on__lte=F("due_on"))),
        overdue=Count("pk", filter=Q(status__in=LedgerItem.OPEN, due_on__lt=today)),
    )
    supervision = (
        Supervision.objects.filter(item__year=year)
        .filter(Q() if agency is None else Q(item__agency=agency))
        .exclude(item__status=S.CANCELLED)
        .aggregate(n=Count("pk"), in_time=Count("pk", filter=Q(responded_on__lte=F("respond_by"))))
    )
    group = LeadingGroupMember.objects.filter(of_agency, year=year)
    head = group.filter(position=LeadingGroupMember.Position.HEAD).values_list("name", flat=True).first()
    return LedgerFigures(
        year=year,
        group_head=head or "",
        group_deputies=group.filter(position=LeadingGroupMember.Position.DEPUTY).count(),
        group_members=group.filter(position=LeadingGroupMember.Position.MEMBER).count(),
        tasks=counts["n"],
        done=counts["done"],
        done_in_time=counts["in_time"],
        overdue=counts["overdue"],
        supervisions=supervision["n"],
        responded_in_time=supervision["in_time"],
    )
