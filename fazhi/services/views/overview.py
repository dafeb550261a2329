"""The overview of government services (/work/services/): the year's figures, the commitments
awaiting verification with what is overdue, and the open false-commitment records."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.services import permissions
from fazhi.services.models import Commitment, CreditRecord
from fazhi.services.stats import service_figures
from fazhi.services.view_helpers import (
    OVERVIEW_LIMIT,
    awaiting_verification,
    mark_overdue,
    year_from,
)
from fazhi.services.views._common import area


@staff_view(permissions.can_see)
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = local_today()
    year, notes = year_from(request.GET.get("year", ""), today.year)
    agency_id = agency_id_of(user) or 0  # 0: no agency's id (None would be every agency)
    years = {d.year for d in Commitment.objects.of_agency(agency_id).dates("signed_on", "year")}
    waiting = list(awaiting_verification(today, agency=agency_id)[:OVERVIEW_LIMIT])
    mark_overdue(waiting, today)
    records = list(
        CreditRecord.objects.of_agency(agency_id)
        .filter(repaired_on__isnull=True)
        .select_related("commitment__matter")
        .order_by("-recorded_on", "-pk")[:OVERVIEW_LIMIT]
    )
    return render(
        request,
        "services/index.html",
        {
            **area(user),
            "year": year,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "notes": notes,
            "figures": service_figures(year, today=today, agency=agency_id),
            "waiting": waiting,
            "records": records,
            "limit": OVERVIEW_LIMIT,
            "today": today,
        },
    )
