"""Two departments of a city (issue 12): the commission's people of every role neither see nor
act on the bureau's reconsiderations, lawsuits, mediations, court observations and screenings,
through the pages, the API or the actions; the commission is the respondent and the defendant of
its own matters, which its own head attends; the figures are counted per agency."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import User
from fazhi.core.testing import make_department
from fazhi.core.workflow import LegalGateClosed
from fazhi.disputes import actions, permissions
from fazhi.disputes.figures import litigations
from fazhi.disputes.models import CourtObservation, DisputeScreening, Litigation, Mediation, Reconsideration
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.tests.base import D, DisputeTestCase

BASE = "/work/disputes"
API = "/api/v1/disputes"


class TwoDepartmentsTests(DisputeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def commission_users(self) -> list[User]:
        c = self.commission
        return [c.reviewer, c.director, c.admin_user, c.officer, c.drafter, c.division_head, c.personnel]

    def bureau_matters(self) -> tuple[Reconsideration, Litigation, Mediation]:
        rec = actions.register_reconsideration(
            actor=self.reviewer,
            applicant="甲公司",
            challenged_act="津科罚〔2026〕1号",
            received_on=D(2026, 9, 22),
        )
        lit = actions.register_litigation(
            actor=self.reviewer,
            plaintiff="乙公司",
            court="天津市和平区人民法院",
            challenged_act="津科罚〔2026〕1号",
            complaint_received_on=D(2026, 9, 22),
        )
        med = actions.request_mediation(
            actor=self.reviewer,
            kind="civil",
            parties="丙、丁",
            summary="合同纠纷",
            requested_on=D(2026, 9, 21),
        )
        return rec, lit, med

    def test_records_belong_to_the_agency_of_who_registers_them(self) -> None:
        rec, lit, med = self.bureau_matters()
        obs = actions.record_observation(
            actor=self.commission.reviewer,
            held_on=D(2026, 9, 18),
            court="天津市第一中级人民法院",
            case_name="某案",
            attendees=5,
        )
        scr = actions.record_screening(
            actor=self.commission.reviewer, screened_on=D(2026, 9, 20), scope="学校", found=1, resolved=1
        )
        self.assertEqual({rec.agency_id, lit.agency_id, med.agency_id}, {self.bureau.pk})
        self.assertEqual({obs.agency_id, scr.agency_id}, {self.commission.agency.pk})
        self.assertEqual(str(lit), "乙公司诉市科技局（一审，天津市和平区人民法院）")

    def test_the_commission_gets_404_on_the_bureau_pages_and_steps(self) -> None:
        rec, lit, med = self.bureau_matters()
        pages = [
            (f"{BASE}/reconsiderations/{rec.pk}/", "submit_reply", {"submit_reply-replied_on": "2026-09-22"}),
            (f"{BASE}/litigations/{lit.pk}/", "submit_defence", {"submit_defence-defended_on": "2026-09-22"}),
            (f"{BASE}/mediations/{med.pk}/", "accept", {"accept-accepted_on": "2026-09-22"}),
        ]
        for user in self.commission_users():
            self.login(user)
            with self.subTest(user=user.username):
                for page, step, data in pages:
                    self.assertEqual(self.client.get(page).status_code, 404, page)
                    self.assertEqual(self.client.post(f"{page}{step}/", data).status_code, 404, step)
        for record in (rec, lit, med):
            record.refresh_from_db()
        self.assertEqual(rec.status, Reconsideration.Status.RECEIVED)
        self.assertEqual(lit.status, Litigation.Status.RECEIVED)
        self.assertEqual(med.status, Mediation.Status.REQUESTED)

    def test_the_commission_lists_and_api_hold_only_its_own(self) -> None:
        rec, lit, med = self.bureau_matters()
        actions.record_observation(
            actor=self.reviewer, held_on=D(2026, 9, 18), court="一中院", case_name="局旁听", attendees=3
        )
        own = actions.register_reconsideration(
            actor=self.commission.reviewer,
            applicant="某培训学校",
            challenged_act="津教罚〔2026〕1号",
            received_on=D(2026, 9, 22),
        )
        for user in (self.commission.reviewer, self.commission.director):
            self.login(user)
            with self.subTest(user=user.username):
                page = self.client.get(f"{BASE}/reconsiderations/")
                self.assertContains(page, "某培训学校")
                self.assertNotContains(page, "甲公司")
                self.assertNotContains(self.client.get(f"{BASE}/litigations/"), "乙公司")
                self.assertNotContains(self.client.get(f"{BASE}/mediations/"), "丙、丁")
                self.assertNotContains(self.client.get(f"{BASE}/observations/"), "局旁听")
                items = self.client.get(f"{API}/reconsiderations").json()["items"]
                self.assertEqual([item["id"] for item in items], [own.pk])
                self.assertEqual(self.client.get(f"{API}/reconsiderations/{rec.pk}").status_code, 404)
                self.assertEqual(self.client.get(f"{API}/litigations/{lit.pk}").status_code, 404)
                self.assertEqual(self.client.get(f"{API}/mediations/{med.pk}").status_code, 404)
                self.assertEqual(
                    self.client.post(
                        f"{API}/mediations/{med.pk}/accept",
                        {"accepted_on": "2026-09-22"},
                        content_type="application/json",
                    ).status_code,
                    404,
                )
        self.assertFalse(CourtObservation.objects.visible_to(self.commission.reviewer).exists())
        self.assertFalse(DisputeScreening.objects.visible_to(self.commission.director).exists())

    def test_the_actions_refuse_the_commission(self) -> None:
        rec, lit, med = self.bureau_matters()
        c = self.commission
        self.assertFalse(permissions.can_handle(c.reviewer, rec))
        self.assertFalse(permissions.can_see(c.director, lit))
        with self.assertRaises(PermissionDenied):
            actions.submit_reply(rec, actor=c.reviewer, replied_on=D(2026, 9, 22), summary="答复")
        with self.assertRaises(PermissionDenied):
            actions.submit_defence(lit, actor=c.reviewer, defended_on=D(2026, 9, 22))
        with self.assertRaises(PermissionDenied):
            actions.accept_mediation(med, actor=c.reviewer, accepted_on=D(2026, 9, 22))

    def test_only_the_agency_own_head_attends(self) -> None:
        rec, lit, _med = self.bureau_matters()
        with self.assertRaisesMessage(LegalGateClosed, "本机关负责人"):
            actions.plan_reconsideration_hearing(
                rec, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.commission.director
            )
        with self.assertRaisesMessage(LegalGateClosed, "本机关负责人"):
            actions.plan_appearance(
                lit, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.commission.director
            )
        self.login(self.reviewer)
        page = self.client.get(f"{BASE}/litigations/{lit.pk}/")
        self.assertContains(page, "天津市科学技术局")  # the defendant
        offered = set(page.context["forms"]["plan_appearance"].fields["head"].queryset)
        self.assertIn(self.director, offered)
        self.assertNotIn(self.commission.director, offered)

    def test_figures_per_agency(self) -> None:
        self.bureau_matters()
        actions.register_litigation(
            actor=self.commission.reviewer,
            plaintiff="某学校",
            court="天津市河西区人民法院",
            challenged_act="津教罚〔2026〕1号",
            complaint_received_on=D(2026, 9, 22),
        )
        self.assertEqual(dispute_figures(2026, self.bureau).litigations, 1)
        self.assertEqual(dispute_figures(2026, self.commission.agency).litigations, 1)
        self.assertEqual(dispute_figures(2026).litigations, 2)
        figure = litigations(self.commission.agency, 2026)
        self.assertEqual([ref.title for ref in figure.records], ["某学校诉市教委"])
        self.login(self.commission.director)
        body = self.client.get(f"{API}/stats", {"year": 2026}).json()
        self.assertEqual((body["litigations"], body["reconsiderations"]), (1, 0))
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026, "agency": "tjkjj"}).status_code, 404)
