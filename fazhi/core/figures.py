"""The registry of report figures: every app registers the yearly figures it can count.

The annual rule-of-law report (and any overview of a year) reads its numbers from here, so
core names no app: an app calls `register(Figure(...))` in its `AppConfig.ready()`, the way it
registers its worklist provider.

A figure is a function of the agency and the year that returns the value *and the records
behind it* (`FigureValue`), so every number in a report can be traced back to the rows that
make it. A figure must count in SQL: it may not issue one query per record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q


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


# ---------------------------------------------------------------------------------------------
# Helpers for the apps' figure functions: one query per figure, never one per record.


def agency_scope(agency: Any, *paths: str) -> Q:
    """The records of an agency, reached through any of `paths` (each a foreign key to
    `core.Organization`: the agency itself or one of its divisions). `None`: every record."""
    if agency is None or not paths:
        return Q()
    q = Q()
    for path in paths:
        q |= Q(**{path: agency}) | Q(**{f"{path}__parent": agency})
    return q


def refs_of(queryset: Any, title: Any = "title") -> list[RecordRef]:
    """The records of a queryset as references, read in one query (`title`: a field or an
    expression giving each record's title)."""
    label = queryset.model._meta.label
    rows = queryset.order_by("pk").values_list("pk", title)
    return [RecordRef(label, pk, str(text or "")) for pk, text in rows]


def count_of(queryset: Any, title: Any = "title") -> FigureValue:
    """A count, with the records counted."""
    refs = refs_of(queryset, title)
    return FigureValue(len(refs), tuple(refs))


def sum_of(queryset: Any, field_name: str, title: Any = "title") -> FigureValue:
    """A sum of a field over the records, with the records summed (one query)."""
    label = queryset.model._meta.label
    rows = list(queryset.order_by("pk").values_list("pk", title, field_name))
    return FigureValue(
        sum(int(v or 0) for _pk, _t, v in rows),
        tuple(RecordRef(label, pk, str(t or "")) for pk, t, _v in rows),
    )


def rate_of(numerator: Any, denominator: Any, title: Any = "title") -> FigureValue:
    """numerator / denominator as a percentage; the records are the denominator's (the
    numerator's records are among them) and any numerator record outside it."""
    den = refs_of(denominator, title)
    num = refs_of(numerator, title)
    seen = {(r.model, r.pk) for r in den}
    return FigureValue(rate(len(num), len(den)), tuple(den + [r for r in num if (r.model, r.pk) not in seen]))


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)
