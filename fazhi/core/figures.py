"""The registry of report figures: every app registers the yearly figures it can count.

The annual rule-of-law report (and any overview of a year) reads its numbers from here, so
core names no app: an app calls `register(Figure(...))` in its `AppConfig.ready()`, the way it
registers its worklist provider.

A figure is a function of the agency and the year that returns the value *and the records
behind it* (`FigureValue`), so every number in a report can be traced back to the rows that
make it. A figure must count in SQL: it may not issue one query per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class RecordRef:
    """One record behind a figure: its model label (`app_label.ModelName`), id and title."""

    model: str
    pk: int
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class FigureValue:
    """What a figure function returns: the exact value and the records that make it.

    `value` is an int, or a Decimal for a rate (0–100, two places). `records` lists the
    records counted (for a rate, the records of the numerator and denominator both).
    """

    value: int | Decimal
    records: Sequence[RecordRef] = field(default_factory=tuple)


# The agency is the top-level `core.Organization` (kind agency); `None` means every agency.
FigureFunction = Callable[[Any, int], FigureValue]


@dataclass(frozen=True)
class Figure:
    key: str  # dotted, app first: "documents.issued"
    label: Any  # gettext_lazy text, e.g. _("印发规范性文件")
    unit: Any  # _("件"), _("%"), _("人")…
    compute: FigureFunction
    system: Any = ""  # the system it belongs to, for grouping: _("规范性文件")
    order: int = 0


_figures: dict[str, Figure] = {}


class DuplicateFigure(ValueError):
    pass


def register(figure: Figure) -> Figure:
    """Register a figure; registering the same key twice with another function is an error."""
    existing = _figures.get(figure.key)
    if existing is not None and existing.compute is not figure.compute:
        raise DuplicateFigure(figure.key)
    _figures[figure.key] = figure
    return figure


def register_all(figures: Iterable[Figure]) -> None:
    for figure in figures:
        register(figure)


def get(key: str) -> Figure:
    return _figures[key]


def all_figures() -> list[Figure]:
    """Every registered figure, grouped by system and then in the order each app gave."""
    return sorted(_figures.values(), key=lambda f: (str(f.system), f.order, f.key))


def compute(key: str, agency: Any, year: int) -> FigureValue:
    return _figures[key].compute(agency, year)


def rate(numerator: int, denominator: int) -> Decimal:
    """A percentage with two places; 0 when there is nothing to divide by."""
    if not denominator:
        return Decimal("0.00")
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"))
