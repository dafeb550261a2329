"""The complaint figures of a year, for the annual report (the report of 2021: no enforcement
complaint, no unlawful act reported by the public, no case to transfer), counted in SQL from the
complaints received that year; and the same figures registered in core.figures.

A complaint counts in the year it was received, once registered (a portal submission that was
not registered — advertising, an empty form — is no complaint). The platform serves one agency,
so the `agency` argument of a figure does not narrow the complaints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.complaints.models import Complaint
from fazhi.core.figures import Figure, FigureValue, RecordRef

S = Complaint.Status

# What each figure counts among the complaints received in the year.
CONDITIONS: dict[str, Q] = {
    "received": Q(),
    "accepted": Q(status__in=[S.ACCEPTED, S.ANSWERED]),
    "answered": Q(status=S.ANSWERED),
    "answered_in_time": Q(status=S.ANSWERED, replied_on__lte=F("reply_due_on")),
    "led_to_cases": Q(enforcement_case__isnull=False),
    "transferred": Q(status=S.TRANSFERRED),
    "judicial_transfers": Q(judicial_transferred_on__isnull=False),
}


@dataclass(frozen=True)
class ComplaintFigures:
    year: int
    received: int
    accepted: int
    answered: int
    answered_in_time: int
    led_to_cases: int
    transferred: int  # passed to the competent authority
    judicial_transfers: int
    complaints: int  # of `received`, by kind
    reports: int
    hotline: int  # of `received`, by channel
    portal: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _of_year(year: int, agency: Any = None) -> QuerySet[Complaint]:
    """The registered complaints of `year` addressed to `agency` (every agency's for None)."""
    return Complaint.objects.registered().of_agency(agency).filter(received_on__year=year)


def complaint_figures(year: int, agency: Any = None) -> ComplaintFigures:
    """The figures of `year` of the complaints addressed to `agency` (an Organization or its
    id; every agency's for None), in one aggregate."""
    counts = _of_year(year, agency).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in CONDITIONS.items()},
        complaints=Count("pk", filter=Q(kind=Complaint.Kind.COMPLAINT)),
        reports=Count("pk", filter=Q(kind=Complaint.Kind.REPORT)),
        hotline=Count("pk", filter=Q(channel=Complaint.Channel.HOTLINE)),
        portal=Count("pk", filter=Q(channel=Complaint.Channel.PORTAL)),
    )
    return ComplaintFigures(year=year, **counts)


def _figure(name: str) -> Callable[[Any, int], FigureValue]:
    def compute(agency: Any, year: int) -> FigureValue:
        rows = (
            _of_year(year, agency)
            .filter(CONDITIONS[name])
            .order_by("received_on", "pk")
            .values_list("pk", "subject")
        )
        records = [
            RecordRef("complaints.complaint", pk, subject, reverse("complaints:detail", args=[pk]))
            for pk, subject in rows
        ]
        return FigureValue(len(records), tuple(records))

    compute.__name__ = f"complaints_{name}"
    return compute


SYSTEM = _("执法投诉举报")
LABELS = {
    "received": _("收到执法投诉举报"),
    "accepted": _("受理执法投诉举报"),
    "answered_in_time": _("按期答复执法投诉举报"),
    "led_to_cases": _("由投诉举报立案查处"),
    "transferred": _("转交有权处理的机关"),
    "judicial_transfers": _("由投诉举报移送司法机关"),
}
FIGURES = [
    Figure(f"complaints.{name}", label, _("件"), _figure(name), system=SYSTEM, order=order)
    for order, (name, label) in enumerate(LABELS.items())
]
