"""The Justice Bureau's city view of filing (issue 12): by department, the year's filings
addressed to the bureau, the on-time filing rate, the outcomes (予以备案 / 不予备案 / 暂缓备案) and
the corrections requested, with a chart and its data table."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.documents import permissions
from fazhi.documents.models import Filing
from fazhi.documents.stats import DepartmentFilings, filings_by_department

MIN_YEAR, MAX_YEAR = 2000, 2999
PALETTE = ["#0b4f9c", "#1e6b34", "#b4161b", "#c77c02", "#6b3fa0"]


def _percent(rate: Any) -> str | None:
    return None if rate is None else f"{rate * 100:.1f}%"


def chart(rows: list[DepartmentFilings]) -> dict[str, Any]:
    names = [r.name for r in rows]
    series = [
        (_("报送备案"), [r.filed for r in rows]),
        (_("予以备案"), [r.accepted for r in rows]),
        (_("不予备案"), [r.rejected for r in rows]),
        (_("暂缓备案"), [r.deferred for r in rows]),
        (_("要求纠正"), [r.corrections for r in rows]),
    ]
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 160, "right": 24, "top": 40, "bottom": 32},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [{"name": name, "type": "bar", "data": data} for name, data in series],
    }


def year_of(request: HttpRequest, fallback: int) -> tuple[int, list[str]]:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return fallback, []
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if MIN_YEAR <= year <= MAX_YEAR:
        return year, []
    return fallback, [
        _("“%(value)s”不是有效的年份，已显示 %(year)s 年的统计。") % {"value": raw[:20], "year": fallback}
    ]


@staff_view(permissions.can_see_city_filings)
def filings_by_department_page(request: HttpRequest) -> HttpResponse:
    bureau = agency_of(request.user)
    assert bureau is not None  # can_see_city_filings: a justice bureau's own people
    today = local_today()
    year, notes = year_of(request, today.year)
    rows = filings_by_department(year, bureau)
    years = {d.year for d in Filing.objects.filter(authority=bureau).dates("submitted_on", "year")}
    return render(
        request,
        "documents/city_filings.html",
        {
            "bureau": bureau,
            "year": year,
            "notes": notes,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "rows": [{"row": r, "rate": _percent(r.timeliness_rate)} for r in rows],
            "totals": {
                key: sum(getattr(r, key) for r in rows)
                for key in (
                    "issued",
                    "filed",
                    "filed_on_time",
                    "accepted",
                    "rejected",
                    "deferred",
                    "corrections",
                )
            },
            "chart": chart(rows),
            "chart_height": max(320, 60 + 40 * len(rows)),
        },
    )
