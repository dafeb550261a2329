from __future__ import annotations

from fazhi.enforcement import actions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.tests.base import D, EnforcementTestCase, on


class YearFiguresTests(EnforcementTestCase):
    def test_a_year_without_cases_counts_zero(self) -> None:
        figures = year_figures(2021)
        self.assertEqual((figures.filed, figures.decided, figures.major, figures.transferred), (0, 0, 0, 0))
        self.assertIsNone(figures.publicity_rate)

    def test_the_figures_match_the_cases(self) -> None:
        late = self.notified()
        actions.record_statement(late, actor=self.officer, waived=True)
        on_time = self.notified()
        actions.record_statement(on_time, actor=self.officer, statement="无异议")
        self.transferred = self.investigated(category=EnforcementCase.Category.COERCION)
        actions.transfer(
            self.transferred, actor=self.officer, transferred_to="天津市公安局", reason="涉嫌犯罪"
        )
        with on("2026-09-30"):
            actions.decide(
                on_time, actor=self.director, outcome="penalty", decision_text="罚款", fine_amount="10000"
            )
            actions.decide(late, actor=self.director, outcome="no_penalty", decision_text="不予处罚")
            actions.publish(on_time, actor=self.officer)
        figures = year_figures(2026, today=D(2026, 10, 1))
        self.assertEqual(
            (figures.filed, figures.decided, figures.penalties, figures.no_penalty, figures.transferred),
            (3, 2, 1, 1, 1),
        )
        self.assertEqual((figures.published, figures.published_in_time, figures.publicity_rate), (1, 1, 0.5))
        self.assertEqual(figures.fines_total, "10000.00")
        self.assertEqual(figures.open_cases, 2)
        self.assertEqual(figures.by_category, {"penalty": 2, "coercion": 1, "other": 0})
        self.assertEqual(figures.decided_in_time, 2)
