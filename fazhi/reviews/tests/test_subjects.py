"""The review page links to the document, decision or case it reviews — for readers who may
open that page."""

from __future__ import annotations

from django.urls import reverse

from fazhi.documents.tests.factories import reviewed
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.tests.base import EnforcementTestCase
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.subjects import subject_link


class SubjectLinkTests(DocumentTestCase):
    def test_the_review_page_links_to_its_document_for_those_who_may_open_it(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        review = ReviewRequest.objects.get(subject_id=str(document.pk))
        url = reverse("documents:detail", args=[document.pk])
        self.assertEqual(subject_link(review, self.reviewer), (url, str(document)))
        self.login(self.reviewer)
        self.assertContains(self.client.get(reverse("reviews:detail", args=[review.pk])), f'href="{url}"')
        self.login(self.drafter)
        self.assertEqual(self.client.get(url).status_code, 200)
        # The legal advisor reads the review but not the division's draft: no link.
        self.assertIsNone(subject_link(review, self.advisor))

    def test_a_review_without_a_subject_has_no_link(self) -> None:
        from fazhi.reviews.tests.factories import draft_review

        self.assertIsNone(subject_link(draft_review(self.drafter), self.reviewer))


class EnforcementSubjectLinkTests(EnforcementTestCase):
    def test_the_legality_check_of_a_major_decision_links_to_its_case(self) -> None:
        case = self.notified(major_grounds=["complex"])
        enforcement_actions.record_statement(case, actor=self.officer, waived=True)
        review = enforcement_actions.submit_for_review(case, actor=self.officer)
        url = reverse("enforcement:detail", args=[case.pk])
        self.assertEqual(subject_link(review, self.reviewer), (url, str(case)))
        self.assertIsNone(subject_link(review, self.drafter))
