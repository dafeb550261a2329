"""The yearly figures, counted from the sittings and registered for the annual report."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import figures
from fazhi.learning import actions
from fazhi.learning.models import Employee, Exam
from fazhi.learning.stats import exam_figures
from fazhi.learning.tests.base import LearningTestCase, at


class FigureTests(LearningTestCase):
    def setUp(self) -> None:
        exam = self.exam(
            source=Exam.Source.CITY, blueprint=[], opens_at=at(2026, 5, 1), closes_at=at(2026, 5, 31)
        )
        third = Employee.objects.create(agency=self.bureau, full_name="王五", unit="市科技局办公室")
        rows = [
            actions.ResultRow(2, "张起草", "市科技局基础研究处", Decimal(90), True),
            actions.ResultRow(3, "孙其他", "市科技局科技监督与诚信建设处", Decimal(95), True),
            actions.ResultRow(4, "王五", third.unit, Decimal(40), False),
        ]
        actions.import_results(exam, rows, actor=self.personnel)

    def test_the_annual_exam_figures_are_registered_with_the_records_behind_them(self) -> None:
        with CaptureQueriesContext(connection) as ctx:
            passed = figures.compute("learning.exam_passed", None, 2026)
        self.assertLessEqual(len(ctx), 2)
        self.assertEqual(passed.value, 2)
        self.assertEqual({r.title for r in passed.records}, {"张起草", "孙其他"})
        self.assertEqual(figures.compute("learning.exam_participants", None, 2026).value, 3)
        self.assertEqual(figures.compute("learning.exam_pass_rate", None, 2026).value, Decimal("66.67"))
        self.assertEqual(figures.compute("learning.exam_passed", None, 2025).value, 0)

    def test_the_figures_by_kind_and_unit(self) -> None:
        data = exam_figures(2026)
        annual = next(k for k in data["by_kind"] if k["kind"] == "annual")
        self.assertEqual((annual["sat"], annual["passed"]), (3, 2))
        self.assertEqual(
            [(u["unit"], u["passed"]) for u in data["by_unit"]],
            [("市科技局办公室", 0), ("市科技局基础研究处", 1), ("市科技局科技监督与诚信建设处", 1)],
        )
