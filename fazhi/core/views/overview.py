"""The leadership's overview (/work/overview/): what waits on this leader, what is overdue
anywhere by division (with 督办 where the ledger offers it), the year's figures of every system
beside last year's, and charts with their data tables."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import figures, overview
from fazhi.core.agencies import agency_of
from fazhi.core.http import staff_view
from fazhi.core.overdue import by_division, overdue_items
from fazhi.core.permissions import can_see_overview
from fazhi.core.worklist import work_items_for


@staff_view(can_see_overview)
def overview_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = today.year
    # The leaders' own agency only (issue 12): its figures and its overdue work.
    agency = agency_of(request.user)
    if agency is None:
        raise Http404
    cache = overview.FigureCache(agency)
    rows = overview.figure_rows(cache, year)
    keys = [row.key for row in rows]
    chosen = request.GET.get("figure", "")
    if chosen not in keys:
        chosen = keys[0] if keys else ""
    groups = by_division(overdue_items(agency, today))
    return render(
        request,
        "core/overview.html",
        {
            "year": year,
            "previous_year": year - 1,
            "pending": work_items_for(request.user),
            "overdue_groups": groups,
            "overdue_total": sum(len(g.items) for g in groups),
            "overdue_chart": overview.overdue_chart(groups) if groups else None,
            "overdue_height": 60 + 32 * len(groups),
            "systems": overview.by_system(rows),
            "choices": [(f.key, f"{f.system} · {f.label}") for f in figures.all_figures()],
            "chosen": chosen,
            "trend": overview.trend(cache, chosen, year) if chosen else None,
        },
    )
