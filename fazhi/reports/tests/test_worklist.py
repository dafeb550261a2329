"""The report on the dashboard from January: to create, submit and publish, overdue against the
rule book; approval for the leadership; contributions for a division."""

from __future__ import annotations

from fazhi.core.testing import BaseTestCase
from fazhi.reports import actions
from fazhi.reports.tests.factories import D, at, drafted, in_review
from fazhi.reports.worklist import report_items


class WorklistTests(BaseTestCase):
    def test_from_january_the_legal_affairs_division_is_asked_for_last_years_report(self) -> None:
        items = list(report_items(self.reviewer, today=D(2022, 1, 3)))
        self.assertEqual([i.due.due for i in items], [D(2022, 3, 1), D(2022, 4, 1)])
        self.assertEqual([i.due.rule_code for i in items], ["annual_report.submit", "annual_report.publish"])

    def test_the_items_are_overdue_after_the_rule_book_dates(self) -> None:
        items = list(report_items(self.reviewer, today=D(2022, 4, 2)))
        self.assertTrue(all(i.due.due < D(2022, 4, 2) for i in items))

    def test_the_director_is_asked_to_approve_and_a_division_to_contribute(self) -> None:
        with at("2022-01-10"):
            report = drafted(self)
            section = report.sections.get(part="duty")
            actions.assign_contribution(
                section, actor=self.reviewer, division=self.sci_division, due_on=D(2022, 1, 20)
            )
            drafter_items = list(report_items(self.drafter, today=D(2022, 1, 10)))
            self.assertEqual(len(drafter_items), 1)
            self.assertIn("供稿", drafter_items[0].title)
            self.assertEqual(list(report_items(self.outsider, today=D(2022, 1, 10))), [])
            actions.submit_contribution(report.tasks.get(), actor=self.drafter, text="文字")
            in_review(self, report)
        self.assertTrue(any("审议" in i.title for i in report_items(self.director, today=D(2022, 1, 10))))
