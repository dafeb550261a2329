"""The enforcement figures of a year, counted from the cases (the annual report's "我局未发生
重大行政处罚…及需移交司法机关的行政执法刑事案件" is these numbers, not prose)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q

from fazhi.enforcement.models import EnforcementCase

S = EnforcementCase.Status
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices


@dataclass(frozen=True)
class YearFigures:
    year: int
    filed: int  # cases filed in the year
    decided: int  # decisions made in the year
    penalties: int  # of which a penalty was given
    no_penalty: int
    major: int  # decisions of the year that were major (legality-checked)
    hearings: int  # hearings held in the year
    decided_in_time: int  # within the decision limit (or its recorded extension not counted)
    fines_total: str  # yuan, as a decimal string
    published: int  # decisions of the year published
    published_in_time: int
    withdrawn: int  # publications withdrawn in the year
    transferred: int  # cases transferred to the judicial organs in the year
    open_cases: int  # open at the end of the year (or today, for the current year)
    by_category: dict[str, int]

    @property
    def publicity_rate(self) -> float | None:
        """Share of the year's decisions published within their limit (None without decisions)."""
        return None if not self.decided else round(self.published_in_time / self.decided, 4)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "publicity_rate": self.publicity_rate}


def year_figures(year: int, *, today: datetime.date | None = None) -> YearFigures:
    cases = EnforcementCase.objects.all()
    decided = cases.filter(decided_on__year=year)
    counts = decided.aggregate(
        n=Count("pk"),
        penalties=Count("pk", filter=Q(outcome=O.PENALTY)),
        no_penalty=Count("pk", filter=Q(outcome=O.NO_PENALTY)),
        in_time=Count("pk", filter=Q(decided_on__lte=F("decision_due_on"))),
        published=Count("pk", filter=Q(published_on__isnull=False)),
        published_in_time=Count("pk", filter=Q(published_on__lte=F("publicity_due_on"))),
    )
    major = sum(1 for grounds in decided.values_list("major_grounds", flat=True) if grounds)
    fines = sum(
        (f for f in decided.filter(outcome=O.PENALTY).values_list("fine_amount", flat=True) if f), start=0
    )
    end = datetime.date(year, 12, 31)
    if today is not None and today < end:
        end = today
    open_at_end = (
        cases.filter(filed_on__lte=end).exclude(closed_on__lte=end).exclude(transferred_on__lte=end).count()
    )
    by_category = dict(
        cases.filter(filed_on__year=year).order_by().values_list("category").annotate(n=Count("pk"))
    )
    return YearFigures(
        year=year,
        filed=cases.filter(filed_on__year=year).count(),
        decided=counts["n"],
        penalties=counts["penalties"],
        no_penalty=counts["no_penalty"],
        major=major,
        hearings=cases.filter(hearing_held_on__year=year).count(),
        decided_in_time=counts["in_time"],
        fines_total=f"{fines:.2f}",
        published=counts["published"],
        published_in_time=counts["published_in_time"],
        withdrawn=cases.filter(withdrawn_on__year=year).count(),
        transferred=cases.filter(transferred_on__year=year).count(),
        open_cases=open_at_end,
        by_category={c: by_category.get(c, 0) for c in EnforcementCase.Category.values},
    )
