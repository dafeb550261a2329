"""What the apps' figure tests share: the personas, a second agency with its own division (its
records must never count for the bureau), and reading a figure of the registry."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from fazhi.core import figures
from fazhi.core.models import Organization
from fazhi.core.testing import BaseTestCase

D = datetime.date
# The year boundaries: the last day of the year counted and the first day of the next.
LAST_DAY, NEXT_YEAR = D(2021, 12, 31), D(2022, 1, 1)
YEAR = 2021


class FigureTestCase(BaseTestCase):
    other_agency: Organization
    foreign_division: Organization

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_agency = Organization.objects.create(name="天津市另一局", code="other", kind="agency")
        cls.foreign_division = Organization.objects.create(
            name="另一局办公室", code="other-d1", kind="division", parent=cls.other_agency
        )

    def figure(self, key: str, agency: Any = "bureau", year: int = YEAR) -> figures.FigureValue:
        return figures.compute(key, self.bureau if agency == "bureau" else agency, year)

    def assertFigure(self, key: str, value: int | str, *, agency: Any = "bureau", year: int = YEAR) -> None:
        result = self.figure(key, agency, year)
        expected = Decimal(value) if isinstance(value, str) else value
        self.assertEqual(result.value, expected, key)
        if not isinstance(expected, Decimal):
            self.assertEqual(len(result.records), expected, f"{key}: one record per unit counted")
