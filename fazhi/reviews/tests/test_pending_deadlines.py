"""December with next year's calendar missing (issue 9): a review is accepted, its limits wait."""

from __future__ import annotations

import datetime

import time_machine

from fazhi.core.deadlines import PendingGate
from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.reviews import actions
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

D = datetime.date


def at(day: str) -> time_machine.travel:
    return time_machine.travel(f"{day} 10:00 +08:00", tick=False)


class PendingReviewDeadlines(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_a_review_accepted_on_20_december_waits_for_its_limits_and_they_are_filled(self) -> None:
        with at("2026-12-20"):
            review = submitted_review(self.drafter)
            actions.accept_review(review, actor=self.reviewer)
        review = ReviewRequest.objects.get(pk=review.pk)
        # The 5-working-day floor ends in 2026 and is known; the 15-day limit needs 2027.
        self.assertEqual(
            (review.status, review.due_on, review.earliest_conclusion_on),
            ("under_review", None, D(2026, 12, 25)),
        )
        with at("2026-12-21"):
            self.login(self.reviewer)
            self.assertContains(
                self.client.get(f"/work/reviews/{review.pk}/"), "待录入 2027 年工作日历后计算"
            )
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["reviews"], 1)
        review.refresh_from_db()
        # 15 working days from Sunday 20 December 2026; 1 January 2027 is a holiday.
        self.assertEqual(review.due_on, D(2027, 1, 11))
        self.assertEqual(review.earliest_conclusion_on, D(2026, 12, 25))
        self.assertEqual(AuditEvent.objects.filter(verb="review.deadlines_computed").count(), 1)

    def test_the_minimum_review_period_that_needs_the_missing_year_waits_and_says_so(self) -> None:
        with at("2026-12-28"):
            review = submitted_review(self.drafter)
            actions.accept_review(review, actor=self.reviewer)
            actions.assign_review(
                review, actor=self.reviewer, reviewers=[self.reviewer], counsel=[self.counsel]
            )
        with at("2026-12-30"), self.assertRaisesMessage(PendingGate, "2027 年的工作日历"):
            actions.conclude_review(
                ReviewRequest.objects.get(pk=review.pk), actor=self.reviewer, conclusion="lawful"
            )
        with at("2026-12-30"):
            enter_year_from_notice(2027, self.city_admin)
        with at("2027-01-06"):
            actions.conclude_review(
                ReviewRequest.objects.get(pk=review.pk), actor=self.reviewer, conclusion="lawful"
            )
        self.assertEqual(ReviewRequest.objects.get(pk=review.pk).concluded_on, D(2027, 1, 6))
