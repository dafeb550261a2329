"""Legality review statistics, computed from the records (DOMAIN.md §7: "60余个事项提出近200条
法审意见"). A matter counts in the year its conclusion was issued; an opinion counts with its
matter. Every figure comes from a handful of aggregate queries, however many records there are.

Every function takes the agency whose figures it counts (issue 12); `None` counts every
agency's records, for callers outside any one department (tests, the demo's checks).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest

S = ReviewRequest.Status
R = ReviewOpinion.Response
CONCLUDED = [S.CONCLUDED, S.CLOSED]

# The years a statistic may ask for (the API answers 422 outside them).
MIN_YEAR, MAX_YEAR = 1949, 9999


def _of(queryset: Any, agency: Any) -> Any:
    return queryset if agency is None else queryset.filter(agency_id=agency.agency_id)


def concluded_reviews(agency: Any = None) -> Any:
    return _of(ReviewRequest.objects.filter(status__in=CONCLUDED, concluded_on__isnull=False), agency)


def _figures() -> dict[str, Count]:
    """Matters and opinions of a group of reviews. The names differ from the relation
    `opinions`, which an annotation of the same name would hide from later lookups."""
    return {"n_matters": Count("pk", distinct=True), "n_opinions": Count("opinions")}


def yearly_series(agency: Any = None) -> list[dict[str, int]]:
    """Matters and opinions of every year that has a concluded review, oldest first."""
    rows = (
        concluded_reviews(agency)
        .annotate(year=ExtractYear("concluded_on"))
        .values("year")
        .annotate(**_figures())
        .order_by("year")
    )
    return [{"year": r["year"], "matters": r["n_matters"], "opinions": r["n_opinions"]} for r in rows]


def latest_year(agency: Any = None) -> int | None:
    """The latest year with a concluded review, or None when there is none."""
    latest = concluded_reviews(agency).aggregate(latest=Max("concluded_on"))["latest"]
    return latest.year if latest else None


def default_year(agency: Any = None) -> int:
    return latest_year(agency) or timezone.localdate().year


def adoption_rate(adopted: int, partly_adopted: int, answered: int) -> float | None:
    """(adopted + partly adopted) / answered opinions; None when none was answered."""
    if not answered:
        return None
    return round((adopted + partly_adopted) / answered, 4)


def review_stats(year: int, agency: Any = None) -> dict[str, Any]:
    """The figures of one year of `agency`: matters, opinions, by subject kind, by division, by
    counsel, the adoption of opinions, and the series of every year with data."""
    # Typed Any: the stubs cannot follow the n_* annotations through values() and order_by().
    matters_of_year: Any = _of(ReviewRequest.objects.concluded_in(year), agency)

    # By subject kind, with the answers to the opinions counted on the way (one query).
    kind_rows = {
        r["subject_kind"]: r
        for r in matters_of_year.values("subject_kind").annotate(
            **_figures(),
            n_answered=Count("opinions", filter=Q(opinions__response__in=R.values)),
            n_adopted=Count("opinions", filter=Q(opinions__response=R.ADOPTED)),
            n_partly_adopted=Count("opinions", filter=Q(opinions__response=R.PARTLY_ADOPTED)),
            n_not_adopted=Count("opinions", filter=Q(opinions__response=R.NOT_ADOPTED)),
        )
    }
    by_kind = [
        {
            "kind": kind,
            "label": str(label),
            "matters": kind_rows[kind]["n_matters"] if kind in kind_rows else 0,
            "opinions": kind_rows[kind]["n_opinions"] if kind in kind_rows else 0,
        }
        for kind, label in ReviewRequest.SubjectKind.choices
    ]

    def total(key: str) -> int:
        return sum(r[f"n_{key}"] for r in kind_rows.values())

    adoption: dict[str, Any] = {
        "answered": total("answered"),
        "adopted": total("adopted"),
        "partly_adopted": total("partly_adopted"),
        "not_adopted": total("not_adopted"),
        "unanswered": total("opinions") - total("answered"),
    }
    adoption["rate"] = adoption_rate(adoption["adopted"], adoption["partly_adopted"], adoption["answered"])

    by_division = [
        {
            "division_id": r["division_id"],
            "division": r["division__name"],
            "matters": r["n_matters"],
            "opinions": r["n_opinions"],
        }
        for r in matters_of_year.values("division_id", "division__name")
        .annotate(**_figures())
        .order_by("-n_matters", "-n_opinions", "division__name")
    ]

    return {
        "year": year,
        "matters": total("matters"),
        "opinions": total("opinions"),
        "by_kind": by_kind,
        "by_division": by_division,
        "by_counsel": _by_counsel(year, matters_of_year, agency),
        "adoption": adoption,
        "years": yearly_series(agency),
    }


def _by_counsel(year: int, matters_of_year: Any, agency: Any = None) -> list[dict[str, Any]]:
    """Per counsel: the matters they were assigned to and the opinions given under their name
    (two queries, merged; a counsel may have one without the other in archived records)."""
    assigned = (
        matters_of_year.filter(counsel__isnull=False)
        .values("counsel")
        .annotate(n_matters=Count("pk", distinct=True))
    )
    opinions = (
        ReviewOpinion.objects.filter(
            review__status__in=CONCLUDED, review__concluded_on__year=year, counsel__isnull=False
        )
        .filter(**({} if agency is None else {"review__agency_id": agency.agency_id}))
        .values("counsel")
        .annotate(n_opinions=Count("pk"))
    )
    figures: dict[int, dict[str, int]] = {}
    for r in assigned:
        figures.setdefault(r["counsel"], {"matters": 0, "opinions": 0})["matters"] = r["n_matters"]
    for r in opinions:
        figures.setdefault(r["counsel"], {"matters": 0, "opinions": 0})["opinions"] = r["n_opinions"]
    if not figures:
        return []
    people = LegalCounsel.objects.filter(pk__in=figures).only("pk", "name", "kind", "firm")
    rows: list[dict[str, Any]] = [
        {
            "counsel_id": c.pk,
            "name": c.name,
            "kind": c.kind,
            "kind_label": str(c.get_kind_display()),
            "firm": c.firm,
            **figures[c.pk],
        }
        for c in people
    ]
    rows.sort(key=lambda r: (-r["opinions"], -r["matters"], r["name"]))
    return rows


def parse_year(value: Any) -> int | None:
    """A year from user input, or None when it is not a whole number in MIN_YEAR–MAX_YEAR."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None
