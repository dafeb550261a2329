"""Two departments of a city (issue 12): each keeps its own service catalog (matter codes unique
per agency), commitments, credit records and delegated powers; the commission's people of every
role neither see nor act on the bureau's; the figures are counted per agency."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import User
from fazhi.core.testing import make_department, without_calendar_year
from fazhi.core.workflow import DomainError
from fazhi.services import actions, permissions
from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter
from fazhi.services.stats import service_figures
from fazhi.services.tests.base import D, ServiceTestCase

CODE = "91120116MA05XXXX1M"
BASE = "/work/services"
API = "/api/v1/services"


class TwoDepartmentsTests(ServiceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def commission_users(self) -> list[User]:
        c = self.commission
        return [c.reviewer, c.director, c.admin_user, c.officer, c.drafter, c.division_head, c.personnel]

    def commitment(self, matter: ServiceMatter, actor: User | None = None) -> Commitment:
        return actions.accept_commitment(
            actor=actor or self.reviewer,
            matter=matter,
            applicant="天津某科技有限公司",
            applicant_code=CODE,
            signed_on=D(2026, 9, 22),
            chose_commitment=True,
        )

    def test_matter_codes_are_unique_per_agency(self) -> None:
        bureau = self.matter()
        own = self.matter(actor=self.commission.reviewer, division=self.commission.division)
        self.assertEqual((bureau.code, own.code), (own.code, "TJKJ-001"))
        self.assertEqual((bureau.agency, own.agency), (self.bureau, self.commission.agency))
        with self.assertRaisesMessage(DomainError, "已登记"):
            self.matter(actor=self.commission.reviewer, division=self.commission.division)
        with self.assertRaisesMessage(DomainError, "本机关处室"):
            self.matter(actor=self.commission.reviewer, code="X-1", division=self.sci_division)

    def test_the_commission_gets_404_on_the_bureau_records(self) -> None:
        matter = self.matter()
        commitment = self.commitment(matter)
        power = actions.delegate_power(
            actor=self.reviewer,
            name="技术合同认定登记",
            recipient=self.district,
            document="决定",
            delegated_on=D(2026, 9, 1),
        )
        pages = [
            f"{BASE}/matters/{matter.pk}/",
            f"{BASE}/commitments/{commitment.pk}/",
            f"{BASE}/powers/{power.pk}/",
        ]
        for user in self.commission_users():
            self.login(user)
            with self.subTest(user=user.username):
                for page in pages:
                    self.assertIn(self.client.get(page).status_code, (403, 404), page)
                self.assertIn(
                    self.client.post(f"{BASE}/matters/{matter.pk}/terms/", {}).status_code, (403, 404)
                )
                self.assertIn(self.client.get(f"{API}/matters/{matter.pk}").status_code, (403, 404))
        self.login(self.commission.reviewer)
        self.assertNotContains(self.client.get(f"{BASE}/matters/"), matter.name)
        self.assertEqual(self.client.get(f"{API}/matters").json()["count"], 0)
        response = self.client.post(
            f"{API}/commitments",
            {
                "matter_id": matter.pk,
                "applicant": "某公司",
                "applicant_code": CODE,
                "signed_on": "2026-09-22",
                "chose_commitment": True,
            },
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Commitment.objects.visible_to(self.commission.director).exists())
        self.assertFalse(DelegatedPower.objects.visible_to(self.commission.director).exists())

    def test_the_actions_refuse_the_commission(self) -> None:
        matter = self.matter()
        commitment = self.commitment(matter)
        c = self.commission
        self.assertFalse(permissions.can_manage(c.reviewer, matter))
        self.assertFalse(permissions.can_see(c.director, commitment))
        with self.assertRaises(PermissionDenied):
            self.commitment(matter, actor=c.reviewer)
        with self.assertRaises(PermissionDenied):
            actions.verify(
                commitment, actor=c.reviewer, verified_on=D(2026, 9, 22), truthful=True, note="属实"
            )
        with self.assertRaises(PermissionDenied):
            actions.set_commitment_terms(
                matter, actor=c.reviewer, commitment_allowed=False, excluded_reason="x"
            )

    def test_a_false_commitment_bars_the_applicant_in_its_own_agency(self) -> None:
        commitment = self.commitment(self.matter())
        actions.verify(
            commitment,
            actor=self.reviewer,
            verified_on=D(2026, 9, 22),
            truthful=False,
            note="营业执照已吊销",
            consequence="revoke",
        )
        self.assertTrue(CreditRecord.objects.visible_to(self.reviewer).exists())
        self.assertFalse(CreditRecord.objects.visible_to(self.commission.reviewer).exists())
        self.assertTrue(actions.is_barred(CODE, self.bureau))
        self.assertFalse(actions.is_barred(CODE, self.commission.agency))

    def test_figures_per_agency(self) -> None:
        self.matter()
        own = self.matter(actor=self.commission.reviewer, division=self.commission.division)
        self.commitment(own, actor=self.commission.reviewer)
        today = D(2026, 9, 22)
        self.assertEqual(service_figures(2026, today=today, agency=self.bureau).commitments, 0)
        self.assertEqual(service_figures(2026, today=today, agency=self.commission.agency).commitments, 1)
        self.assertEqual(service_figures(2026, today=today).matters, 2)
        self.login(self.commission.director)
        body = self.client.get(f"{API}/stats", {"year": 2026}).json()
        self.assertEqual((body["matters"], body["commitments"]), (1, 1))
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026, "agency": "tjkjj"}).status_code, 404)
