"""Every system's overdue work on the overview, grouped by division, one agency's only."""

from __future__ import annotations

from fazhi.core.overdue import by_division, overdue_items
from fazhi.core.tests.overdue_cases import LATE, TODAY, ProviderTestCase
from fazhi.legal_publicity.models import ResponsibilityItem
from fazhi.reviews.models import ReviewRequest


class OverviewTests(ProviderTestCase):
    def test_every_system_is_registered_and_grouped_by_division(self) -> None:
        ReviewRequest.objects.create(
            title="逾期审核",
            subject_kind=ReviewRequest.SubjectKind.OTHER,
            division=self.sci_division,
            status=ReviewRequest.Status.UNDER_REVIEW,
            due_on=LATE,
            created_by=self.drafter,
        )
        ResponsibilityItem.objects.create(
            year=2024,
            audience="科研人员",
            standard="两次",
            created_by=self.reviewer,
            division=self.sci_division,
            content="科学技术进步法",
            due_on=LATE,
        )
        items = overdue_items(self.bureau, TODAY)
        groups = {g.name: len(g.items) for g in by_division(items)}
        self.assertEqual(groups, {"政策法规处": 1, "基础研究处": 1})
        self.assertEqual(overdue_items(self.bureau, LATE), [])
        # Another agency's records are not this agency's.
        other = type(self.bureau).objects.create(name="天津市教育委员会", code="tjjw", kind="agency")
        self.assertEqual(overdue_items(other, TODAY), [])
