"""Issue 9: from mid-December an inspection result is recorded although its 20-working-day
publicity date falls in a year the calendar lacks; a publication then is never logged late."""

from __future__ import annotations

import datetime

import time_machine

from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.inspections import actions
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.tests.test_results import TaskTestCase

D = datetime.date


def at(day: str) -> time_machine.travel:
    return time_machine.travel(f"{day} 15:00 +08:00", tick=False)


class ResultsRecordedInDecember(TaskTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_the_result_is_recorded_published_and_its_date_filled_when_2027_is_entered(self) -> None:
        task = self.task()
        with at("2026-12-18"):
            actions.record_result(
                task, actor=self.officer, result=InspectionTask.Result.NO_PROBLEM, ended_on=D(2026, 12, 18)
            )
        task.refresh_from_db()
        self.assertIsNone(task.publicity_due_on)
        with at("2026-12-21"):
            self.login(self.officer)
            self.assertContains(
                self.client.get(f"/work/inspections/tasks/{task.pk}/"), "待录入 2027 年工作日历后计算"
            )
            actions.publish_results([task], actor=self.reviewer)
        self.assertIsNone(AuditEvent.objects.get(verb="inspection.result_publish").data["late"])
        with at("2026-12-22"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["inspections"], 1)
        task.refresh_from_db()
        # 20 working days from 18 December: 9 in December, 1 January a holiday, then 11 in January.
        self.assertEqual(task.publicity_due_on, D(2027, 1, 18))
        self.assertIs(AuditEvent.objects.get(verb="inspection.deadlines_computed").data["in_time"], True)
