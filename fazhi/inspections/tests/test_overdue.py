"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, ProviderTestCase
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.overdue import overdue_tasks as overdue_inspection_tasks


class InspectionTests(ProviderTestCase):
    def test_a_result_not_published_by_its_publicity_date(self) -> None:
        from fazhi.inspections.tests.factories import draft_plan, make_entities, make_item

        planner = self.reviewer
        item = make_item(planner)
        entities = make_entities(3)
        plan = draft_plan(planner, item)
        T = InspectionTask.Status
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[0],
            stratum="全部",
            sequence=1,
            status=T.RECORDED,
            publicity_due_on=LATE,
        )
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[1],
            stratum="全部",
            sequence=2,
            status=T.RECORDED,
            publicity_due_on=AHEAD,
        )
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[2],
            stratum="全部",
            sequence=3,
            status=T.PUBLISHED,
            publicity_due_on=LATE,
        )
        found = self.assert_one(
            overdue_inspection_tasks(self.bureau, TODAY),
            words=entities[0].name,
            due=LATE,
            division=self.legal_division,
        )
        self.assertEqual(found.open_permission, "inspections.manage_plan")
