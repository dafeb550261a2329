"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, ProviderTestCase
from fazhi.legislation.models import LegislativeProject
from fazhi.legislation.overdue import overdue_projects


class LegislationTests(ProviderTestCase):
    def test_a_draft_whose_comment_window_closed_and_that_did_not_move_on(self) -> None:
        base = {
            "law_kind": LegislativeProject.LawKind.GOVERNMENT_RULE,
            "change": LegislativeProject.Change.NEW,
            "plan_year": 2024,
            "plan_kind": LegislativeProject.PlanKind.FORMAL,
            "part": LegislativeProject.Part.LEAD,
            "division": self.sci_division,
            "created_by": self.reviewer,
        }
        G = LegislativeProject.Stage
        LegislativeProject.objects.create(
            title="征求意见已截止", stage=G.PUBLIC_COMMENT, comment_closes_on=LATE, **base
        )
        LegislativeProject.objects.create(
            title="征求意见中", stage=G.PUBLIC_COMMENT, comment_closes_on=AHEAD, **base
        )
        LegislativeProject.objects.create(
            title="已报送审查", stage=G.LEGALITY_REVIEW, comment_closes_on=LATE, **base
        )
        self.assert_one(
            overdue_projects(self.bureau, TODAY), words="征求意见已截止", due=LATE, division=self.sci_division
        )
