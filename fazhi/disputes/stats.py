"""The reconsideration, litigation and mediation figures of a year, counted from the records
(the annual report's "无新发生行政诉讼和行政复议案件" and "组织机关干部旁听庭审")."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum

from fazhi.disputes.models import CourtObservation, DisputeScreening, Litigation, Mediation, Reconsideration


@dataclass(frozen=True)
class DisputeFigures:
    year: int
    reconsiderations: int  # application copies received in the year
    replies_in_time: int
    reconsiderations_reversed: int  # decided in the year: changed, revoked, unlawful or void
    litigations: int  # complaints received in the year
    defences_in_time: int
    court_hearings: int  # hearings held in the year
    head_appearances: int  # of which the head appeared
    judicial_recommendations: int
    litigations_reversed: int
    mediations: int  # requested in the year
    mediations_agreed: int
    observations: int
    observers: int
    screenings: int
    disputes_found: int
    disputes_resolved: int

    @property
    def head_appearance_rate(self) -> float | None:
        return None if not self.court_hearings else round(self.head_appearances / self.court_hearings, 4)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "head_appearance_rate": self.head_appearance_rate}


def dispute_figures(year: int, agency: Any = None) -> DisputeFigures:
    """The figures of `year` of `agency`'s records (an Organization or its id; every
    agency's for None)."""
    rec = Reconsideration.objects.of_agency(agency).aggregate(
        n=Count("pk", filter=Q(received_on__year=year)),
        in_time=Count("pk", filter=Q(received_on__year=year, replied_on__lte=F("reply_due_on"))),
        reversed=Count("pk", filter=Q(decided_on__year=year, outcome__in=Reconsideration.REVERSING)),
    )
    lit = Litigation.objects.of_agency(agency).aggregate(
        n=Count("pk", filter=Q(complaint_received_on__year=year)),
        in_time=Count("pk", filter=Q(complaint_received_on__year=year, defended_on__lte=F("defence_due_on"))),
        heard=Count("pk", filter=Q(heard_on__year=year)),
        heads=Count("pk", filter=Q(heard_on__year=year, head_appeared=True)),
        recommendations=Count("pk", filter=Q(judged_on__year=year) & ~Q(judicial_recommendation="")),
        reversed=Count("pk", filter=Q(judged_on__year=year, outcome__in=Litigation.REVERSING)),
    )
    med = Mediation.objects.of_agency(agency).aggregate(
        n=Count("pk", filter=Q(requested_on__year=year)),
        agreed=Count("pk", filter=Q(requested_on__year=year, status=Mediation.Status.AGREED)),
    )
    obs = (
        CourtObservation.objects.of_agency(agency)
        .filter(held_on__year=year)
        .aggregate(n=Count("pk"), people=Sum("attendees"))
    )
    scr = (
        DisputeScreening.objects.of_agency(agency)
        .filter(screened_on__year=year)
        .aggregate(n=Count("pk"), found=Sum("found"), resolved=Sum("resolved"))
    )
    return DisputeFigures(
        year=year,
        reconsiderations=rec["n"],
        replies_in_time=rec["in_time"],
        reconsiderations_reversed=rec["reversed"],
        litigations=lit["n"],
        defences_in_time=lit["in_time"],
        court_hearings=lit["heard"],
        head_appearances=lit["heads"],
        judicial_recommendations=lit["recommendations"],
        litigations_reversed=lit["reversed"],
        mediations=med["n"],
        mediations_agreed=med["agreed"],
        observations=obs["n"],
        observers=obs["people"] or 0,
        screenings=scr["n"],
        disputes_found=scr["found"] or 0,
        disputes_resolved=scr["resolved"] or 0,
    )
