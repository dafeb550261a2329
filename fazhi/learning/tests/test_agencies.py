"""Law study in a city of departments (issue 12): each department's personnel division sets its
own exams for its own roster, reads its own scores and keeps its own pre-appointment gate and
rules; the commission's people get 404 on the bureau's exams and their actions are refused; the
figures are the department's own. The question bank stays the city's, shared."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError
from fazhi.learning import actions, rules
from fazhi.learning.models import Attempt, Employee, Promotion
from fazhi.learning.stats import exam_figures
from fazhi.learning.tests.base import LearningTestCase, at


class DepartmentTests(LearningTestCase):
    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        c = cls.commission
        cls.teacher = Employee.objects.create(full_name="教起草", unit="市教委基础研究处", user=c.drafter)

    def test_the_roster_belongs_to_each_department(self) -> None:
        self.assertEqual(self.me.agency_id, self.bureau.pk)
        self.assertEqual(self.teacher.agency_id, self.commission.agency.pk)
        self.login(self.commission.personnel)
        page = self.client.get("/work/learning/roster/").content.decode()
        self.assertIn("教起草", page)
        self.assertNotIn("张起草", page)

    def test_the_commission_gets_404_and_refusals_on_the_bureaus_exam(self) -> None:
        theirs = self.exam()
        c = self.commission
        for user in (c.personnel, c.director, c.admin_user):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(f"/work/learning/exams/{theirs.pk}/").status_code, 404)
                self.assertIn(
                    self.client.post(f"/work/learning/exams/{theirs.pk}/import/").status_code, (403, 404)
                )
                self.assertNotIn(theirs.title, self.client.get("/work/learning/exams/").content.decode())
        with self.assertRaises(PermissionDenied):
            actions.add_candidates(theirs, [self.teacher], actor=c.personnel)
        with self.assertRaisesMessage(DomainError, "应考人员应当是本机关名册中的人员"):
            actions.add_candidates(theirs, [self.teacher], actor=self.personnel)

    def test_an_exam_is_set_for_the_own_department(self) -> None:
        c = self.commission
        exam = actions.create_exam(
            actor=c.personnel,
            title="教委年度学法用法考试",
            kind="annual",
            year=2026,
            opens_at=at(2026, 6, 1, 8),
            closes_at=at(2026, 6, 30, 18),
            time_limit_minutes=60,
            blueprint=[actions.BlueprintSpec("science", "single", 2, Decimal(50))],
        )
        self.assertEqual(exam.agency_id, c.agency.pk)
        actions.add_candidates(exam, [self.teacher], actor=c.personnel)
        attempt = actions.open_attempt(exam, c.drafter)
        self.assertFalse(Attempt.objects.visible_to(self.personnel).filter(pk=attempt.pk).exists())
        self.assertTrue(Attempt.objects.visible_to(c.personnel).filter(pk=attempt.pk).exists())

    def test_the_gate_and_the_rules_are_the_departments_own(self) -> None:
        c = self.commission
        with self.assertRaises(PermissionDenied):
            actions.propose_promotion(
                actor=c.personnel, employee=self.me, post="副处长", appointed_on=datetime.date(2026, 7, 1)
            )
        promotion = actions.propose_promotion(
            actor=c.personnel, employee=self.teacher, post="副处长", appointed_on=datetime.date(2026, 7, 1)
        )
        self.assertEqual(promotion.agency_id, c.agency.pk)
        with self.assertRaises(PermissionDenied):
            actions.confirm_promotion(promotion, actor=self.personnel)
        self.login(self.personnel)
        self.assertEqual(
            self.client.post(f"/work/learning/promotions/{promotion.pk}/confirm/").status_code, 404
        )
        self.assertEqual(Promotion.objects.get(pk=promotion.pk).status, Promotion.Status.PROPOSED)
        rules.set_rule(
            rules.PASS_MARK,
            actor=c.personnel,
            value=70,
            basis="本委规定",
            valid_from=datetime.date(2026, 1, 1),
        )
        self.assertEqual(rules.current(rules.PASS_MARK, c.agency.pk).value, 70)
        self.assertEqual(rules.current(rules.PASS_MARK, self.bureau.pk).value, 60)

    def test_the_figures_are_per_department(self) -> None:
        self.exam()
        self.assertEqual(exam_figures(2026, self.commission.agency)["by_unit"], [])
