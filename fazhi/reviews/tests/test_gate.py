from __future__ import annotations

from fazhi.core.workflow import LegalGateClosed
from fazhi.reviews import actions
from fazhi.reviews.gate import require_cleared_review, review_gate
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, make_counsel, submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

K = ReviewRequest.SubjectKind


class ReviewGateTests(ReviewTestCase):
    """The gate is asked about a subject record. Any model instance can stand as the subject
    here (an organization), as later modules link their own records."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.subject = cls.other_division  # stands for the document under review

    def test_without_any_review_the_gate_is_closed_citing_the_rule(self) -> None:
        result = review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT)
        self.assertFalse(result.allowed)
        self.assertEqual(
            result.reason,
            "未经合法性审核：未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议（国办发〔2018〕115号）",
        )

    def test_a_pending_review_keeps_the_gate_closed(self) -> None:
        submitted_review(self.drafter, subject=self.subject)
        result = review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT)
        self.assertFalse(result.allowed)
        self.assertTrue(result.reason.startswith("合法性审核尚未完成"))

    def test_a_lawful_review_opens_the_gate(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, subject=self.subject)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        result = review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT)
        self.assertTrue(result.allowed)
        self.assertEqual(result.review, review)

    def test_an_unlawful_review_closes_the_gate_for_a_decision_citing_article_25(self) -> None:
        review = accepted_review(
            self.drafter, self.reviewer, self.counsel, subject=self.subject, kind=K.MAJOR_DECISION
        )
        actions.add_opinion(review, actor=self.reviewer, text="超越法定职权", kind="must_change")
        actions.conclude_review(
            review, actor=self.reviewer, conclusion="unlawful", short_review_reason="紧急"
        )
        with self.assertRaisesMessage(LegalGateClosed, "《重大行政决策程序暂行条例》第二十五条"):
            require_cleared_review(self.subject, kind=K.MAJOR_DECISION)

    def test_lawful_with_changes_opens_only_when_every_must_change_opinion_is_adopted(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, subject=self.subject)
        must = actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        hint = actions.add_opinion(review, actor=self.reviewer, text="建议调整表述", kind="suggestion")
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful_with_changes")
        self.assertIn(
            "第1条（必须修改）尚未答复", review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT).reason
        )
        actions.answer_opinion(must, actor=self.drafter, response="partly_adopted", reason="保留部分内容")
        self.assertIn("未被完全采纳", review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT).reason)

        again = accepted_review(self.drafter, self.reviewer, self.counsel, subject=self.subject)
        must2 = actions.add_opinion(again, actor=self.reviewer, text="删除第五条", kind="must_change")
        actions.conclude_review(again, actor=self.reviewer, conclusion="lawful_with_changes")
        actions.answer_opinion(must2, actor=self.drafter, response="adopted")
        result = review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT)
        self.assertTrue(result.allowed, result.reason)
        self.assertEqual(result.review, again)
        self.assertEqual(hint.response, "")

    def test_reviews_of_other_subjects_do_not_count(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, subject=self.legal_division)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        self.assertFalse(review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT).allowed)

    def test_public_lawyer_counts_as_counsel(self) -> None:
        lawyer = make_counsel(name="刘公职", number="31201200000000001", kind="public_lawyer")
        review = accepted_review(self.drafter, self.reviewer, lawyer, subject=self.subject)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        self.assertTrue(review_gate(self.subject, kind=K.NORMATIVE_DOCUMENT).allowed)
