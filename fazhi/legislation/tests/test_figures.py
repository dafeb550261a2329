"""The legislation figures of the annual report, against hand-built records: the versions of
regulations and rules by the day adopted, the plan's projects of the agency by stage."""

from __future__ import annotations

from typing import Any

from fazhi.core.models import Law, LawVersion
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, D, FigureTestCase
from fazhi.legislation.models import LegislativeProject

P = LegislativeProject
V = LawVersion.Kind


class LegislationFigureTests(FigureTestCase):
    def version(self, title: str, law_kind: str, kind: str, day: Any) -> None:
        law, _ = Law.objects.get_or_create(title=title, defaults={"kind": law_kind})
        LawVersion.objects.create(law=law, kind=kind, adopted_on=day, effective_on=day)

    def project(self, year: int = YEAR, *, stage: str = P.Stage.DRAFTING, division: Any = None) -> None:
        P.objects.create(
            title=f"项目{P.objects.count() + 1}",
            law_kind=P.LawKind.LOCAL_REGULATION,
            change=P.Change.NEW,
            plan_year=year,
            plan_kind=P.PlanKind.FORMAL,
            part=P.Part.LEAD,
            division=division or self.sci_division,
            stage=stage,
            created_by=self.reviewer,
        )

    def test_regulations_and_rules_made_amended_and_repealed_by_the_day_adopted(self) -> None:
        regulation, rule = Law.Kind.LOCAL_REGULATION, Law.Kind.GOVERNMENT_RULE
        self.version("甲条例", regulation, V.ADOPTED, LAST_DAY)
        self.version("乙办法", rule, V.ADOPTED, D(YEAR, 1, 1))
        self.version("丙条例", regulation, V.ADOPTED, NEXT_YEAR)  # the next year
        self.version("丁法", Law.Kind.LAW, V.ADOPTED, LAST_DAY)  # a national law: not made here
        self.version("甲条例", regulation, V.AMENDED, LAST_DAY)
        self.version("乙办法", rule, V.REVISED, D(YEAR, 6, 1))
        self.version("乙办法", rule, V.REPEALED, NEXT_YEAR)
        self.assertFigure("legislation.regulations_made", 2)
        self.assertFigure("legislation.regulations_amended", 2)
        self.assertFigure("legislation.regulations_repealed", 0)
        self.assertFigure("legislation.regulations_repealed", 1, year=YEAR + 1)

    def test_the_projects_of_the_years_plan_of_the_agency_by_stage(self) -> None:
        self.project()
        self.project(stage=P.Stage.PROMULGATED)
        self.project(stage=P.Stage.TERMINATED)
        self.project(YEAR + 1)
        self.project(division=self.foreign_division)  # another agency's project
        self.assertFigure("legislation.projects", 2)  # terminated ones not counted
        self.assertFigure("legislation.projects.drafting", 1)
        self.assertFigure("legislation.projects.promulgated", 1)
        self.assertFigure("legislation.projects.terminated", 1)
        self.assertFigure("legislation.projects", 3, agency=None)
        self.assertFigure("legislation.projects", 1, year=YEAR + 1)
