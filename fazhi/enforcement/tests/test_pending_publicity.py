"""Issue 9: publication while the publicity limit is pending is never logged as late."""

from __future__ import annotations

import datetime

from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.enforcement import actions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.enforcement.tests.base import EnforcementTestCase, on

D = datetime.date


class PublicationWithAPendingLimit(EnforcementTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_a_decision_published_the_next_day_is_in_time_once_2027_is_entered(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-12-28"):
            actions.decide(
                case,
                actor=self.director,
                outcome="penalty",
                decision_text="罚款",
                overdue_reason="经批准延长",
                extension_basis="《某部门行政处罚程序规定》第六十四条",
            )
        self.assertIsNone(case.publicity_due_on)
        with on("2026-12-29"):
            actions.publish(case, actor=self.officer)
        event = AuditEvent.objects.get(verb="enforcement.publish")
        self.assertIsNone(event.data["in_time"])  # never false against a pending date
        with on("2026-12-29"):
            self.login(self.officer)
            page = self.client.get(f"/work/enforcement/{case.pk}/")
        self.assertNotContains(page, "逾期公示")
        self.assertContains(page, "期限待工作日历录入后计算")
        with on("2026-12-30"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertGreaterEqual(counts["enforcement"], 1)
        case = EnforcementCase.objects.get(pk=case.pk)
        # 7 working days from 28 December: 29, 30, 31 December; 4, 5, 6, 7 January (1 January a holiday).
        self.assertEqual(case.publicity_due_on, D(2027, 1, 7))
        filled = AuditEvent.objects.filter(verb="enforcement.deadlines_computed").latest("seq")
        self.assertIs(filled.data["publicity_due_on"]["in_time"], True)
        self.assertEqual(year_figures(2026).published_in_time, 1)

    def test_a_hearing_in_january_is_scheduled_when_december_holds_the_seven_working_days(self) -> None:
        case = self.notified(hearing_right=True)
        actions.request_hearing(case, actor=self.officer)
        with on("2026-12-20"):
            actions.schedule_hearing(case, actor=self.officer, hearing_on=D(2027, 1, 12))
        self.assertEqual((case.hearing_on, case.hearing_notice_due_on), (D(2027, 1, 12), None))
        other = self.notified(hearing_right=True)
        actions.request_hearing(other, actor=self.officer)
        with on("2026-12-28"), self.assertRaisesMessage(Exception, "2027 年的工作日历"):
            actions.schedule_hearing(other, actor=self.officer, hearing_on=D(2027, 1, 6))
        enter_year_from_notice(2027, self.city_admin)
        case.refresh_from_db()
        # 7 working days before 12 January: 11, 8, 7, 6, 5, 4 January and 31 December.
        self.assertEqual(case.hearing_notice_due_on, D(2026, 12, 31))

    def test_a_case_is_filed_when_the_limitation_period_ends_in_a_missing_year(self) -> None:
        with on("2026-12-20"):
            # Two years from the act on 5 January 2025 end on 5 January 2027: discovered well before.
            case = self.file(discovered_on=D(2026, 12, 19), violation_occurred_on=D(2025, 1, 5))
            self.assertEqual(case.status, "investigating")
