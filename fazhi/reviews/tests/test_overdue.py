"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.overdue import overdue_reviews


class ReviewTests(ProviderTestCase):
    def review(self, title: str, status: str, due: D | None) -> ReviewRequest:
        return ReviewRequest.objects.create(
            title=title,
            subject_kind=ReviewRequest.SubjectKind.OTHER,
            division=self.sci_division,
            status=status,
            due_on=due,
            created_by=self.drafter,
        )

    def test_a_review_past_its_limit_is_the_legal_affairs_divisions(self) -> None:
        self.review("逾期审核", ReviewRequest.Status.UNDER_REVIEW, LATE)
        self.review("未到期", ReviewRequest.Status.UNDER_REVIEW, AHEAD)
        self.review("期限待定", ReviewRequest.Status.UNDER_REVIEW, None)
        self.review("已出具意见", ReviewRequest.Status.CONCLUDED, LATE)
        self.assert_one(
            overdue_reviews(self.bureau, TODAY), words="逾期审核", due=LATE, division=self.legal_division
        )
