"""The law-study demo: the 2021 figures as the seed report gives them, and a 2026 exam open on
whatever day the demo is built."""

from __future__ import annotations

from decimal import Decimal

import time_machine
from django.test import TestCase
from django.utils import timezone

from fazhi.core import figures
from fazhi.core.models import User
from fazhi.demo.data import load_demo
from fazhi.learning import actions
from fazhi.learning.models import Exam, Promotion, Question, StudySession


class LearningDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_all_447_state_employees_passed_the_2021_annual_exam(self) -> None:
        # “全系统447名国家工作人员全部通过学法用法考试”.
        passed = figures.compute("learning.exam_passed", None, 2021)
        self.assertEqual(passed.value, 447)
        self.assertEqual(len(passed.records), 447)
        self.assertEqual(figures.compute("learning.exam_participants", None, 2021).value, 447)
        self.assertEqual(figures.compute("learning.exam_pass_rate", None, 2021).value, Decimal("100.00"))

    def test_the_bank_has_at_least_200_questions_each_tied_to_a_law_version(self) -> None:
        self.assertGreaterEqual(Question.objects.usable().count(), 200)
        self.assertFalse(Question.objects.filter(law_version__isnull=True).exists())

    def test_a_division_level_candidate_passed_the_2021_pre_appointment_exam_and_was_appointed(self) -> None:
        promotion = Promotion.objects.get()
        self.assertEqual((promotion.status, promotion.post), (Promotion.Status.CONFIRMED, "基础研究处处长"))
        assert promotion.exam_attempt is not None
        self.assertEqual(promotion.exam_attempt.exam.kind, Exam.Kind.PRE_APPOINTMENT)
        self.assertTrue(promotion.exam_attempt.passed)

    def test_2021_has_the_leading_cadres_law_study(self) -> None:
        kinds = set(StudySession.objects.filter(held_on__year=2021).values_list("kind", flat=True))
        self.assertEqual(kinds, set(StudySession.Kind.values))

    def test_the_2026_exam_is_open_now_and_staff_can_take_it(self) -> None:
        exam = Exam.objects.get(year=2026)
        self.assertTrue(exam.is_open(timezone.now()))
        attempt = actions.open_attempt(exam, User.objects.get(username="staff"))
        self.assertEqual(len(attempt.question_ids), 43)


class LearningDemoDateTests(TestCase):
    @time_machine.travel("2026-03-02 09:00 +08:00", tick=False)
    def test_a_demo_built_on_another_day_has_the_exam_open_that_day(self) -> None:
        load_demo()
        self.assertTrue(Exam.objects.get(year=2026).is_open(timezone.now()))
