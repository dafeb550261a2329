"""What the leadership's overview computes: the year's figures of every system beside last
year's, a trend of one figure over the years, and the overdue work by division.

Core names no app: the figures come from `core.figures`, the overdue work from `core.overdue`.
Each figure is computed once per (figure, year) in a request (`FigureCache`), so the page costs
a bounded number of queries: two per figure plus the trend's extra years.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fazhi.core import figures
from fazhi.core.overdue import DivisionOverdue

# The trend shows this many years, the current one last: every year on the axis.
TREND_YEARS = 6


class FigureCache:
    """The figures of one request, each computed at most once per year."""

    def __init__(self, agency: Any) -> None:
        self.agency = agency
        self._values: dict[tuple[str, int], figures.FigureValue] = {}

    def get(self, key: str, year: int) -> figures.FigureValue:
        if (key, year) not in self._values:
            self._values[(key, year)] = figures.compute(key, self.agency, year)
        return self._values[(key, year)]

    def value(self, key: str, year: int) -> int | Decimal | None:
        """The figure's value, or None for an empty year (no record behind it)."""
        result = self.get(key, year)
        if not result.records and not result.value:
            return None
        return result.value


@dataclass(frozen=True)
class FigureRow:
    key: str
    system: str
    label: str
    unit: str
    current: int | Decimal
    previous: int | Decimal

    @property
    def change(self) -> int | Decimal:
        return self.current - self.previous


def figure_rows(cache: FigureCache, year: int) -> list[FigureRow]:
    return [
        FigureRow(
            f.key,
            str(f.system),
            str(f.label),
            str(f.unit),
            cache.get(f.key, year).value,
            cache.get(f.key, year - 1).value,
        )
        for f in figures.all_figures()
    ]


def by_system(rows: list[FigureRow]) -> list[tuple[str, list[FigureRow]]]:
    groups: dict[str, list[FigureRow]] = {}
    for row in rows:
        groups.setdefault(row.system, []).append(row)
    return list(groups.items())


def _number(value: int | Decimal | None) -> int | float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def trend(cache: FigureCache, key: str, year: int) -> dict[str, Any]:
    """One figure over the last TREND_YEARS years: every year on the axis, an empty year as
    null (a gap in the line), never skipped."""
    figure = figures.get(key)
    years = list(range(year - TREND_YEARS + 1, year + 1))
    values = [cache.value(key, y) for y in years]
    label = str(figure.label)
    options = {
        "title": {"text": f"{label}（{figure.unit}）", "left": "center", "textStyle": {"fontSize": 14}},
        "grid": {"left": 48, "right": 24, "top": 48, "bottom": 32},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "name": str(figure.unit), "minInterval": 1},
        "series": [
            {"type": "line", "name": label, "data": [_number(v) for v in values], "connectNulls": False}
        ],
        "tooltip": {"trigger": "axis"},
    }
    return {"figure": figure, "rows": list(zip(years, values, strict=True)), "options": options}


def overdue_chart(groups: list[DivisionOverdue]) -> dict[str, Any]:
    """Overdue items per division: one kind of count, one series."""
    names = [g.name for g in groups]
    return {
        "grid": {"left": 140, "right": 24, "top": 16, "bottom": 24},
        "xAxis": {"type": "value", "minInterval": 1, "name": _("件")},
        "yAxis": {"type": "category", "data": names[::-1]},
        "series": [{"type": "bar", "name": _("逾期事项"), "data": [len(g.items) for g in groups][::-1]}],
        "tooltip": {"trigger": "axis"},
    }
