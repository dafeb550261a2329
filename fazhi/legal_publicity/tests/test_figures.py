"""The legal-publicity figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, D, FigureTestCase
from fazhi.legal_publicity.models import Activity, ResponsibilityItem


class PublicityFigureTests(FigureTestCase):
    def activity(
        self, day: Any, kind: str = Activity.Kind.LECTURE, reach: int = 10, division: Any = None
    ) -> None:
        Activity.objects.create(
            held_on=day,
            division=division or self.sci_division,
            kind=kind,
            audience=Activity.Audience.PUBLIC,
            title="宣讲",
            laws="民法典",
            reach=reach,
            created_by=self.reviewer,
        )

    def test_activities_cases_explained_and_reach(self) -> None:
        self.activity(LAST_DAY, reach=100)
        self.activity(LAST_DAY, Activity.Kind.CASE, reach=30)
        self.activity(NEXT_YEAR, reach=1000)
        self.activity(LAST_DAY, reach=1000, division=self.foreign_division)
        self.assertFigure("legal_publicity.activities", 2)
        self.assertFigure("legal_publicity.cases_explained", 1)
        self.assertEqual(self.figure("legal_publicity.reach").value, 130)
        self.assertFigure("legal_publicity.activities", 3, agency=None)

    def test_the_responsibility_list_of_the_year_and_what_was_done_in_it(self) -> None:
        rows = (
            (YEAR, LAST_DAY, self.sci_division),
            (YEAR, NEXT_YEAR, self.sci_division),
            (YEAR, None, self.sci_division),
            (YEAR + 1, NEXT_YEAR, self.sci_division),
            (YEAR, LAST_DAY, self.foreign_division),  # another agency's list
        )
        for year, done, division in rows:
            ResponsibilityItem.objects.create(
                year=year,
                division=division,
                content="宣传",
                audience="公众",
                standard="一次",
                due_on=D(year, 12, 31),
                done_on=done,
                created_by=self.reviewer,
            )
        self.assertFigure("legal_publicity.responsibilities", 3)
        self.assertFigure("legal_publicity.responsibilities_done", 1)
        self.assertFigure("legal_publicity.responsibilities_done", 2, agency=None)
