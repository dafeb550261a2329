"""The year's figures of enforcement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.enforcement import permissions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.views.steps import _area

# ---------------------------------------------------------------------------------------------
# The year's figures

PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34", "#a15c00", "#555b63", "#6b2fa0"]


def _year(request: HttpRequest, fallback: int) -> tuple[int, list[str]]:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return fallback, []
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if 2000 <= year <= 2999:
        return year, []
    return fallback, [
        _("“%(value)s”不是有效的年份，已显示 %(year)s 年的统计。") % {"value": raw[:20], "year": fallback}
    ]


@staff_view(permissions.can_view_stats)
def stats(request: HttpRequest) -> HttpResponse:
    """The year's enforcement figures (filed, decided, penalties, major decisions, hearings,
    publicity, transfers) as a table and a chart; the annual report quotes these numbers."""
    today = local_today()
    year, notes = _year(request, today.year)
    agency_id = agency_id_of(request.user) or 0  # 0: no agency's id (None would be every agency)
    figures = year_figures(year, agency=agency_id, today=today)
    years = {d.year for d in EnforcementCase.objects.of_agency(agency_id).dates("filed_on", "year")}
    categories = dict(EnforcementCase.Category.choices)
    bars = [
        (_("立案"), figures.filed),
        (_("作出决定"), figures.decided),
        (_("给予处罚"), figures.penalties),
        (_("不予处罚"), figures.no_penalty),
        (_("重大执法决定"), figures.major),
        (_("举行听证"), figures.hearings),
        (_("按期公示"), figures.published_in_time),
        (_("移送司法机关"), figures.transferred),
    ]
    chart = {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 24, "top": 24, "bottom": 48},
        "xAxis": {
            "type": "category",
            "data": [str(label) for label, _n in bars],
            "axisLabel": {"interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": str(year), "type": "bar", "data": [n for _label, n in bars]}],
    }
    rate = figures.publicity_rate
    return render(
        request,
        "enforcement/stats.html",
        {
            **_area(request.user),
            "year": year,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "notes": notes,
            "figures": figures,
            "publicity_rate": None if rate is None else f"{rate * 100:.1f}%",
            "by_category": [(categories[code], n) for code, n in figures.by_category.items()],
            "chart": chart,
        },
    )
