"""The enforcement figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.figures import rate
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, D, FigureTestCase
from fazhi.enforcement.models import EnforcementCase

O = EnforcementCase.Outcome  # noqa: E741


class EnforcementFigureTests(FigureTestCase):
    def case(self, *, division: Any = None, **fields: Any) -> Any:
        return EnforcementCase.objects.create(
            title=f"案件{EnforcementCase.objects.count() + 1}",
            division=division or self.other_division,
            party_name="某公司",
            party_kind=EnforcementCase.PartyKind.ORGANIZATION,
            facts="事实",
            discovered_on=D(2021, 1, 4),
            filed_on=fields.pop("filed_on", D(2021, 1, 5)),
            filed_by=self.officer,
            **fields,
        )

    def test_cases_penalties_major_penalties_hearings_and_transfers_of_the_year(self) -> None:
        self.case(
            decided_on=LAST_DAY,
            outcome=O.PENALTY,
            major_grounds=["hearing"],
            hearing_held_on=LAST_DAY,
            published_on=LAST_DAY,
            publicity_due_on=LAST_DAY,
        )
        self.case(decided_on=LAST_DAY, outcome=O.PENALTY, published_on=NEXT_YEAR, publicity_due_on=LAST_DAY)
        self.case(decided_on=LAST_DAY, outcome=O.NO_PENALTY, major_grounds=["hearing"])
        self.case(filed_on=NEXT_YEAR, decided_on=NEXT_YEAR, outcome=O.PENALTY, major_grounds=["hearing"])
        self.case(transferred_on=LAST_DAY)
        self.case(division=self.foreign_division, decided_on=LAST_DAY, outcome=O.PENALTY, major_grounds=["x"])
        self.assertFigure("enforcement.filed", 4)
        self.assertFigure("enforcement.penalties", 2)
        self.assertFigure("enforcement.major_penalties", 1)
        self.assertFigure("enforcement.major_penalties", 2, agency=None)
        self.assertFigure("enforcement.hearings", 1)
        self.assertFigure("enforcement.transferred", 1)
        self.assertEqual(self.figure("enforcement.publicity_on_time_rate").value, rate(1, 3))
