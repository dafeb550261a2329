"""The legality-review figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.figures import rate
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, FigureTestCase
from fazhi.reviews.models import ReviewOpinion, ReviewRequest

S = ReviewRequest.Status
R = ReviewOpinion.Response


class ReviewFigureTests(FigureTestCase):
    def review(
        self, concluded_on: Any, responses: list[str], *, division: Any = None, status: str = S.CONCLUDED
    ) -> Any:
        review = ReviewRequest.objects.create(
            title=f"事项{ReviewRequest.objects.count() + 1}",
            subject_kind=ReviewRequest.SubjectKind.CONTRACT,
            division=division or self.sci_division,
            created_by=self.drafter,
            status=status,
            concluded_on=concluded_on,
        )
        for i, response in enumerate(responses, start=1):
            ReviewOpinion.objects.create(
                review=review,
                number=i,
                kind="suggestion",
                text="意见",
                author=self.reviewer,
                response=response,
            )
        return review

    def test_matters_opinions_and_adoption_of_the_year_and_agency(self) -> None:
        self.review(LAST_DAY, [R.ADOPTED, R.PARTLY_ADOPTED, ""])
        self.review(LAST_DAY, [R.NOT_ADOPTED], status=S.CLOSED)
        self.review(NEXT_YEAR, [R.ADOPTED])  # next year
        self.review(None, [R.ADOPTED], status=S.SUBMITTED)  # not concluded
        self.review(LAST_DAY, [R.ADOPTED], division=self.foreign_division)  # another agency
        self.assertFigure("reviews.matters", 2)
        self.assertFigure("reviews.opinions", 4)
        self.assertEqual(self.figure("reviews.adoption_rate").value, rate(2, 3))
        self.assertFigure("reviews.matters", 3, agency=None)
