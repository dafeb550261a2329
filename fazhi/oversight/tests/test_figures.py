"""The oversight figures of the annual report, against hand-built records: the evaluations and
inspections of the year, their findings and the findings rectified (task done and evidence
recorded). Oversights have no link to an agency (every agency's count); a finding is the agency's
of its rectification task's division."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.figure_cases import YEAR, D, FigureTestCase
from fazhi.ledger.models import LedgerItem
from fazhi.oversight.models import Finding, Oversight

S = LedgerItem.Status


class OversightFigureTests(FigureTestCase):
    def oversight(self, year: int, agency: Any = None) -> Any:
        return Oversight.objects.create(
            agency=agency or self.bureau,
            kind=Oversight.Kind.CITY_INSPECTION,
            year=year,
            title=f"{year}年法治督察",
            conducted_by="市委依法治市办",
            started_on=D(year, 12, 31),
            scope="法治政府建设",
            created_by=self.director,
        )

    def finding(
        self, oversight: Any, number: int, status: str, evidence: str = "", division: Any = None
    ) -> None:
        task = LedgerItem.objects.create(
            year=oversight.year,
            title=f"整改{number}",
            division=division or self.sci_division,
            lead=self.director,
            due_on=D(oversight.year + 1, 6, 30),
            created_by=self.director,
            status=status,
        )
        Finding.objects.create(oversight=oversight, number=number, text="问题", task=task, evidence=evidence)

    def test_oversights_of_the_year_their_findings_and_those_rectified(self) -> None:
        this_year = self.oversight(YEAR)
        self.finding(this_year, 1, S.DONE, evidence="整改报告")
        self.finding(this_year, 2, S.DONE)  # done but no evidence recorded: not rectified
        self.finding(this_year, 3, S.IN_PROGRESS, evidence="部分材料")
        # Another agency's inspection of the same year, rectified by its own division.
        foreign = self.oversight(YEAR, agency=self.other_agency)
        self.finding(foreign, 1, S.DONE, evidence="整改报告", division=self.foreign_division)
        next_year = self.oversight(YEAR + 1)  # started on the next year's last day, of the next year
        self.finding(next_year, 1, S.DONE, evidence="整改报告")
        self.assertFigure("oversight.received", 1)
        self.assertFigure("oversight.findings", 3)
        self.assertFigure("oversight.findings_rectified", 1)
        self.assertFigure("oversight.findings_rectified", 2, agency=None)
        self.assertFigure("oversight.findings_rectified", 1, year=YEAR + 1)
