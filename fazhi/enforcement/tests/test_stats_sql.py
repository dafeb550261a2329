"""The year's figures are counted in the database (one aggregate): what used to be read back
case by case — the Art 58 grounds, the fines — and the edges of the year."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.tests.base import EnforcementTestCase

D = datetime.date
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices


class FiguresInSqlTests(EnforcementTestCase):
    def case(self, **fields: object) -> EnforcementCase:
        case = self.file()
        EnforcementCase.objects.filter(pk=case.pk).update(**fields)
        return case

    def test_major_grounds_fines_and_withdrawals_of_closed_cases(self) -> None:
        decided = {"decided_on": D(2025, 5, 6), "decision_due_on": D(2025, 6, 1)}
        self.case(**decided, outcome=O.PENALTY, fine_amount=Decimal("1200.50"), major_grounds=["hearing"])
        self.case(**decided, outcome=O.PENALTY, fine_amount=Decimal("0.25"), major_grounds=[])
        self.case(**decided, outcome=O.PENALTY, fine_amount=None)
        self.case(**decided, outcome=O.NO_PENALTY, fine_amount=Decimal("99"), major_grounds=["a", "b"])
        # Closed in 2025, its publication withdrawn in 2026: a 2026 withdrawal, nothing else.
        self.case(
            filed_on=D(2024, 3, 1),
            decided_on=D(2024, 6, 1),
            closed_on=D(2025, 1, 10),
            published_on=D(2024, 6, 5),
            withdrawn_on=D(2026, 2, 1),
        )
        with CaptureQueriesContext(connection) as queries:
            figures = year_figures(2025, today=D(2026, 6, 16))
        self.assertEqual(len(queries.captured_queries), 1)
        self.assertEqual((figures.decided, figures.penalties, figures.no_penalty), (4, 3, 1))
        self.assertEqual(figures.major, 2)
        self.assertEqual(figures.fines_total, "1200.75")
        self.assertEqual(figures.decided_in_time, 4)
        later = year_figures(2026, today=D(2026, 6, 16))
        self.assertEqual((later.withdrawn, later.decided, later.major), (1, 0, 0))

    def test_open_at_the_end_of_the_year(self) -> None:
        self.case(filed_on=D(2025, 12, 31))  # open
        self.case(filed_on=D(2025, 3, 1), closed_on=D(2025, 12, 31))  # closed on the last day
        self.case(filed_on=D(2025, 3, 1), closed_on=D(2026, 1, 1))  # still open at the end
        self.case(filed_on=D(2025, 3, 1), transferred_on=D(2026, 2, 1))  # still open at the end
        self.case(filed_on=D(2026, 1, 1))  # filed after
        figures = year_figures(2025, today=D(2026, 6, 16))
        self.assertEqual(figures.open_cases, 3)
        self.assertEqual(figures.filed, 4)


@override_settings(FAZHI_PUBLIC_CACHE=True)
class PublicPageFiguresTests(EnforcementTestCase):
    def setUp(self) -> None:
        super().setUp()
        caches["public"].clear()

    def test_the_years_and_the_figures_once_per_publication(self) -> None:
        self.client.get("/enforcement/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/enforcement/?category=penalty")
        self.assertEqual(response.status_code, 200)
        sql = [q["sql"] for q in queries.captured_queries]
        self.assertFalse([q for q in sql if "FILTER" in q or "EXISTS (SELECT 1" in q], sql)
        self.assertEqual(response.context["figures"].figures, year_figures(2026, today=D(2026, 9, 22)))
