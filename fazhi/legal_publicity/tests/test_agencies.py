"""Issue 12: two departments on one installation. The commission's people of every role neither
read nor act on the bureau's 普法 plans, responsibility list and activities (pages, steps, API,
actions); their own records belong to their agency and its divisions; figures are per agency."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.legal_publicity.tests.base import D, PublicityTestCase

API = "/api/v1/publicity"


class TwoAgenciesTests(PublicityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def commission_users(self) -> list[Any]:
        c = self.commission
        return [c.drafter, c.division_head, c.reviewer, c.director, c.officer, c.personnel, c.admin_user]

    def test_the_commission_gets_404_on_the_bureaus_records_and_empty_lists(self) -> None:
        plan = self.plan()
        item = self.responsibility()
        activity = self.activity(responsibility=item)
        pages = [
            reverse("legal_publicity:plan_detail", args=[plan.pk]),
            reverse("legal_publicity:responsibility_detail", args=[item.pk]),
            reverse("legal_publicity:activity_detail", args=[activity.pk]),
        ]
        lists = [
            reverse("legal_publicity:plans"),
            reverse("legal_publicity:responsibilities") + "?year=2026",
            reverse("legal_publicity:activities") + "?year=2026",
            reverse("legal_publicity:index") + "?year=2026",
        ]
        for user in self.commission_users():
            self.client.force_login(user)
            with self.subTest(user=user.username):
                for page in pages:
                    self.assertEqual(self.client.get(page).status_code, 404, page)
                response = self.client.post(
                    reverse("legal_publicity:responsibility_complete", args=[item.pk]),
                    {"complete-evaluation": "已完成"},
                )
                self.assertEqual(response.status_code, 404)
                for page in lists:
                    response = self.client.get(page)
                    if response.status_code == 200:
                        self.assertNotContains(response, plan.title)
                        self.assertNotContains(response, activity.title)
                        self.assertNotContains(response, "科研人员、科技型企业")
        item.refresh_from_db()
        self.assertIsNone(item.done_on)

    def test_the_commission_api_lists_nothing_of_the_bureau(self) -> None:
        activity = self.activity()
        self.client.force_login(self.commission.reviewer)
        self.assertEqual(self.client.get(f"{API}/activities").json()["count"], 0)
        self.assertEqual(self.client.get(f"{API}/activities/{activity.pk}").status_code, 404)
        self.assertEqual(self.client.get(f"{API}/stats", {"year": 2026}).json()["activities"], 0)
        body = {
            "held_on": "2026-05-18",
            "division_id": self.sci_division.pk,
            "kind": "lecture",
            "audience": "public",
            "title": "跨部门活动",
            "laws": "《教育法》",
            "reach": 10,
        }
        response = self.client.post(
            f"{API}/activities", data=json.dumps(body), content_type="application/json"
        )
        self.assertEqual(response.status_code, 422, response.content)

    def test_actions_refuse_the_other_agencys_divisions_and_records(self) -> None:
        c = self.commission
        item = self.responsibility()
        self.activity(responsibility=item)
        with self.assertRaises(PermissionDenied):
            actions.complete_responsibility(item, actor=c.reviewer, evaluation="已完成")
        with self.assertRaises(DomainError):
            self.responsibility(actor=c.reviewer)  # the bureau's division
        with self.assertRaises(PermissionDenied):
            self.activity(actor=c.reviewer)  # records for a division of another agency
        plan = self.plan()
        self.assertFalse(permissions.can_view_plan(c.director, plan))
        self.assertFalse(permissions.can_attach_plan(c.reviewer, plan))

    def test_own_records_are_the_agencys_and_figures_count_per_agency(self) -> None:
        c = self.commission
        plan = self.plan(actor=c.reviewer, title="教育系统“九五”普法规划")
        item = self.responsibility(actor=c.reviewer, division=c.division, content="《中华人民共和国教育法》")
        activity = self.activity(
            actor=c.drafter, division=c.division, title="教育法进校园", responsibility=item
        )
        self.assertEqual({plan.agency, item.agency, activity.agency}, {c.agency})
        self.activity()
        self.activity(title="第二次宣讲")
        self.assertEqual(publicity_figures(2026, c.agency).activities, 1)
        self.assertEqual(publicity_figures(2026, c.agency).plan, "教育系统“九五”普法规划")
        self.assertEqual(publicity_figures(2026, self.bureau).activities, 2)
        self.assertEqual(publicity_figures(2026, self.bureau).plan, "")
        self.client.force_login(c.director)
        self.assertContains(
            self.client.get(reverse("legal_publicity:activity_detail", args=[activity.pk])), "教育法进校园"
        )
        self.assertEqual(D(2026, 5, 18), activity.held_on)
