"""The double-random inspection figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.models import Domain
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, FigureTestCase
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask
from fazhi.inspections.tests.factories import uscc

T = InspectionTask


class InspectionFigureTests(FigureTestCase):
    def plan(self, year: int, status: str = InspectionPlan.Status.DRAWN) -> Any:
        item = InspectionItem.objects.create(
            agency=self.bureau,
            name="检查",
            legal_basis="条例",
            inspecting_body="市科技局",
            method="现场",
            domain=Domain.LAB_ANIMALS,
        )
        return InspectionPlan.objects.create(
            title=f"{year}计划",
            year=year,
            item=item,
            draw_on=LAST_DAY,
            created_by=self.reviewer,
            status=status,
        )

    def task(
        self, plan: Any, domain: str, *, result: str = T.Result.NO_PROBLEM, published_on: Any = LAST_DAY
    ) -> Any:
        n = Entity.objects.count() + 1
        entity = Entity.objects.create(
            agency=plan.agency,
            name=f"单位{n}",
            uscc=uscc(n),
            legal_representative="甲",
            address="天津",
            domain=domain,
        )
        return InspectionTask.objects.create(
            plan=plan,
            entity=entity,
            stratum="高风险",
            sequence=n,
            status=T.Status.PUBLISHED if result else T.Status.ASSIGNED,
            result=result,
            publicity_due_on=LAST_DAY,
            published_on=published_on if result else None,
        )

    def test_units_inspected_per_domain_problems_and_publicity_of_the_years_plans(self) -> None:
        plan = self.plan(YEAR)
        self.plan(YEAR, status=InspectionPlan.Status.DRAFT)
        later = self.plan(YEAR + 1)
        self.task(plan, Domain.LAB_ANIMALS)
        self.task(plan, Domain.LAB_ANIMALS, published_on=NEXT_YEAR)  # published late
        self.task(plan, Domain.HUMAN_GENETIC_RESOURCES, result=T.Result.PROBLEMS_FOUND)
        self.task(plan, Domain.HUMAN_GENETIC_RESOURCES, result="")  # not inspected yet
        self.task(later, Domain.LAB_ANIMALS)
        self.assertFigure("inspections.plans", 1)
        self.assertFigure("inspections.units_inspected", 3)
        self.assertFigure("inspections.units_lab_animals", 2)
        self.assertFigure("inspections.units_human_genetic_resources", 1)
        self.assertFigure("inspections.problems_found", 1)
        self.assertEqual(str(self.figure("inspections.publicity_on_time_rate").value), "66.67")
