"""A mediation through its pages."""

from __future__ import annotations

from fazhi.disputes import actions
from fazhi.disputes.models import Mediation, MediationMeeting
from fazhi.disputes.tests.base import D
from fazhi.disputes.tests.test_views import MEDIATION_CREATE, M, ViewTestCase, detail, verbs


class MediationPageTests(ViewTestCase):
    def test_a_mediation_is_requested_accepted_met_and_agreed_through_its_page(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            MEDIATION_CREATE,
            {
                "kind": "civil",
                "parties": "甲公司、乙研究院",
                "summary": "技术合同款项纠纷",
                "requested_on": "2026-09-21",
            },
        )
        mediation = Mediation.objects.get()
        self.assertRedirects(response, detail(mediation), fetch_redirect_response=False)
        self.assertEqual(set(self.client.get(detail(mediation)).context["forms"]), {"accept", "refuse"})
        self.assertStepDone(self.step(mediation, "accept", accepted_on="2026-09-22"), mediation)
        # An agreement before any meeting: refused with the rule, nothing saved.
        response = self.step(mediation, "conclude", result="agreed", text="分期支付", closed_on="2026-09-22")
        self.assertRefused(response, "conclude", None, "自愿")
        self.assertContains(response, "分期支付</textarea>")
        self.assertEqual(Mediation.objects.get().status, M.ACCEPTED)
        self.assertStepDone(
            self.step(
                mediation, "add_meeting", held_on="2026-09-22", participants="双方代表", note="达成一致"
            ),
            mediation,
        )
        self.assertStepDone(
            self.step(mediation, "conclude", result="agreed", text="分期支付", closed_on="2026-09-22"),
            mediation,
        )
        mediation = Mediation.objects.get()
        self.assertEqual((mediation.status, mediation.agreement), (M.AGREED, "分期支付"))
        page = self.client.get(detail(mediation))
        self.assertEqual(page.context["forms"], {})
        self.assertContains(page, "双方代表")
        self.assertEqual(MediationMeeting.objects.count(), 1)
        self.assertEqual(
            verbs(mediation),
            ["mediation.request", "mediation.accept", "mediation.meeting", "mediation.agree"],
        )

    def test_a_refusal_needs_its_reason(self) -> None:
        mediation = self.mediation()
        self.login(self.reviewer)
        response = self.step(mediation, "refuse", reason=" ")
        self.assertEqual(response.context["forms"]["refuse"].errors["reason"], ["请填写不予受理的理由"])
        self.assertStepDone(self.step(mediation, "refuse", reason="不属于本机关职责范围"), mediation)
        self.assertEqual(Mediation.objects.get().status, M.REFUSED)
        self.assertContains(self.client.get(detail(mediation)), "不属于本机关职责范围")

    def test_a_meeting_before_the_acceptance_date_is_refused(self) -> None:
        mediation = self.mediation()
        actions.accept_mediation(mediation, actor=self.reviewer, accepted_on=D(2026, 9, 22))
        self.login(self.reviewer)
        response = self.step(mediation, "add_meeting", held_on="2026-09-21", participants="双方", note="x")
        self.assertRefused(response, "add_meeting", "held_on", "不能早于")
        self.assertFalse(MediationMeeting.objects.exists())
