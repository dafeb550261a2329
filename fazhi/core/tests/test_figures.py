"""The report-figure registry: apps register figures, core computes them by key."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.core import figures
from fazhi.core.figures import Figure, FigureValue, RecordRef


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests register figures of their own: keep them out of the real registry."""
    monkeypatch.setattr(figures, "_figures", dict(figures._figures))


def _two(agency: object, year: int) -> FigureValue:
    return FigureValue(2, (RecordRef("core.organization", 1), RecordRef("core.organization", 2)))


def _three(agency: object, year: int) -> FigureValue:
    return FigureValue(3)


def test_a_registered_figure_is_computed_by_key_with_its_records() -> None:
    figures.register(Figure("test.two", "二", "件", _two))
    value = figures.compute("test.two", None, 2021)
    assert value.value == 2
    assert [r.pk for r in value.records] == [1, 2]
    assert figures.get("test.two").label == "二"
    assert "test.two" in [f.key for f in figures.all_figures()]


def test_registering_again_with_the_same_function_is_harmless_but_another_is_refused() -> None:
    figures.register(Figure("test.again", "二", "件", _two))
    figures.register(Figure("test.again", "二", "件", _two))
    with pytest.raises(figures.DuplicateFigure):
        figures.register(Figure("test.again", "三", "件", _three))


def test_a_rate_has_two_places_and_is_zero_without_a_denominator() -> None:
    assert figures.rate(5, 5) == Decimal("100.00")
    assert figures.rate(1, 3) == Decimal("33.33")
    assert figures.rate(0, 0) == Decimal("0.00")
