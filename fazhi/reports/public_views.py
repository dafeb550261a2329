"""The public column of annual reports (/reports/): every published year, each report as an
accessible HTML page with its figures as charts beside a data table (with the previous year's
values), and the .docx to download. Only published reports exist here; anything else is 404.
Each department publishes its own: a year with several is chosen by `?dept=<code>`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.agencies import filter_public
from fazhi.reports import render as rendering
from fazhi.reports.models import AnnualReport
from fazhi.reports.views import docx_response

PALETTE = ["#b4161b", "#0b4f9c"]


def _of_year(request: HttpRequest, year: int) -> list[AnnualReport]:
    """The published reports of `year` — each department publishes its own — of the department
    chosen (`?dept=`), if one is."""
    return list(
        filter_public(AnnualReport.objects.published().filter(year=year), request)
        .select_related("agency")
        .order_by("agency__sort_order", "agency_id")
    )


def _published_year(request: HttpRequest, year: int) -> AnnualReport:
    """The one report of `year` the page is for: the chosen department's, or the only one."""
    reports = _of_year(request, year)
    if len(reports) != 1:
        raise Http404
    return reports[0]


def chart_options(rows: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """One bar chart per system: this year's figures (counts only) beside last year's."""
    by_system: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["available"] and row["unit"] != "%":
            by_system.setdefault(row["system"] or "其他", []).append(row)
    charts = []
    for i, (system, items) in enumerate(by_system.items(), start=1):
        series = [{"name": f"{year}年", "type": "bar", "data": [float(r["value"]) for r in items]}]
        if any(r["previous"] is not None for r in items):
            series.append(
                {
                    "name": f"{year - 1}年",
                    "type": "bar",
                    "data": [float(r["previous"]) if r["previous"] is not None else None for r in items],
                }
            )
        charts.append(
            {
                "id": f"chart-{i}",
                "system": system,
                "options": {
                    "color": PALETTE,
                    "tooltip": {"trigger": "axis"},
                    "legend": {"top": 0},
                    "grid": {"left": 48, "right": 24, "top": 32, "bottom": 64},
                    "xAxis": {
                        "type": "category",
                        "data": [r["label"] for r in items],
                        "axisLabel": {"interval": 0, "width": 90, "overflow": "break"},
                    },
                    "yAxis": {"type": "value", "minInterval": 1},
                    "series": series,
                },
            }
        )
    return charts


def index(request: HttpRequest) -> HttpResponse:
    reports = (
        filter_public(AnnualReport.objects.published(), request)
        .select_related("agency")
        .order_by("-year", "agency__sort_order", "agency_id")
    )
    return render(request, "reports/public_index.html", {"reports": reports})


def detail(request: HttpRequest, year: int) -> HttpResponse:
    reports = _of_year(request, year)
    if not reports:
        raise Http404
    if len(reports) > 1:
        # Several departments published one: the list of that year's, to choose from.
        return render(request, "reports/public_index.html", {"reports": reports, "year": year})
    report = reports[0]
    said = rendering.said_figures(report)
    rows = rendering.figure_table(report, said)
    return render(
        request,
        "reports/public_detail.html",
        {
            "report": report,
            "parts": rendering.outline(report, said),
            "preamble": rendering.html_paragraphs(report.preamble, said),
            "figures": rows,
            "charts": chart_options(rows, report.year),
            "years": AnnualReport.objects.published()
            .filter(agency_id=report.agency_id)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct(),
        },
    )


def download(request: HttpRequest, year: int) -> HttpResponse:
    return docx_response(_published_year(request, year))
