"""Two departments of a city (issue 12): a portal complaint names the department it is addressed
to (a required choice once there are several); staff entry and the 12345 import take the user's
agency; the commission's people of every role neither see nor act on the bureau's complaints;
a division given a complaint is one of its own agency; the figures are counted per agency."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from fazhi.complaints import actions, permissions
from fazhi.complaints.models import Complaint
from fazhi.complaints.stats import complaint_figures
from fazhi.complaints.tests.base import ComplaintTestCase, D
from fazhi.core import captcha
from fazhi.core.models import User
from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError

NEW = "/complaints/new/"
BASE = "/work/complaints"
API = "/api/v1/complaints"


class TwoDepartmentsTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def setUp(self) -> None:
        cache.clear()  # the rate limits live in the cache

    def commission_users(self) -> list[User]:
        c = self.commission
        return [c.reviewer, c.director, c.admin_user, c.officer, c.drafter, c.division_head, c.personnel]

    def portal(self, **extra: Any) -> Any:
        response = self.client.get(NEW, extra.pop("query", {}))
        key = response.context["challenge"].key
        answer = captcha.answer_for(self.client.session, key)
        data = {
            "kind": "complaint",
            "subject": "执法人员未出示证件",
            "content": "检查时未出示执法证件。",
            "anonymous": "on",
            "captcha_key": key,
            "captcha_answer": str(answer),
        }
        data.update(extra)
        return self.client.post(NEW, data)

    def test_the_portal_form_asks_the_department(self) -> None:
        form = self.client.get(NEW).context["form"]
        self.assertTrue(form.asks_department)
        refused = self.portal()
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, "请选择投诉举报的部门", status_code=400)
        self.assertFalse(Complaint.objects.exists())
        self.assertEqual(self.portal(agency=str(self.commission.agency.pk)).status_code, 200)
        self.assertEqual(Complaint.objects.get().agency, self.commission.agency)
        # The department's entry (?dept=) chooses it in advance.
        chosen = self.client.get(NEW, {"dept": "tjjw"}).context["form"]
        self.assertEqual(chosen.fields["agency"].initial, self.commission.agency.pk)

    def test_a_portal_complaint_must_name_a_department_when_there_are_several(self) -> None:
        with self.assertRaisesMessage(DomainError, "部门"):
            actions.submit_public_complaint(kind="complaint", subject="事由", content="内容", anonymous=True)
        complaint, _code = actions.submit_public_complaint(
            agency=self.bureau, kind="complaint", subject="事由", content="内容", anonymous=True
        )
        self.assertEqual(complaint.agency, self.bureau)

    def test_staff_entry_takes_the_user_agency_and_tickets_are_per_agency(self) -> None:
        bureau = self.entered()
        own = self.entered(actor=self.commission.reviewer)  # the same 12345 ticket, another department
        self.assertEqual((bureau.agency, own.agency), (self.bureau, self.commission.agency))
        with self.assertRaisesMessage(DomainError, "已登记"):
            self.entered(actor=self.commission.reviewer)

    def test_the_commission_gets_404_and_refusals_on_the_bureau_complaints(self) -> None:
        complaint = self.entered()
        for user in self.commission_users():
            self.login(user)
            with self.subTest(user=user.username):
                self.assertIn(self.client.get(f"{BASE}/{complaint.pk}/").status_code, (403, 404))
                response = self.client.post(f"{BASE}/{complaint.pk}/dismiss/", {"dismiss-reason": "无"})
                self.assertIn(response.status_code, (403, 404))
                self.assertIn(self.client.get(f"{API}/complaints/{complaint.pk}").status_code, (403, 404))
        self.login(self.commission.reviewer)
        self.assertNotContains(self.client.get(f"{BASE}/"), complaint.subject)
        self.assertEqual(self.client.get(f"{API}/complaints").json()["count"], 0)
        self.assertFalse(permissions.can_register(self.commission.reviewer, complaint))
        with self.assertRaises(PermissionDenied):
            actions.accept_complaint(
                complaint,
                actor=self.commission.reviewer,
                decided_on=D(2026, 11, 3),
                division=self.commission.division,
                reason="属于职责",
                notice="已受理",
                notice_method=Complaint.NoticeMethod.PHONE,
            )
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Complaint.Status.REGISTERED)

    def test_the_handling_division_is_one_of_the_complaint_agency(self) -> None:
        complaint = self.entered()
        with self.assertRaisesMessage(DomainError, "本机关处室"):
            self.accepted(complaint, division=self.commission.division)
        self.login(self.reviewer)
        form = self.client.get(f"{BASE}/{complaint.pk}/").context["forms"]["accept"]
        offered = set(form.fields["division"].queryset)
        self.assertIn(self.sci_division, offered)
        self.assertNotIn(self.commission.division, offered)
        # A division of the commission handles nothing of the bureau's.
        self.accepted(complaint)
        self.assertFalse(permissions.is_handler(self.commission.drafter, complaint))

    def test_figures_per_agency(self) -> None:
        self.entered()
        self.entered(actor=self.commission.reviewer, hotline_ticket="GD1")
        self.entered(actor=self.commission.reviewer, hotline_ticket="GD2")
        self.assertEqual(complaint_figures(2026, self.bureau).received, 1)
        self.assertEqual(complaint_figures(2026, self.commission.agency).received, 2)
        self.login(self.commission.director)
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026}).json()["received"], 2)
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026, "agency": "tjkjj"}).status_code, 404)
