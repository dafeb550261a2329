"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.legal_publicity.models import ResponsibilityItem
from fazhi.legal_publicity.overdue import overdue_responsibilities


class PublicityTests(ProviderTestCase):
    def test_a_responsibility_item_not_done_by_its_due_date(self) -> None:
        base = {
            "year": 2024,
            "audience": "科研人员",
            "standard": "全年不少于两次",
            "created_by": self.reviewer,
        }
        ResponsibilityItem.objects.create(
            division=self.sci_division, content="科学技术进步法", due_on=LATE, **base
        )
        ResponsibilityItem.objects.create(
            division=self.sci_division, content="促进科技成果转化法", due_on=AHEAD, **base
        )
        ResponsibilityItem.objects.create(
            division=self.other_division, content="科研诚信", due_on=LATE, done_on=D(2024, 6, 1), **base
        )
        self.assert_one(
            overdue_responsibilities(self.bureau, TODAY),
            words="科学技术进步法",
            due=LATE,
            division=self.sci_division,
        )
