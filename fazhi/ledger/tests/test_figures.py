"""The leadership-duty figures of the annual report: the leading group and the key tasks."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.figure_cases import YEAR, D, FigureTestCase
from fazhi.ledger.models import LeadingGroupMember, LedgerItem

P = LeadingGroupMember.Position


class LedgerFigureTests(FigureTestCase):
    def test_the_leading_group_of_the_year(self) -> None:
        LeadingGroupMember.objects.create(year=YEAR, position=P.HEAD, name="局长", organization=self.bureau)
        for name in ("甲", "乙", "丙"):
            LeadingGroupMember.objects.create(
                year=YEAR, position=P.DEPUTY, name=name, organization=self.bureau
            )
        for name, org in (("丁", self.sci_division), ("戊", self.sci_division), ("己", self.legal_division)):
            LeadingGroupMember.objects.create(year=YEAR, position=P.MEMBER, name=name, organization=org)
        LeadingGroupMember.objects.create(
            year=YEAR + 1, position=P.DEPUTY, name="庚", organization=self.bureau
        )
        LeadingGroupMember.objects.create(
            year=YEAR, position=P.DEPUTY, name="辛", organization=self.other_agency
        )
        LeadingGroupMember.objects.create(
            year=YEAR, position=P.MEMBER, name="壬", organization=self.foreign_division
        )
        self.assertFigure("ledger.group_head", 1)
        self.assertFigure("ledger.group_deputies", 3)
        self.assertFigure("ledger.group_divisions", 2)  # two members of one division count once
        self.assertFigure("ledger.group_divisions", 3, agency=None)

    def test_key_tasks_of_the_year_and_those_done_in_time(self) -> None:
        def item(year: int, status: str, completed_on: D | None = None, division: Any = None) -> None:
            LedgerItem.objects.create(
                year=year,
                title="任务",
                division=division or self.sci_division,
                lead=self.director,
                due_on=D(year, 6, 30),
                created_by=self.director,
                status=status,
                completed_on=completed_on,
            )

        S = LedgerItem.Status
        item(YEAR, S.DONE, D(YEAR, 6, 30))
        item(YEAR, S.DONE, D(YEAR, 7, 1))
        item(YEAR, S.IN_PROGRESS)
        item(YEAR, S.CANCELLED)
        item(YEAR + 1, S.DONE, D(YEAR + 1, 1, 2))
        item(YEAR, S.DONE, D(YEAR, 6, 1), division=self.foreign_division)
        self.assertFigure("ledger.tasks", 3)
        self.assertFigure("ledger.tasks_done_in_time", 1)
        self.assertFigure("ledger.tasks_done_in_time", 2, agency=None)
