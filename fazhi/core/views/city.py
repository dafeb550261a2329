"""The Justice Bureau's city overview (/work/city/): each department's rule-of-law figures of a
year, one row per department — the figures the annual report uses (`core.figures`), for the
leaders and the filing officers of a justice bureau; the table is kept up to ten minutes. Each
cell links nothing: the records behind a figure are the department's own and stay on its side
of the wall."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from fazhi.core import agencies, clock, figures, publiccache
from fazhi.core.formfields import year_from
from fazhi.core.http import StaffRequest, staff_view
from fazhi.core.permissions import can_see_city_overview

# The annual report's figures shown for every department (those registered; the others left
# out): documents and filing, legality review, decisions, enforcement, inspections, disputes,
# the leading group's tasks and 普法.
CITY_FIGURES = (
    "documents.issued",
    "documents.filed",
    "documents.filing_rate",
    "reviews.matters",
    "reviews.adoption_rate",
    "decisions.catalog_matters",
    "enforcement.filed",
    "enforcement.penalties",
    "inspections.units_inspected",
    "disputes.reconsiderations",
    "disputes.litigations",
    "legal_publicity.activities",
)
FIRST_YEAR = 2015


def columns() -> list[figures.Figure]:
    found = []
    for key in CITY_FIGURES:
        try:
            found.append(figures.get(key))
        except KeyError:
            continue
    return found


def department_rows(year: int, agencies_list: Any = None) -> list[tuple[Any, list[Any]]]:
    """(department, [value of each column]) for every department (or those given)."""
    shown = columns()
    rows = []
    for agency in agencies_list if agencies_list is not None else agencies.agencies():
        rows.append((agency, [figures.compute(figure.key, agency, year).value for figure in shown]))
    return rows


def kept_rows(year: int) -> list[tuple[Any, list[Any]]]:
    """`department_rows`, kept for the day and the publication generation (at most ten
    minutes, `core.publiccache.memo`): 50 departments × 12 figures take seconds on a large
    database (bench/bench_departments.py), and the overview is read far more often than it
    changes by the minute."""
    today = clock.today()
    plain = publiccache.memo(
        f"core.city_overview:{year}",
        today,
        lambda: [(agency.pk, [str(value) for value in values]) for agency, values in department_rows(year)],
    )
    by_pk = {agency.pk: agency for agency in agencies.agencies()}
    return [(by_pk[pk], values) for pk, values in plain if pk in by_pk]


@staff_view(can_see_city_overview)
def city_overview(request: StaffRequest) -> HttpResponse:
    this_year = clock.today().year
    year, notes = year_from(request.GET.get("year", ""), this_year, low=FIRST_YEAR, high=this_year + 1)
    shown = columns()
    rows = kept_rows(year)
    return render(
        request,
        "core/city_overview.html",
        {
            "year": year,
            "years": list(range(this_year, FIRST_YEAR - 1, -1)),
            "notes": notes,
            "columns": shown,
            "rows": rows,
        },
    )
