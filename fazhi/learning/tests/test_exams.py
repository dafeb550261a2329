"""Paper drawing, grading of every kind, the clock on the server, retakes."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

import time_machine
from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import LegalGateClosed
from fazhi.learning import actions
from fazhi.learning.grading import is_correct
from fazhi.learning.models import FALSE, TRUE, Exam, Question
from fazhi.learning.tests.base import LearningTestCase, at


class PaperDrawingTests(LearningTestCase):
    def test_a_paper_meets_the_blueprint(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        kinds = Counter(Question.objects.filter(pk__in=attempt.question_ids).values_list("kind", flat=True))
        self.assertEqual(kinds, {"single": 2, "multiple": 2, "true_false": 2, "fill": 2})
        self.assertEqual(len(set(attempt.question_ids)), 8)
        self.assertEqual(attempt.max_score, Decimal(80))

    def test_a_paper_is_recreated_from_its_recorded_seed(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        self.assertEqual(actions.recreate_paper(attempt), attempt.question_ids)
        event = AuditEvent.objects.get(verb="learning.attempt_start")
        self.assertEqual(event.data["seed"], attempt.seed)
        self.assertEqual(event.data["questions"], attempt.question_ids)

    def test_options_are_shuffled_and_recorded_for_choice_questions_only(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        choice = set(
            Question.objects.filter(pk__in=attempt.question_ids, kind__in=["single", "multiple"]).values_list(
                "pk", flat=True
            )
        )
        self.assertEqual({int(k) for k in attempt.option_orders}, choice)
        for order in attempt.option_orders.values():
            self.assertEqual(sorted(order), [0, 1, 2, 3])

    def test_a_retake_never_gets_the_same_paper(self) -> None:
        exam = self.exam(kind=Exam.Kind.PRE_APPOINTMENT, title="任前法律知识考试")
        self.assertEqual(exam.max_attempts, 2)  # the rule book's one retake
        first = actions.open_attempt(exam, self.drafter)
        self.answer_all(first, right=False)
        actions.submit_attempt(first, actor=self.drafter)
        second = actions.open_attempt(exam, self.drafter)
        self.assertEqual(second.number, 2)
        self.assertNotEqual(second.paper_digest, first.paper_digest)

    def test_a_third_sitting_is_refused_with_the_rule_cited(self) -> None:
        exam = self.exam(kind=Exam.Kind.PRE_APPOINTMENT, title="任前法律知识考试")
        for _ in range(2):
            attempt = actions.open_attempt(exam, self.drafter)
            self.answer_all(attempt, right=False)
            actions.submit_attempt(attempt, actor=self.drafter)
        with self.assertRaisesMessage(LegalGateClosed, "任前法律知识考试补考次数1次"):
            actions.open_attempt(exam, self.drafter)

    def test_a_pool_too_small_for_a_different_paper_refuses_the_retake(self) -> None:
        exam = self.exam(
            kind=Exam.Kind.PRE_APPOINTMENT,
            blueprint=[actions.BlueprintSpec("science", "single", 4, Decimal(25))],
        )
        first = actions.open_attempt(exam, self.drafter)
        actions.submit_attempt(first, actor=self.drafter)
        with self.assertRaisesMessage(LegalGateClosed, "不同的试卷"):
            actions.open_attempt(exam, self.drafter)

    def test_someone_not_on_the_roster_cannot_sit(self) -> None:
        with self.assertRaisesMessage(LegalGateClosed, "应考人员名单"):
            actions.open_attempt(self.exam(), self.division_head)

    def test_a_blueprint_larger_than_the_bank_is_refused(self) -> None:
        with self.assertRaisesMessage(Exception, "不足 9 道"):
            self.exam(blueprint=[actions.BlueprintSpec("science", "single", 9, Decimal(1))])

    def test_the_pass_mark_comes_from_the_rule_book_with_its_version(self) -> None:
        exam = self.exam()
        self.assertEqual(exam.pass_mark, 60)
        self.assertEqual(exam.rule_versions["learning.pass_mark"], 1)


class GradingTests(LearningTestCase):
    def q(self, kind: str, answer: str, options: list[str] | None = None) -> Question:
        return Question(kind=kind, answer=answer, options=options or [])

    def test_single_choice(self) -> None:
        self.assertTrue(is_correct(self.q("single", "B", ["a", "b"]), "B"))
        self.assertFalse(is_correct(self.q("single", "B", ["a", "b"]), "A"))

    def test_multiple_choice_needs_every_right_option_and_no_other(self) -> None:
        q = self.q("multiple", "AC", ["a", "b", "c"])
        self.assertTrue(is_correct(q, "CA"))
        self.assertFalse(is_correct(q, "A"))
        self.assertFalse(is_correct(q, "ABC"))

    def test_true_false(self) -> None:
        self.assertTrue(is_correct(self.q("true_false", TRUE), TRUE))
        self.assertFalse(is_correct(self.q("true_false", TRUE), FALSE))

    def test_fill_in_accepts_any_listed_answer_ignoring_spaces_and_full_width(self) -> None:
        q = self.q("fill", "全国人民代表大会|全国人大")
        self.assertTrue(is_correct(q, " 全国人大 "))
        self.assertTrue(is_correct(q, "全国人民代表大会。"))
        self.assertFalse(is_correct(q, "国务院"))
        self.assertTrue(is_correct(self.q("fill", "5"), "５"))

    def test_an_empty_answer_is_wrong(self) -> None:
        self.assertFalse(is_correct(self.q("single", "A", ["a", "b"]), ""))

    def test_a_paper_answered_right_passes_at_once_with_full_marks(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        self.answer_all(attempt)
        graded = actions.submit_attempt(attempt, actor=self.drafter)
        self.assertEqual((graded.score, graded.passed), (Decimal(80), True))
        self.assertIsNotNone(graded.graded_at)

    def test_a_paper_answered_wrong_fails(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        self.answer_all(attempt, right=False)
        graded = actions.submit_attempt(attempt, actor=self.drafter)
        self.assertEqual((graded.score, graded.passed), (Decimal(0), False))


class ClockTests(LearningTestCase):
    def test_answers_are_kept_and_a_second_open_resumes_the_same_sitting(self) -> None:
        exam = self.exam()
        attempt = actions.open_attempt(exam, self.drafter)
        actions.save_answer(attempt, actor=self.drafter, question_id=attempt.question_ids[0], value="B")
        again = actions.open_attempt(exam, self.drafter)
        self.assertEqual(again.pk, attempt.pk)
        self.assertEqual(again.deadline_at, attempt.deadline_at)
        self.assertEqual(again.answers.get().value, "B")

    def test_the_deadline_is_the_time_limit_or_the_window_end_whichever_first(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        assert attempt.started_at and attempt.deadline_at
        self.assertEqual(attempt.deadline_at - attempt.started_at, datetime.timedelta(minutes=60))
        with time_machine.travel(at(2026, 6, 30, 17, 30), tick=False):
            late = actions.open_attempt(self.exam(title="另一场"), self.drafter)
        self.assertEqual(late.deadline_at, at(2026, 6, 30, 18))

    def test_an_answer_after_the_time_is_up_is_refused(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        with time_machine.travel(at(2026, 6, 10, 10, 1), tick=False):
            with self.assertRaisesMessage(LegalGateClosed, "答题时间已到"):
                actions.save_answer(
                    attempt, actor=self.drafter, question_id=attempt.question_ids[0], value="B"
                )

    def test_a_late_submission_is_refused_and_the_saved_answers_are_graded(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        self.answer_all(attempt)
        with time_machine.travel(at(2026, 6, 10, 10, 5), tick=False):
            with self.assertRaisesMessage(LegalGateClosed, "逾时交卷不予接受"):
                actions.submit_attempt(attempt, actor=self.drafter)
        attempt.refresh_from_db()
        self.assertTrue(attempt.auto_submitted)
        self.assertEqual(attempt.submitted_at, attempt.deadline_at)
        self.assertEqual(attempt.score, Decimal(80))

    def test_a_sitting_left_open_is_graded_when_its_time_runs_out(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        with time_machine.travel(at(2026, 6, 10, 11), tick=False):
            self.assertEqual(actions.expire_attempts(), 1)
        attempt.refresh_from_db()
        self.assertEqual((attempt.auto_submitted, attempt.passed), (True, False))

    def test_an_exam_outside_its_window_cannot_be_started(self) -> None:
        exam = self.exam()
        with time_machine.travel(at(2026, 7, 1, 9), tick=False):
            with self.assertRaisesMessage(LegalGateClosed, "不在考试时间内"):
                actions.open_attempt(exam, self.drafter)

    def test_only_the_candidate_saves_their_answers(self) -> None:
        attempt = actions.open_attempt(self.exam(), self.drafter)
        with self.assertRaises(PermissionDenied):
            actions.save_answer(attempt, actor=self.outsider, question_id=attempt.question_ids[0], value="B")
