"""The reconsideration, litigation and mediation figures of a year for the annual report
(core.figures): applications and complaints received, hearings where the head appeared,
mediations, court observations and the staff who attended, dispute screenings."""

from __future__ import annotations

from typing import Any

from django.db.models import Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, count_of, sum_of
from fazhi.disputes.models import CourtObservation, Litigation, Mediation, Reconsideration

SYSTEM = _("行政复议与行政诉讼")
# A lawsuit's title: the plaintiff against the agency (its short name).
DEFENDANT = Concat(
    "plaintiff", Value("诉"), Coalesce(NullIf("agency__short_name", Value("")), "agency__name")
)


def reconsiderations(agency: Any, year: int) -> FigureValue:
    return count_of(Reconsideration.objects.of_agency(agency).filter(received_on__year=year), "applicant")


def litigations(agency: Any, year: int) -> FigureValue:
    return count_of(
        Litigation.objects.of_agency(agency).filter(complaint_received_on__year=year),
        DEFENDANT,
    )


def head_appearances(agency: Any, year: int) -> FigureValue:
    return count_of(
        Litigation.objects.of_agency(agency).filter(heard_on__year=year, head_appeared=True),
        DEFENDANT,
    )


def mediations(agency: Any, year: int) -> FigureValue:
    return count_of(Mediation.objects.of_agency(agency).filter(requested_on__year=year), "parties")


def court_observations(agency: Any, year: int) -> FigureValue:
    """Court hearings the agency's staff observed in the year."""
    return count_of(CourtObservation.objects.of_agency(agency).filter(held_on__year=year), "case_name")


def court_observers(agency: Any, year: int) -> FigureValue:
    return sum_of(
        CourtObservation.objects.of_agency(agency).filter(held_on__year=year), "attendees", "case_name"
    )


FIGURES = [
    Figure("disputes.reconsiderations", _("行政复议案件（被申请人）"), _("件"), reconsiderations, SYSTEM, 10),
    Figure("disputes.litigations", _("行政诉讼案件（被告）"), _("件"), litigations, SYSTEM, 20),
    Figure("disputes.head_appearances", _("负责人出庭应诉"), _("次"), head_appearances, SYSTEM, 30),
    Figure("disputes.mediations", _("行政调解"), _("件"), mediations, SYSTEM, 40),
    Figure("disputes.court_observations", _("组织旁听庭审"), _("次"), court_observations, SYSTEM, 50),
    Figure("disputes.court_observers", _("旁听庭审人次"), _("人次"), court_observers, SYSTEM, 60),
]
