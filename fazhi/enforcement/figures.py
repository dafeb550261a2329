"""The enforcement figures of a year for the annual report (core.figures): cases filed,
decisions, penalties, major penalties (legality-checked, 行政处罚法 Art 58), hearings,
decisions published on time, and cases transferred to the judicial organs."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, count_of, rate_of
from fazhi.enforcement.models import EnforcementCase

SYSTEM = _("行政执法")
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices


def _cases(agency: Any) -> Any:
    return EnforcementCase.objects.of_agency(agency)


def _decided(agency: Any, year: int) -> Any:
    return _cases(agency).filter(decided_on__year=year)


def filed(agency: Any, year: int) -> FigureValue:
    return count_of(_cases(agency).filter(filed_on__year=year))


def penalties(agency: Any, year: int) -> FigureValue:
    return count_of(_decided(agency, year).filter(outcome=O.PENALTY))


def major_penalties(agency: Any, year: int) -> FigureValue:
    """Penalty decisions of the year with a ground of Art 58 (重大行政处罚)."""
    return count_of(_decided(agency, year).filter(outcome=O.PENALTY).exclude(major_grounds=[]))


def hearings(agency: Any, year: int) -> FigureValue:
    return count_of(_cases(agency).filter(hearing_held_on__year=year))


def publicity_on_time_rate(agency: Any, year: int) -> FigureValue:
    decided = _decided(agency, year)
    return rate_of(decided.filter(published_on__lte=F("publicity_due_on")), decided)


def transferred(agency: Any, year: int) -> FigureValue:
    """Cases transferred to the judicial organs in the year (行政执法刑事案件)."""
    return count_of(_cases(agency).filter(transferred_on__year=year))


FIGURES = [
    Figure("enforcement.filed", _("行政处罚立案"), _("件"), filed, SYSTEM, 10),
    Figure("enforcement.penalties", _("作出行政处罚决定"), _("件"), penalties, SYSTEM, 20),
    Figure("enforcement.major_penalties", _("重大行政处罚决定"), _("件"), major_penalties, SYSTEM, 30),
    Figure("enforcement.hearings", _("举行行政处罚听证"), _("次"), hearings, SYSTEM, 40),
    Figure(
        "enforcement.publicity_on_time_rate",
        _("处罚决定按时公示率"),
        _("%"),
        publicity_on_time_rate,
        SYSTEM,
        50,
    ),
    Figure("enforcement.transferred", _("移送司法机关案件"), _("件"), transferred, SYSTEM, 60),
]
