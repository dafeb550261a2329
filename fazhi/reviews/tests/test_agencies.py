"""Legality review per department (issue 12): each department's own legal affairs division
receives and handles its reviews; no role of another department sees or acts on them."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from docx import Document

from fazhi.core.models import NumberSeries
from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError
from fazhi.reviews import actions
from fazhi.reviews.letter import build_opinion_letter
from fazhi.reviews.models import LegalCounsel, ReviewRequest
from fazhi.reviews.numbering import derived_prefix
from fazhi.reviews.stats import review_stats
from fazhi.reviews.tests.factories import accepted_review, make_counsel, submitted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

ROLES = ("drafter", "division_head", "reviewer", "director", "officer", "personnel", "admin_user")


class ReviewAgencyTests(ReviewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.their_counsel = make_counsel(
            name="钱律师", number="11201200510999999", agency=cls.commission.agency
        )

    def theirs(self) -> ReviewRequest:
        return accepted_review(
            self.commission.drafter, self.commission.reviewer, self.their_counsel, title="高校科研管理办法"
        )

    def test_the_commissions_review_is_handled_by_its_own_legal_division_with_its_own_series(self) -> None:
        ours = accepted_review(self.drafter, self.reviewer, self.counsel)
        theirs = self.theirs()
        self.assertEqual(theirs.agency, self.commission.agency)
        self.assertEqual((ours.code, theirs.code), ("HF-00001", "HF-00001"))  # each its own series
        actions.conclude_review(theirs, actor=self.commission.reviewer, conclusion="lawful")
        theirs.refresh_from_db()
        self.assertTrue(theirs.letter_number.startswith("津教法审〔"), theirs.letter_number)
        text = "\n".join(p.text for p in Document(io.BytesIO(build_opinion_letter(theirs))).paragraphs)
        self.assertIn("天津市教育委员会政策法规处", text)
        self.assertNotIn("科学技术局", text)

    def test_the_bureaus_reviewer_cannot_act_on_the_commissions_review_nor_assign_across(self) -> None:
        theirs = self.theirs()
        with self.assertRaises(PermissionDenied):
            actions.add_opinion(theirs, actor=self.reviewer, text="意见", kind="suggestion")
        with self.assertRaises(PermissionDenied):
            actions.conclude_review(theirs, actor=self.reviewer, conclusion="lawful")
        with self.assertRaises(PermissionDenied):
            actions.assign_review(theirs, actor=self.reviewer, reviewers=[self.reviewer])
        with self.assertRaisesMessage(DomainError, "不是本机关法制机构的审核人员"):
            actions.assign_review(theirs, actor=self.commission.reviewer, reviewers=[self.reviewer])
        with self.assertRaisesMessage(DomainError, "不是本机关聘请的"):
            actions.assign_review(theirs, actor=self.commission.reviewer, counsel=[self.counsel])
        pending = submitted_review(self.commission.drafter)
        with self.assertRaises(PermissionDenied):
            actions.accept_review(pending, actor=self.reviewer)

    def test_no_role_of_the_commission_sees_the_bureaus_reviews_and_vice_versa(self) -> None:
        ours = accepted_review(self.drafter, self.reviewer, self.counsel)
        theirs = self.theirs()
        self.client.force_login(self.reviewer)
        self.assertEqual(self.client.get(f"/work/reviews/{ours.pk}/").status_code, 200)
        self.assertEqual(self.client.get(f"/api/v1/reviews/{ours.pk}").status_code, 200)
        for role in ROLES:
            user = getattr(self.commission, role)
            self.assertFalse(ReviewRequest.objects.visible_to(user).filter(pk=ours.pk).exists(), role)
            self.client.force_login(user)
            self.assertEqual(self.client.get(f"/work/reviews/{ours.pk}/").status_code, 404, role)
            self.assertEqual(
                self.client.post(f"/work/reviews/{ours.pk}/action/accept/").status_code, 404, role
            )
            self.assertEqual(self.client.get(f"/api/v1/reviews/{ours.pk}").status_code, 404, role)
        for role in ("drafter", "reviewer", "director", "admin_user"):
            user = getattr(self, role)
            self.assertFalse(ReviewRequest.objects.visible_to(user).filter(pk=theirs.pk).exists(), role)
        self.assertTrue(
            ReviewRequest.objects.visible_to(self.commission.reviewer).filter(pk=theirs.pk).exists()
        )

    def test_an_advisor_sees_only_the_reviews_assigned_to_them(self) -> None:
        ours = accepted_review(self.drafter, self.reviewer, self.counsel)
        theirs = self.theirs()
        visible = set(ReviewRequest.objects.visible_to(self.advisor).values_list("pk", flat=True))
        self.assertEqual(visible, {ours.pk})
        self.assertNotIn(theirs.pk, visible)

    def test_counsel_registers_and_figures_are_per_agency(self) -> None:
        self.assertEqual(
            set(LegalCounsel.objects.filter(agency=self.commission.agency)), {self.their_counsel}
        )
        self.client.force_login(self.commission.reviewer)
        page = self.client.get("/work/reviews/counsel/")
        self.assertContains(page, "钱律师")
        self.assertNotContains(page, self.counsel.name)
        theirs = self.theirs()
        actions.conclude_review(theirs, actor=self.commission.reviewer, conclusion="lawful")
        year = theirs.concluded_on.year if theirs.concluded_on else 0
        ours_of_year = review_stats(year, self.bureau)
        self.assertEqual(ours_of_year["matters"], 0)
        self.assertEqual(review_stats(year, self.commission.agency)["matters"], 1)

    def test_a_letter_series_is_derived_only_from_the_agencys_own_prefix(self) -> None:
        self.assertIsNone(derived_prefix(self.bureau))
        NumberSeries.objects.create(organization=self.bureau, kind="normative", prefix="津科规")
        self.assertEqual(derived_prefix(self.bureau), "津科法审")
        self.assertEqual(derived_prefix(self.commission.agency), "津教法审")
