from __future__ import annotations

from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import accepted_review, draft_review, submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase


class VisibilityTests(ReviewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.own = submitted_review(cls.drafter, title="基础研究处的请求")
        cls.assigned = accepted_review(cls.drafter, cls.reviewer, cls.counsel, title="指派给顾问的请求")
        cls.foreign = draft_review(cls.outsider, title="监督处的请求")

    def visible(self, user) -> set[str]:  # type: ignore[no-untyped-def]
        return set(ReviewRequest.objects.visible_to(user).values_list("title", flat=True))

    def test_a_division_never_sees_another_divisions_requests(self) -> None:
        self.assertEqual(self.visible(self.drafter), {"基础研究处的请求", "指派给顾问的请求"})
        self.assertEqual(self.visible(self.outsider), {"监督处的请求"})

    def test_the_legal_affairs_division_and_the_leadership_see_all(self) -> None:
        everything = {"基础研究处的请求", "指派给顾问的请求", "监督处的请求"}
        self.assertEqual(self.visible(self.reviewer), everything)
        self.assertEqual(self.visible(self.director), everything)

    def test_an_advisor_sees_only_assigned_requests(self) -> None:
        self.assertEqual(self.visible(self.advisor), {"指派给顾问的请求"})

    def test_the_justice_bureau_sees_none(self) -> None:
        self.assertEqual(self.visible(self.filing_officer), set())
