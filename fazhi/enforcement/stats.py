"""The enforcement figures of a year of an agency, counted from its cases (the annual report's "未发生
重大行政处罚…及需移交司法机关的行政执法刑事案件" is these numbers, not prose)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum

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


def year_figures(year: int, *, agency: Any = None, today: datetime.date | None = None) -> YearFigures:
    """The figures of `year` of `agency`'s cases (an Organization or its id; every
    department's for None, the public page unfiltered), in one query: every count is a filtered
    aggregate over the cases, the fines a sum, the major decisions those whose Art 58 grounds
    are not empty — nothing is read back into Python row by row (the public page shows them for
    every visitor)."""
    end = datetime.date(year, 12, 31)
    if today is not None and today < end:
        end = today

    def of_year(field: str) -> Q:
        return Q(**{f"{field}__year": year})

    decided = of_year("decided_on")
    penalty = decided & Q(outcome=O.PENALTY)
    filed = of_year("filed_on")
    categories = EnforcementCase.Category.values
    # A case closed before the year began counts in none of its figures, unless its
    # publication was withdrawn in the year: the others need not be aggregated.
    relevant = (
        Q(closed_on__isnull=True) | Q(closed_on__gte=datetime.date(year, 1, 1)) | of_year("withdrawn_on")
    )
    counts = (
        EnforcementCase.objects.of_agency(agency)
        .filter(relevant)
        .aggregate(
            filed=Count("pk", filter=filed),
            decided=Count("pk", filter=decided),
            penalties=Count("pk", filter=penalty),
            no_penalty=Count("pk", filter=decided & Q(outcome=O.NO_PENALTY)),
            major=Count("pk", filter=decided & ~Q(major_grounds=[])),
            hearings=Count("pk", filter=of_year("hearing_held_on")),
            in_time=Count("pk", filter=decided & Q(decided_on__lte=F("decision_due_on"))),
            fines=Sum("fine_amount", filter=penalty),
            published=Count("pk", filter=decided & Q(published_on__isnull=False)),
            published_in_time=Count("pk", filter=decided & Q(published_on__lte=F("publicity_due_on"))),
            withdrawn=Count("pk", filter=of_year("withdrawn_on")),
            transferred=Count("pk", filter=of_year("transferred_on")),
            open_cases=Count(
                "pk",
                filter=Q(filed_on__lte=end)
                & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
                & (Q(transferred_on__isnull=True) | Q(transferred_on__gt=end)),
            ),
            **{f"category_{c}": Count("pk", filter=filed & Q(category=c)) for c in categories},
        )
    )
    return YearFigures(
        year=year,
        filed=counts["filed"],
        decided=counts["decided"],
        penalties=counts["penalties"],
        no_penalty=counts["no_penalty"],
        major=counts["major"],
        hearings=counts["hearings"],
        decided_in_time=counts["in_time"],
        fines_total=f"{counts['fines'] or 0:.2f}",
        published=counts["published"],
        published_in_time=counts["published_in_time"],
        withdrawn=counts["withdrawn"],
        transferred=counts["transferred"],
        open_cases=counts["open_cases"],
        by_category={c: counts[f"category_{c}"] for c in categories},
    )
