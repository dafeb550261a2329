from __future__ import annotations

import datetime

import time_machine
from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent, NumberSeries
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.reviews import actions
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, draft_review, make_counsel, submitted_review

S = ReviewRequest.Status
K = ReviewRequest.SubjectKind

# 2026-02-13 is the Friday before Spring Festival (15–23 Feb; 14 and 28 Feb are make-up
# working days), so every review period below crosses the holiday.
FRIDAY_BEFORE_SPRING_FESTIVAL = "2026-02-13 10:00 +08:00"
MID_2026 = "2026-06-16 10:00 +08:00"


@time_machine.travel(MID_2026, tick=False)
class ReviewTestCase(BaseTestCase):
    """Runs on a fixed day, so that review periods never reach a year the calendar lacks."""

    counsel: LegalCounsel

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.counsel = make_counsel(cls.advisor)
        # The bureau's letters, as make_department registers the commission's (issue 12).
        NumberSeries.objects.create(
            organization=cls.legal_division, kind=NumberSeries.Kind.REVIEW_LETTER, prefix="津科法审"
        )

    def events(self, verb: str) -> int:
        return AuditEvent.objects.filter(verb=verb).count()


class CreateAndSubmitTests(ReviewTestCase):
    def test_subclasses_run_on_the_fixed_day(self) -> None:
        from django.utils import timezone

        self.assertEqual(timezone.localdate(), datetime.date(2026, 6, 16))

    def test_drafter_creates_a_draft_for_their_division(self) -> None:
        review = draft_review(self.drafter)
        self.assertEqual(review.status, S.DRAFT)
        self.assertEqual(review.division, self.sci_division)
        self.assertEqual(self.events("review.create"), 1)

    def test_someone_without_a_division_role_cannot_create(self) -> None:
        with self.assertRaises(PermissionDenied):
            draft_review(self.filing_officer)

    def test_submit_moves_to_submitted_and_audits(self) -> None:
        review = submitted_review(self.drafter)
        review.refresh_from_db()
        self.assertEqual(review.status, S.SUBMITTED)
        self.assertIsNotNone(review.submitted_on)
        event = AuditEvent.objects.get(verb="review.submit")
        self.assertEqual((event.from_status, event.to_status), (S.DRAFT, S.SUBMITTED))

    def test_submit_without_the_draft_attached_is_refused_naming_what_is_missing(self) -> None:
        review = draft_review(self.drafter, with_draft=False)
        with self.assertRaisesMessage(LegalGateClosed, "送审稿（附件）"):
            actions.submit_review(review, actor=self.drafter)
        review.refresh_from_db()
        self.assertEqual(review.status, S.DRAFT)

    def test_another_division_cannot_submit(self) -> None:
        review = draft_review(self.drafter)
        with self.assertRaises(PermissionDenied):
            actions.submit_review(review, actor=self.outsider)

    def test_submitting_twice_is_refused(self) -> None:
        review = submitted_review(self.drafter)
        stale = ReviewRequest.objects.get(pk=review.pk)
        stale.status = S.DRAFT  # an old copy in another browser tab
        with self.assertRaisesMessage(InvalidTransition, "当前状态为“已送审”，不能送审"):
            actions.submit_review(stale, actor=self.drafter)


class ReturnAndAcceptTests(ReviewTestCase):
    def test_reviewer_returns_for_more_material_and_the_division_resubmits(self) -> None:
        review = submitted_review(self.drafter)
        actions.return_review(review, actor=self.reviewer, reason="请补充起草说明中的调研情况")
        review.refresh_from_db()
        self.assertEqual((review.status, review.return_reason), (S.RETURNED, "请补充起草说明中的调研情况"))
        actions.submit_review(review, actor=self.drafter)
        review.refresh_from_db()
        self.assertEqual((review.status, review.return_reason), (S.SUBMITTED, ""))

    def test_returning_needs_a_reason(self) -> None:
        review = submitted_review(self.drafter)
        with self.assertRaisesMessage(DomainError, "请填写退回理由"):
            actions.return_review(review, actor=self.reviewer, reason="  ")

    def test_the_drafter_cannot_accept_their_own_request(self) -> None:
        review = submitted_review(self.drafter)
        with self.assertRaises(PermissionDenied):
            actions.accept_review(review, actor=self.drafter)

    def test_a_draft_cannot_be_accepted(self) -> None:
        review = draft_review(self.drafter)
        with self.assertRaises(PermissionDenied):
            actions.accept_review(review, actor=self.reviewer)

    @time_machine.travel(FRIDAY_BEFORE_SPRING_FESTIVAL, tick=False)
    def test_document_review_is_due_15_working_days_after_acceptance_across_spring_festival(self) -> None:
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        review.refresh_from_db()
        # 14 Feb (make-up day) is the 1st working day; 15–23 Feb are holidays; 28 Feb is the 6th;
        # the 15th working day is Thursday 12 March.
        self.assertEqual(review.accepted_on, datetime.date(2026, 2, 13))
        self.assertEqual(review.due_on, datetime.date(2026, 3, 12))
        self.assertEqual(review.due_rule.code, "document.legality_review_max")
        self.assertEqual(review.deadline.basis, review.due_rule.basis)

    @time_machine.travel(FRIDAY_BEFORE_SPRING_FESTIVAL, tick=False)
    def test_decision_review_runs_at_least_7_working_days(self) -> None:
        review = submitted_review(self.drafter, kind=K.MAJOR_DECISION)
        actions.accept_review(review, actor=self.reviewer)
        review.refresh_from_db()
        self.assertEqual(review.earliest_conclusion_on, datetime.date(2026, 3, 2))


class AssignTests(ReviewTestCase):
    def test_counsel_whose_term_has_ended_cannot_be_assigned(self) -> None:
        former = make_counsel(
            name="钱律师",
            number="11201200510999999",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2023, 12, 31),
        )
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        with self.assertRaisesMessage(
            DomainError, "钱律师（法律顾问）的聘任期已于 2023年12月31日 届满，不能指派"
        ):
            actions.assign_review(review, actor=self.reviewer, counsel=[former])
        self.assertFalse(review.counsel.exists())

    def test_only_legal_reviewers_can_be_assigned_as_reviewers(self) -> None:
        review = submitted_review(self.drafter)
        actions.accept_review(review, actor=self.reviewer)
        with self.assertRaisesMessage(DomainError, "不是法制审核人员"):
            actions.assign_review(review, actor=self.reviewer, reviewers=[self.outsider])

    def test_assignment_is_audited(self) -> None:
        accepted_review(self.drafter, self.reviewer, self.counsel)
        event = AuditEvent.objects.get(verb="review.assign")
        self.assertEqual(event.data["counsel"], [self.counsel.certificate_number])


class OpinionTests(ReviewTestCase):
    def test_opinions_are_numbered_in_order(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        first = actions.add_opinion(
            review,
            actor=self.reviewer,
            text="第五条设定的义务缺乏上位法依据",
            kind="must_change",
            legal_basis="《中华人民共和国立法法》第九十一条",
        )
        second = actions.add_opinion(review, actor=self.advisor, text="建议明确过渡期", kind="suggestion")
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(second.counsel, self.counsel)
        self.assertEqual(self.events("review.opinion"), 2)

    def test_an_advisor_not_assigned_cannot_write_opinions(self) -> None:
        review = accepted_review(self.drafter, self.reviewer)
        with self.assertRaises(PermissionDenied):
            actions.add_opinion(review, actor=self.advisor, text="意见", kind="suggestion")

    def test_no_opinion_on_a_review_not_under_review(self) -> None:
        review = submitted_review(self.drafter)
        with self.assertRaises(PermissionDenied):
            actions.add_opinion(review, actor=self.reviewer, text="意见", kind="suggestion")


class ConcludeTests(ReviewTestCase):
    def test_lawful_with_changes_then_every_opinion_answered_closes_the_review(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        o1 = actions.add_opinion(review, actor=self.reviewer, text="删除第五条第二款", kind="must_change")
        o2 = actions.add_opinion(review, actor=self.advisor, text="建议增加过渡期", kind="suggestion")
        actions.conclude_review(
            review,
            actor=self.reviewer,
            conclusion="lawful_with_changes",
            text="按意见修改后合法",
            short_review_reason="",
        )
        review.refresh_from_db()
        self.assertEqual(review.status, S.CONCLUDED)
        actions.answer_opinion(o1, actor=self.drafter, response="adopted")
        review.refresh_from_db()
        self.assertEqual(review.status, S.CONCLUDED)
        actions.answer_opinion(
            o2, actor=self.division_head, response="not_adopted", reason="过渡期已在配套通知中规定"
        )
        review.refresh_from_db()
        self.assertEqual(review.status, S.CLOSED)
        self.assertEqual(self.events("review.close"), 1)

    def test_a_lawful_conclusion_without_opinions_closes_at_once(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, kind=K.CONTRACT)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        review.refresh_from_db()
        self.assertEqual(review.status, S.CLOSED)

    def test_a_document_review_cannot_conclude_without_counsel(self) -> None:
        review = accepted_review(self.drafter, self.reviewer)
        with self.assertRaisesMessage(LegalGateClosed, "尚未指派法律顾问或公职律师"):
            actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")

    def test_lawful_with_changes_needs_a_must_change_opinion(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        actions.add_opinion(review, actor=self.reviewer, text="建议", kind="suggestion")
        with self.assertRaisesMessage(DomainError, "应当至少有一条“必须修改”的意见"):
            actions.conclude_review(review, actor=self.reviewer, conclusion="lawful_with_changes")

    def test_an_unlawful_conclusion_needs_an_opinion(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        with self.assertRaisesMessage(DomainError, "应当至少提出一条审核意见"):
            actions.conclude_review(review, actor=self.reviewer, conclusion="unlawful")

    def test_a_decision_review_concluded_before_seven_working_days_needs_a_reason(self) -> None:
        with time_machine.travel(FRIDAY_BEFORE_SPRING_FESTIVAL, tick=False):
            review = accepted_review(
                self.drafter, self.reviewer, self.counsel, kind=K.MAJOR_DECISION, days_ago=0
            )
        with time_machine.travel("2026-02-27 10:00 +08:00", tick=False):
            with self.assertRaisesMessage(LegalGateClosed, "最短审核期至 2026年3月2日 届满"):
                actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
            actions.conclude_review(
                review,
                actor=self.reviewer,
                conclusion="lawful",
                short_review_reason="市政府常务会议议程确定，时间紧急",
            )
        review.refresh_from_db()
        self.assertEqual(review.short_review_reason, "市政府常务会议议程确定，时间紧急")

    def test_on_the_last_day_of_the_minimum_no_reason_is_needed(self) -> None:
        with time_machine.travel(FRIDAY_BEFORE_SPRING_FESTIVAL, tick=False):
            review = accepted_review(
                self.drafter, self.reviewer, self.counsel, kind=K.MAJOR_DECISION, days_ago=0
            )
        with time_machine.travel("2026-03-02 10:00 +08:00", tick=False):
            actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")

    def test_the_drafter_cannot_conclude(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        with self.assertRaises(PermissionDenied):
            actions.conclude_review(review, actor=self.drafter, conclusion="lawful")


class AnswerTests(ReviewTestCase):
    def _concluded(self) -> tuple[ReviewRequest, ReviewOpinion]:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        opinion = actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful_with_changes")
        return review, opinion

    def test_not_adopting_needs_a_reason(self) -> None:
        _review, opinion = self._concluded()
        with self.assertRaisesMessage(DomainError, "第1条意见部分采纳或未采纳的，应当说明理由"):
            actions.answer_opinion(opinion, actor=self.drafter, response="not_adopted")

    def test_another_division_cannot_answer(self) -> None:
        _review, opinion = self._concluded()
        with self.assertRaises(PermissionDenied):
            actions.answer_opinion(opinion, actor=self.outsider, response="adopted")

    def test_opinions_cannot_be_answered_before_the_conclusion(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        opinion = actions.add_opinion(review, actor=self.reviewer, text="删除第五条", kind="must_change")
        with self.assertRaises(PermissionDenied):
            actions.answer_opinion(opinion, actor=self.drafter, response="adopted")


class WithdrawTests(ReviewTestCase):
    def test_the_division_withdraws_a_submitted_request(self) -> None:
        review = submitted_review(self.drafter)
        actions.withdraw_review(review, actor=self.drafter, reason="改为下一年度制定")
        review.refresh_from_db()
        self.assertEqual(review.status, S.WITHDRAWN)

    def test_a_request_under_review_cannot_be_withdrawn(self) -> None:
        review = accepted_review(self.drafter, self.reviewer, self.counsel)
        with self.assertRaises(PermissionDenied):
            actions.withdraw_review(review, actor=self.drafter)
