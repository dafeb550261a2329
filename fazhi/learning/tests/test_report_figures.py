"""The law-study figures of the annual report, against hand-built records: people (not sittings)
who sat and passed the year's annual exam, pre-appointment sittings, study sessions, each by the
exam's year or the day held. The roster has no reliable link to an agency (a division is
optional, the unit is words), so these figures count every agency's."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, FigureTestCase
from fazhi.learning.models import Attempt, Employee, Exam, StudySession

TZ = datetime.timezone(datetime.timedelta(hours=8))


class LearningFigureTests(FigureTestCase):
    def exam(self, year: int, kind: str = Exam.Kind.ANNUAL) -> Any:
        return Exam.objects.create(
            title=f"{year}年考试",
            kind=kind,
            year=year,
            opens_at=datetime.datetime(year, 6, 1, tzinfo=TZ),
            closes_at=datetime.datetime(year, 6, 30, tzinfo=TZ),
            time_limit_minutes=60,
            pass_mark=60,
            max_attempts=2,
            created_by=self.reviewer,
        )

    def sat(self, exam: Any, name: str, number: int, passed: bool | None, *, graded: bool = True) -> None:
        employee, _ = Employee.objects.get_or_create(
            full_name=name, unit="市科技局", defaults={"agency": self.bureau}
        )
        Attempt.objects.create(
            exam=exam,
            employee=employee,
            number=number,
            graded_at=datetime.datetime(exam.year, 6, 1 + number, tzinfo=TZ) if graded else None,
            passed=passed,
        )

    def test_people_who_sat_and_passed_the_years_annual_exam(self) -> None:
        annual = self.exam(YEAR)
        self.sat(annual, "甲", 1, False)
        self.sat(annual, "甲", 2, True)  # passed the retake: one person, passed
        self.sat(annual, "乙", 1, False)
        self.sat(annual, "丙", 1, None, graded=False)  # still sitting: not counted
        self.sat(self.exam(YEAR + 1), "丁", 1, True)  # the next year's exam
        self.sat(self.exam(YEAR, Exam.Kind.PRE_APPOINTMENT), "戊", 1, True)
        self.assertFigure("learning.exam_participants", 2)
        self.assertFigure("learning.exam_passed", 1)
        self.assertEqual(self.figure("learning.exam_pass_rate").value, Decimal("50.00"))
        self.assertFigure("learning.exam_passed", 1, year=YEAR + 1)

    def test_pre_appointment_sittings_and_study_sessions_of_the_year(self) -> None:
        pre = self.exam(YEAR, Exam.Kind.PRE_APPOINTMENT)
        self.sat(pre, "甲", 1, False)
        self.sat(pre, "甲", 2, True)  # sittings (人次), not people
        self.sat(self.exam(YEAR + 1, Exam.Kind.PRE_APPOINTMENT), "乙", 1, True)
        for day in (LAST_DAY, NEXT_YEAR):
            StudySession.objects.create(
                kind=StudySession.Kind.THEORY_GROUP,
                held_on=day,
                topic="学习民法典",
                attendees="甲",
                attendee_count=1,
                created_by=self.reviewer,
            )
        self.assertFigure("learning.pre_appointment_sittings", 2)
        self.assertFigure("learning.study_sessions", 1)
        self.assertFigure("learning.study_sessions", 1, year=YEAR + 1)
