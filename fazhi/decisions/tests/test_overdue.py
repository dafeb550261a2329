"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.decisions.models import MajorDecision
from fazhi.decisions.overdue import overdue_decisions


class DecisionTests(ProviderTestCase):
    def test_a_published_decision_not_archived_in_time(self) -> None:
        base = {
            "agency": self.bureau,
            "year": 2023,
            "lead_division": self.sci_division,
            "proposed_by": self.drafter,
        }
        MajorDecision.objects.create(
            title="逾期未归档", published_on=D(2024, 1, 2), archive_due_on=LATE, **base
        )
        MajorDecision.objects.create(
            title="已归档", published_on=D(2024, 1, 2), archive_due_on=LATE, archived_on=LATE, **base
        )
        MajorDecision.objects.create(title="归档期限待定", published_on=D(2024, 1, 2), **base)
        MajorDecision.objects.create(
            title="尚未到期", published_on=D(2024, 1, 2), archive_due_on=AHEAD, **base
        )
        self.assert_one(
            overdue_decisions(self.bureau, TODAY), words="逾期未归档", due=LATE, division=self.sci_division
        )
