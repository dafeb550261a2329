"""Outputs of legality review: the opinion letter (.docx) and the statistics page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_of
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.reviews import permissions
from fazhi.reviews.letter import build_opinion_letter, letter_filename
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.stats import default_year, parse_year, review_stats

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The series colours of every chart: the site's red, then blue, green, amber and grey, each at
# least 3:1 against white (WCAG 1.4.11, graphical objects).
PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34", "#a15c00", "#555b63", "#6b2fa0"]


@staff_view()
def opinion_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The 法律审核意见书 of a concluded review, for those who may see the review."""
    review = get_visible_or_404(
        ReviewRequest.objects.visible_to(request.user)
        .filter(status__in=[ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED])
        .select_related("division"),
        pk=pk,
    )
    response = HttpResponse(build_opinion_letter(review), content_type=DOCX)
    filename = letter_filename(review)
    # RFC 6266: an ASCII fallback name, and the Chinese name in UTF-8 for every current browser.
    response["Content-Disposition"] = (
        f"attachment; filename=\"opinion-letter-{review.code}.docx\"; filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _bar_line_years(years: list[dict[str, int]]) -> dict[str, Any]:
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 48, "right": 48, "top": 40, "bottom": 32},
        "xAxis": {"type": "category", "data": [str(y["year"]) for y in years]},
        "yAxis": [
            {"type": "value", "name": _("事项数"), "minInterval": 1},
            {"type": "value", "name": _("意见数"), "minInterval": 1},
        ],
        "series": [
            {"name": _("事项数"), "type": "bar", "data": [y["matters"] for y in years]},
            {"name": _("意见数"), "type": "line", "yAxisIndex": 1, "data": [y["opinions"] for y in years]},
        ],
    }


def _pie(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [
            {
                "name": _("事项数"),
                "type": "pie",
                "radius": ["35%", "65%"],
                "center": ["50%", "45%"],
                "label": {"formatter": "{b}：{c}"},
                "data": [{"name": r["label"], "value": r["matters"]} for r in rows if r["matters"]],
            }
        ],
    }


def _horizontal_bars(names: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Matters and opinions side by side, one row per division or counsel, largest on top."""
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": names},
        "series": [
            {"name": _("事项数"), "type": "bar", "data": [r["matters"] for r in rows]},
            {"name": _("意见数"), "type": "bar", "data": [r["opinions"] for r in rows]},
        ],
    }


def _height(rows: int) -> int:
    """Enough room for every bar pair of a horizontal chart (the chart box is 320 px)."""
    return max(320, 60 + 44 * rows)


@staff_view(permissions.can_view_stats)
def stats_page(request: HttpRequest) -> HttpResponse:
    """审核统计: one year's figures with charts, each chart's data also as a table."""
    notes: list[str] = []
    raw = request.GET.get("year", "").strip()
    year = parse_year(raw) if raw else None
    agency = agency_of(request.user)
    fallback = default_year(agency)
    if raw and year is None:
        notes.append(
            _("“%(value)s”不是有效的年份（%(low)s—%(high)s），已显示 %(year)s 年的统计。")
            % {"value": raw[:20], "low": 1949, "high": 9999, "year": fallback}
        )
    if year is None:
        year = fallback
    data = review_stats(year, agency)
    choices = sorted({y["year"] for y in data["years"]} | {year, fallback}, reverse=True)
    rate = data["adoption"]["rate"]
    charts = {
        "years": _bar_line_years(data["years"]),
        "kinds": _pie(data["by_kind"]),
        "divisions": _horizontal_bars([r["division"] for r in data["by_division"]], data["by_division"]),
        "counsel": _horizontal_bars([r["name"] for r in data["by_counsel"]], data["by_counsel"]),
    }
    return render(
        request,
        "reviews/stats.html",
        {
            "year": year,
            "choices": choices,
            "notes": notes,
            "stats": data,
            "rate_percent": None if rate is None else f"{rate * 100:.1f}%",
            "charts": charts,
            "division_height": _height(len(data["by_division"])),
            "counsel_height": _height(len(data["by_counsel"])),
        },
    )
