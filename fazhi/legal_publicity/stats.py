"""The legal-publicity figures of a year, from the records."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum

from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem


@dataclass(frozen=True)
class PublicityFigures:
    year: int
    plan: str  # the plan in force that year, if any
    activities: int
    by_kind: dict[str, int]
    internal: int
    public: int
    reach: int
    cases_explained: int
    responsibilities: int
    responsibilities_done: int
    responsibilities_done_in_time: int
    plan_drafting: str = ""  # a plan being researched and drafted that year, not yet adopted

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def publicity_figures(year: int, agency: Any = None) -> PublicityFigures:
    """The year's figures of `agency` (of every agency for None)."""
    of_agency = Q() if agency is None else Q(agency=agency)
    activities = Activity.objects.filter(of_agency, held_on__year=year)
    totals = activities.aggregate(
        n=Count("pk"),
        internal=Count("pk", filter=Q(audience=Activity.Audience.INTERNAL)),
        public=Count("pk", filter=Q(audience=Activity.Audience.PUBLIC)),
        reach=Sum("reach"),
        cases=Count("pk", filter=Q(kind=Activity.Kind.CASE)),
    )
    kinds = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    items = ResponsibilityItem.objects.filter(of_agency, year=year).aggregate(
        n=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False)),
        in_time=Count("pk", filter=Q(done_on__lte=F("due_on"))),
    )
    # In force in a year: covering it and adopted by its end (a plan drafted in the year but
    # adopted the next is shown as being drafted, not in force).
    plan = (
        PublicityPlan.objects.filter(
            of_agency, start_year__lte=year, end_year__gte=year, adopted_on__year__lte=year
        )
        .order_by("-start_year")
        .first()
    )
    drafting = (
        PublicityPlan.objects.filter(
            of_agency, drafting_started_on__year__lte=year, adopted_on__year__gt=year
        )
        .order_by("-start_year")
        .first()
    )
    return PublicityFigures(
        year=year,
        plan=plan.title if plan else "",
        activities=totals["n"],
        by_kind={k: kinds.get(k, 0) for k in Activity.Kind.values},
        internal=totals["internal"],
        public=totals["public"],
        reach=totals["reach"] or 0,
        cases_explained=totals["cases"],
        responsibilities=items["n"],
        responsibilities_done=items["done"],
        responsibilities_done_in_time=items["in_time"],
        plan_drafting=drafting.title if drafting else "",
    )
