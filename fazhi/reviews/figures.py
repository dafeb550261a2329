"""The legality-review figures of a year for the annual report (core.figures): matters
concluded in the year, the opinions given on them, and the adoption rate of the answered
opinions ("60余个事项提出近200条法审意见")."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, agency_scope, count_of, rate_of
from fazhi.reviews.models import ReviewOpinion, ReviewRequest

SYSTEM = _("合法性审核")
R = ReviewOpinion.Response
CONCLUDED = [ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED]


def _opinions(agency: Any, year: int) -> Any:
    return ReviewOpinion.objects.filter(
        agency_scope(agency, "review__agency"),
        review__status__in=CONCLUDED,
        review__concluded_on__year=year,
    )


def matters(agency: Any, year: int) -> FigureValue:
    return count_of(ReviewRequest.objects.concluded_in(year).filter(agency_scope(agency, "agency")))


def opinions(agency: Any, year: int) -> FigureValue:
    return count_of(_opinions(agency, year), "review__title")


def adoption_rate(agency: Any, year: int) -> FigureValue:
    """(adopted + partly adopted) / answered opinions."""
    answered = _opinions(agency, year).filter(response__in=R.values)
    adopted = answered.filter(Q(response=R.ADOPTED) | Q(response=R.PARTLY_ADOPTED))
    return rate_of(adopted, answered, "review__title")


FIGURES = [
    Figure("reviews.matters", _("合法性审核事项"), _("个"), matters, SYSTEM, 10),
    Figure("reviews.opinions", _("提出法审意见"), _("条"), opinions, SYSTEM, 20),
    Figure("reviews.adoption_rate", _("法审意见采纳率"), _("%"), adoption_rate, SYSTEM, 30),
]
