"""Normative documents per department (issue 12): the commission's document is reviewed by its
own legal division, numbered 津教规〔2026〕1号 and filed with the Justice Bureau, whose filing
officer sees both departments' filings; no role of one department sees or acts on the other's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.testing import make_department
from fazhi.documents import actions
from fazhi.documents.models import CleanupCampaign, NormativeDocument
from fazhi.documents.stats import filing_stats, filings_by_department
from fazhi.documents.tests.factories import at, drafted, published, reviewed, soliciting
from fazhi.documents.tests.test_views import FILINGS, ViewTestCase, detail, filing_url
from fazhi.documents.views.steps import _step_form
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import make_counsel

ROLES = ("drafter", "division_head", "reviewer", "director", "officer", "personnel", "admin_user")
CITY = "/work/documents/filings/by-department/"


class DocumentAgencyTests(ViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.their_counsel = make_counsel(
            name="钱律师", number="11201200510999999", agency=cls.commission.agency
        )

    def theirs(self, **kwargs) -> NormativeDocument:  # type: ignore[no-untyped-def]
        c = self.commission
        return published(c.drafter, c.reviewer, self.their_counsel, title="高校科研管理办法", **kwargs)

    def test_the_commissions_document_goes_through_its_own_division_and_series(self) -> None:
        document = self.theirs(on="2026-05-21")
        self.assertEqual(document.number, "津教规〔2026〕1号")
        review = ReviewRequest.objects.get(
            subject_id=str(document.pk), subject_type__model="normativedocument"
        )
        self.assertEqual(review.agency, self.commission.agency)
        self.assertTrue(review.letter_number.startswith("津教法审〔"))
        with at("2026-05-22"):
            filing = actions.file_document(document, actor=self.commission.reviewer, explanation="说明")
        self.assertEqual(filing.authority, self.justice_bureau)

    def test_the_bureaus_reviewer_cannot_issue_or_publish_the_commissions_document(self) -> None:
        c = self.commission
        document = reviewed(c.drafter, c.reviewer, self.their_counsel, title="高校科研管理办法")
        with self.assertRaises(PermissionDenied):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=document.created_at.date(),
                outcome="passed",
            )
        NormativeDocument.objects.filter(pk=document.pk).update(status=NormativeDocument.Status.DELIBERATED)
        document.refresh_from_db()
        with self.assertRaises(PermissionDenied):
            actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")

    def test_no_role_of_one_department_sees_or_acts_on_the_others_documents(self) -> None:
        draft = drafted(self.drafter)
        ours = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        for role in ROLES:
            user = getattr(self.commission, role)
            self.assertFalse(
                NormativeDocument.objects.visible_to(user).filter(pk__in=[draft.pk, ours.pk]).exists()
            )
            self.client.force_login(user)
            for document in (draft, ours):
                self.assertEqual(self.client.get(detail(document)).status_code, 404, role)
                self.assertEqual(
                    self.client.post(f"/work/documents/{document.pk}/action/record_validity/").status_code,
                    404,
                    role,
                )
        with self.assertRaises(PermissionDenied):
            actions.record_validity_event(
                ours, actor=self.commission.reviewer, kind="declared_invalid", on=ours.published_on
            )
        theirs = self.theirs(on="2026-05-21")
        for role in ("drafter", "division_head", "reviewer", "director", "admin_user"):
            self.assertFalse(
                NormativeDocument.objects.visible_to(getattr(self, role)).filter(pk=theirs.pk).exists()
            )
        self.client.force_login(self.reviewer)
        self.assertEqual(self.client.get(detail(ours)).status_code, 200)

    def test_the_filing_officer_sees_both_departments_filings_and_the_figures_by_department(self) -> None:
        ours = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        theirs = self.theirs(on="2026-05-21")
        with at("2026-05-22"):
            our_filing = actions.file_document(ours, actor=self.reviewer, explanation="说明")
        with at("2026-07-01"):
            their_filing = actions.file_document(theirs, actor=self.commission.reviewer, explanation="说明")
        with at("2026-07-02"):
            actions.decide_filing(our_filing, actor=self.filing_officer, decision="filed")
            actions.decide_filing(
                their_filing, actor=self.filing_officer, decision="deferred", correction_request="删去第五条"
            )
        self.client.force_login(self.filing_officer)
        page = self.client.get(FILINGS)
        self.assertContains(page, ours.title)
        self.assertContains(page, "高校科研管理办法")
        self.client.force_login(self.commission.reviewer)
        self.assertEqual(self.client.get(filing_url(our_filing)).status_code, 404)
        self.assertEqual(self.client.get(filing_url(their_filing)).status_code, 200)

        rows = {r.code: r for r in filings_by_department(2026, self.justice_bureau)}
        self.assertEqual(
            (rows["tjkjj"].filed, rows["tjkjj"].accepted, rows["tjkjj"].filed_on_time), (1, 1, 1)
        )
        self.assertEqual((rows["tjjw"].filed, rows["tjjw"].deferred, rows["tjjw"].corrections), (1, 1, 1))
        self.assertEqual(rows["tjjw"].filed_on_time, 0)
        self.assertEqual(filing_stats(2026, self.commission.agency).filed, 1)
        self.assertEqual(filing_stats(2026, self.justice_bureau).filed, 2)

        self.client.force_login(self.filing_officer)
        city = self.client.get(CITY, {"year": "2026"})
        self.assertContains(city, "天津市教育委员会")
        self.assertContains(city, "100.0%")
        self.assertContains(city, 'data-chart="chart-departments"')
        api = self.client.get("/api/v1/documents/filings/by-department", {"year": 2026}).json()
        self.assertEqual({d["code"]: d["filed"] for d in api["departments"]}, {"tjkjj": 1, "tjjw": 1})
        stats = self.client.get("/api/v1/documents/stats", {"year": 2026, "agency": "tjjw"}).json()
        self.assertEqual(stats["filed"], 1)
        for user in (self.reviewer, self.commission.director, self.drafter):
            self.client.force_login(user)
            self.assertEqual(self.client.get(CITY).status_code, 404)

    def test_cleanups_and_the_public_library_by_department(self) -> None:
        ours = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        theirs = self.theirs(on="2026-05-21")
        campaign = actions.create_campaign(
            actor=self.commission.reviewer, title="清理", reason="原因", scope="全部"
        )
        self.assertEqual(campaign.agency, self.commission.agency)
        with self.assertRaises(PermissionDenied):
            actions.approve_campaign(campaign, actor=self.reviewer)
        self.assertFalse(CleanupCampaign.objects.filter(agency=self.bureau).exists())
        self.client.logout()
        everyone = self.client.get("/policies/")
        self.assertContains(everyone, ours.title)
        self.assertContains(everyone, "高校科研管理办法")
        one = self.client.get("/policies/", {"dept": "tjjw"})
        self.assertContains(one, "高校科研管理办法")
        self.assertNotContains(one, ours.title)
        items = self.client.get("/api/v1/documents", {"dept": "tjjw"}).json()["items"]
        self.assertEqual([i["agency"] for i in items], [{"code": "tjjw", "name": "天津市教育委员会"}])
        self.assertEqual(theirs.agency.code, "tjjw")

    def test_the_public_drafts_page_filters_by_department_and_the_meeting_is_the_agencys(self) -> None:
        ours = soliciting(self.drafter, start="2026-04-01")
        theirs = soliciting(self.commission.drafter, title="高校科研管理办法", start="2026-04-01")
        self.client.logout()
        with at("2026-04-10"):
            everyone = self.client.get("/policies/drafts/")
            self.assertContains(everyone, ours.title)
            self.assertContains(everyone, theirs.title)
            self.assertContains(everyone, 'name="dept"')
            one = self.client.get("/policies/drafts/", {"dept": "tjkjj"})
        self.assertContains(one, ours.title)
        self.assertNotContains(one, theirs.title)
        form = _step_form("record_deliberation", theirs, theirs.created_at.date())
        self.assertEqual(form.initial["meeting_name"], "主任办公会")
