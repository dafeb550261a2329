"""The question bank: checks of a question, retirement when its law is amended, re-approval."""

from __future__ import annotations

from fazhi.core import laws
from fazhi.core.workflow import DomainError, InvalidTransition
from fazhi.learning import actions
from fazhi.learning.models import Category, Question
from fazhi.learning.tests.base import D, LearningTestCase


class QuestionCheckTests(LearningTestCase):
    def make(self, **overrides: object) -> Question:
        values: dict[str, object] = {
            "actor": self.personnel,
            "code": "N1",
            "kind": "single",
            "category": Category.SCIENCE,
            "stem": "题干",
            "options": ["甲", "乙"],
            "answer": "A",
            "law": self.law,
            "law_version": self.v2021,
        }
        values.update(overrides)
        return actions.create_question(**values)  # type: ignore[arg-type]

    def test_each_malformed_question_is_refused_with_its_reason(self) -> None:
        for overrides, message in [
            ({"answer": "C"}, "只能是已有的选项"),
            ({"answer": "AB"}, "单选题的答案只有一个选项"),
            ({"kind": "multiple", "answer": "A"}, "多选题的答案至少有两个选项"),
            ({"options": ["甲"]}, "2—6 个选项"),
            ({"kind": "true_false", "options": [], "answer": "是"}, "“对”或“错”"),
            ({"kind": "fill", "options": [], "answer": ""}, "填空题的答案"),
            ({"law_version": None}, "版本"),
            ({"law_version": self.v2007}, "已被新版本取代"),
            ({"code": "Q SI000"}, "题号"),
            ({"code": "QSI000"}, "已存在"),
        ]:
            with self.subTest(message=message), self.assertRaisesMessage(DomainError, message):
                self.make(**overrides)
        self.assertFalse(Question.objects.filter(code="N1").exists())

    def test_the_answer_letters_of_a_multiple_choice_are_kept_in_order(self) -> None:
        self.assertEqual(self.make(kind="multiple", answer="ca", options=["a", "b", "c"]).answer, "AC")


class RetirementTests(LearningTestCase):
    def test_an_amendment_retires_the_questions_tied_to_the_older_version(self) -> None:
        laws.record_law_version(
            self.law,
            kind="amended",
            adopted_on=D(2026, 5, 1),
            effective_on=D(2026, 6, 1),
            actor=self.reviewer,
        )
        self.assertFalse(Question.objects.usable().exists())
        retired = Question.objects.first()
        assert retired is not None
        self.assertIn("待依据新版本复核", retired.retired_reason)

    def test_a_version_not_yet_in_force_retires_nothing_until_it_takes_effect(self) -> None:
        version = laws.record_law_version(
            self.law,
            kind="amended",
            adopted_on=D(2026, 6, 1),
            effective_on=D(2026, 9, 1),
            actor=self.reviewer,
        )
        self.assertEqual(Question.objects.usable().count(), 16)
        laws.apply_effective_versions(today=D(2026, 9, 1))
        version.refresh_from_db()
        self.assertEqual(Question.objects.usable().count(), 0)

    def test_a_retired_question_is_not_drawn_and_a_reviewer_reapproves_it(self) -> None:
        new = laws.record_law_version(
            self.law,
            kind="amended",
            adopted_on=D(2026, 5, 1),
            effective_on=D(2026, 6, 1),
            actor=self.reviewer,
        )
        with self.assertRaisesMessage(DomainError, "在用试题"):
            self.exam()
        question = Question.objects.get(code="QSI000")
        actions.reapprove_question(question, actor=self.personnel, law_version=new)
        question.refresh_from_db()
        self.assertEqual((question.status, question.law_version_id), (Question.Status.APPROVED, new.pk))
        with self.assertRaises(InvalidTransition):
            actions.reapprove_question(question, actor=self.personnel, law_version=new)

    def test_a_question_of_another_law_is_untouched(self) -> None:
        other = laws.create_law(title="中华人民共和国行政许可法", kind="law", actor=self.reviewer)
        v = laws.record_law_version(
            other, kind="adopted", adopted_on=D(2003, 8, 27), effective_on=D(2004, 7, 1), actor=self.reviewer
        )
        actions.create_question(
            actor=self.personnel,
            code="X1",
            kind="true_false",
            category="administrative",
            stem="题",
            answer="对",
            law=other,
            law_version=v,
        )
        laws.record_law_version(
            self.law,
            kind="amended",
            adopted_on=D(2026, 5, 1),
            effective_on=D(2026, 6, 1),
            actor=self.reviewer,
        )
        self.assertEqual(list(Question.objects.usable().values_list("code", flat=True)), ["X1"])
