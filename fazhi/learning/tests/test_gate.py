"""The pre-appointment gate and the exam rules."""

from __future__ import annotations

from decimal import Decimal

import time_machine
from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.learning import actions, rules
from fazhi.learning.models import Exam, Promotion
from fazhi.learning.tests.base import D, LearningTestCase, at


class GateTests(LearningTestCase):
    def setUp(self) -> None:
        self.promotion = actions.propose_promotion(
            actor=self.personnel, employee=self.me, post="基础研究处副处长", appointed_on=D(2026, 7, 1)
        )
        self.pre = self.exam(kind=Exam.Kind.PRE_APPOINTMENT, title="任前法律知识考试（张起草）")

    def sit(self, *, right: bool) -> None:
        attempt = actions.open_attempt(self.pre, self.drafter)
        self.answer_all(attempt, right=right)
        actions.submit_attempt(attempt, actor=self.drafter)

    def test_no_passed_exam_refuses_the_promotion_citing_the_rule(self) -> None:
        with self.assertRaisesMessage(LegalGateClosed, "没有通过任前法律知识考试"):
            actions.confirm_promotion(self.promotion, actor=self.personnel)
        self.promotion.refresh_from_db()
        self.assertEqual(self.promotion.status, Promotion.Status.PROPOSED)

    def test_a_pass_opens_the_gate(self) -> None:
        self.sit(right=True)
        done = actions.confirm_promotion(self.promotion, actor=self.personnel)
        self.assertEqual(done.status, Promotion.Status.CONFIRMED)
        self.assertTrue(AuditEvent.objects.filter(verb="learning.promotion_confirm").exists())

    def test_one_failure_leaves_a_retake_and_a_pass_on_it_opens_the_gate(self) -> None:
        self.sit(right=False)
        with self.assertRaisesMessage(LegalGateClosed, "没有通过"):
            actions.confirm_promotion(self.promotion, actor=self.personnel)
        self.sit(right=True)
        self.assertEqual(actions.confirm_promotion(self.promotion, actor=self.personnel).status, "confirmed")

    def test_a_second_failure_blocks_the_promotion_with_the_rule_cited(self) -> None:
        self.sit(right=False)
        self.sit(right=False)
        with self.assertRaisesMessage(actions.PromotionBlocked, "不予任职（任前法律知识考试补考次数1次"):
            actions.confirm_promotion(self.promotion, actor=self.personnel)
        self.promotion.refresh_from_db()
        self.assertEqual(self.promotion.status, Promotion.Status.BLOCKED)

    def test_a_pass_older_than_the_validity_does_not_count(self) -> None:
        self.sit(right=True)
        late = actions.propose_promotion(
            actor=self.personnel, employee=self.me, post="处长", appointed_on=D(2027, 7, 1)
        )
        with self.assertRaisesMessage(LegalGateClosed, "12个月内"):
            actions.confirm_promotion(late, actor=self.personnel)

    def test_only_the_personnel_division_confirms(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.confirm_promotion(self.promotion, actor=self.director)


class RuleTests(LearningTestCase):
    def test_the_rules_are_agency_set_and_marked_to_be_confirmed(self) -> None:
        for rule in rules.current_rules():
            with self.subTest(rule=rule.code):
                self.assertIn("待确认", rule.basis)
                self.assertTrue(rule.to_confirm)

    def test_a_change_is_a_new_audited_version_and_new_exams_use_it(self) -> None:
        rules.set_rule(
            rules.PASS_MARK,
            actor=self.personnel,
            value=70,
            basis="津科人〔2026〕1号",
            valid_from=D(2026, 6, 10),
        )
        self.assertEqual(rules.current(rules.PASS_MARK, self.bureau.pk).version, 2)
        self.assertIn(70, [event.data.get("to") for event in AuditEvent.objects.filter(verb="learning.rule")])
        exam = self.exam()
        self.assertEqual((exam.pass_mark, exam.rule_versions["learning.pass_mark"]), (70, 2))

    def test_an_out_of_range_value_or_another_role_is_refused(self) -> None:
        with self.assertRaisesMessage(DomainError, "之间"):
            rules.set_rule(
                rules.PASS_MARK, actor=self.personnel, value=101, basis="x", valid_from=D(2026, 6, 1)
            )
        with self.assertRaises(PermissionDenied):
            rules.set_rule(
                rules.PASS_MARK, actor=self.reviewer, value=70, basis="x", valid_from=D(2026, 6, 1)
            )

    def test_a_pass_mark_raised_after_the_exam_was_set_does_not_change_its_grading(self) -> None:
        exam = self.exam()
        rules.set_rule(rules.PASS_MARK, actor=self.personnel, value=100, basis="x", valid_from=D(2026, 6, 10))
        attempt = actions.open_attempt(exam, self.drafter)
        self.answer_all(attempt)
        actions.save_answer(attempt, actor=self.drafter, question_id=attempt.question_ids[0], value="")
        with time_machine.travel(at(2026, 6, 10, 9, 5), tick=False):
            graded = actions.submit_attempt(attempt, actor=self.drafter)
        self.assertEqual((graded.score, graded.passed), (Decimal(70), True))
