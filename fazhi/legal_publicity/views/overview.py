"""The overview of legal publicity (/work/publicity/): the year's figures with a chart by form,
the plan in force, the year's responsibility list with what is overdue, and recent activities."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.agencies import agency_of, scoped
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.legal_publicity import permissions
from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.legal_publicity.view_helpers import (
    OVERVIEW_LIMIT,
    RECENT_ACTIVITIES,
    can_view_figures,
    kind_chart,
    kind_counts,
    mark_standing,
    with_activity_counts,
    year_from,
)
from fazhi.legal_publicity.views._common import area


@staff_view(permissions.can_open_area)
def index(request: HttpRequest) -> HttpResponse:
    """The agency's figures for its legal affairs division and its leadership; a division sees
    the count of its own activities. Everyone sees the plan in force and, of the list and the
    activities, what `visible_to` lets them see."""
    user: Any = request.user
    today = local_today()
    year, notes = year_from(request.GET.get("year", ""), today.year)
    activities = Activity.objects.visible_to(user)
    items = ResponsibilityItem.objects.visible_to(user)
    years = {d.year for d in activities.dates("held_on", "year")} | set(
        items.order_by().values_list("year", flat=True).distinct()
    )
    of_year = activities.filter(held_on__year=year)
    figures = publicity_figures(year, agency_of(user)) if can_view_figures(user) else None
    if figures is not None:
        by_kind = figures.by_kind
        own: dict[str, Any] = {}
    else:
        by_kind = kind_counts(of_year)
        own = of_year.aggregate(activities=Count("pk"), reach=Sum("reach"))
    labels = dict(Activity.Kind.choices)
    # The plan covering the year: in force if adopted by its end, else still being drafted.
    plan = (
        scoped(PublicityPlan.objects.filter(start_year__lte=year, end_year__gte=year), user)
        .order_by("-start_year", "-pk")
        .first()
    )
    plan_drafting = plan is not None and plan.adopted_on.year > year
    listed = list(
        with_activity_counts(items.filter(year=year)).order_by(
            "due_on", "division__sort_order", "division_id", "pk"
        )[:OVERVIEW_LIMIT]
    )
    mark_standing(listed, today)
    overdue = items.filter(year=year, done_on__isnull=True, due_on__lt=today).count()
    recent = list(of_year.select_related("division").order_by("-held_on", "-pk")[:RECENT_ACTIVITIES])
    return render(
        request,
        "legal_publicity/index.html",
        {
            **area(user),
            "year": year,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "notes": notes,
            "figures": figures,
            "own": own,
            "by_kind": [(labels[kind], n) for kind, n in by_kind.items()],
            "chart": kind_chart(by_kind, year),
            "plan": plan,
            "plan_drafting": plan_drafting,
            "items": listed,
            "overdue": overdue,
            "recent": recent,
            "limit": OVERVIEW_LIMIT,
            "today": today,
        },
    )
