"""The government-service figures of a year, from the records."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q

from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter

C = Commitment.Status


@dataclass(frozen=True)
class ServiceFigures:
    year: int
    matters: int
    published: int
    commitment_matters: int
    with_supervision_rules: int
    commitments: int  # signed in the year
    verified: int
    verified_in_time: int
    false_found: int
    awaiting_verification: int  # on `today`
    overdue_verification: int
    credit_records_open: int  # made by the year's end and not repaired by then
    delegated_powers: int  # in force on `today`

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def service_figures(year: int, *, today: datetime.date, agency: Any = None) -> ServiceFigures:
    """The figures of `year` of `agency` (an Organization or its id; every agency's for None)."""
    matters = ServiceMatter.objects.of_agency(agency).aggregate(
        n=Count("pk"),
        published=Count("pk", filter=Q(published=True)),
        commitment=Count("pk", filter=Q(commitment_allowed=True)),
        rules=Count("pk", filter=Q(commitment_allowed=True) & ~Q(supervision_rules="")),
    )
    commitments = (
        Commitment.objects.of_agency(agency)
        .filter(signed_on__year=year)
        .aggregate(
            n=Count("pk"),
            verified=Count("pk", filter=Q(status__in=[C.VERIFIED, C.FALSE])),
            in_time=Count("pk", filter=Q(verified_on__lte=F("verification_due_on"))),
            false=Count("pk", filter=Q(status=C.FALSE)),
            waiting=Count("pk", filter=Q(status=C.ACCEPTED)),
            overdue=Count("pk", filter=Q(status=C.ACCEPTED, verification_due_on__lt=today)),
        )
    )
    end = datetime.date(year, 12, 31)
    return ServiceFigures(
        year=year,
        matters=matters["n"],
        published=matters["published"],
        commitment_matters=matters["commitment"],
        with_supervision_rules=matters["rules"],
        commitments=commitments["n"],
        verified=commitments["verified"],
        verified_in_time=commitments["in_time"],
        false_found=commitments["false"],
        awaiting_verification=commitments["waiting"],
        overdue_verification=commitments["overdue"],
        credit_records_open=CreditRecord.objects.of_agency(agency)
        .filter(recorded_on__lte=end)
        .filter(Q(repaired_on__isnull=True) | Q(repaired_on__gt=end))
        .count(),
        delegated_powers=DelegatedPower.objects.of_agency(agency)
        .filter(status=DelegatedPower.Status.DELEGATED)
        .count(),
    )
