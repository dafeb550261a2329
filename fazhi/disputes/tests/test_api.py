"""/api/v1/disputes: the year's figures and the reconsiderations, lawsuits and mediations for the
legal affairs division and the leadership, and each step through its action — 401 without an
account, 404 for anyone else or a step not one's to take, 409 with the article for a closed
legal gate or a wrong state, 4xx JSON for a body of the wrong shape."""

from __future__ import annotations

import json
from typing import Any, get_args

from fazhi.core.tokens import create_token
from fazhi.disputes import actions
from fazhi.disputes import api as disputes_api
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.tests.base import D, DisputeTestCase
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.models import EnforcementCase

BASE = "/api/v1/disputes"
APPLICATION = {
    "applicant": "天津某生物科技有限公司",
    "challenged_act": "津科罚〔2026〕1号行政处罚决定",
    "received_on": "2026-09-22",
}
COMPLAINT = {
    "plaintiff": "天津某生物科技有限公司",
    "court": "天津市和平区人民法院",
    "challenged_act": "津科罚〔2026〕1号行政处罚决定",
    "complaint_received_on": "2026-09-22",
}
REQUEST = {
    "kind": "civil",
    "parties": "甲公司、乙研究院",
    "summary": "技术合同款项纠纷",
    "requested_on": "2026-09-21",
}


class ApiTestCase(DisputeTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {})
        return self.client.post(f"{BASE}{path}", data=data, content_type="application/json")

    def ok(self, path: str, body: Any = None, status: int = 200) -> Any:
        response = self.post(path, body)
        self.assertEqual(response.status_code, status, response.content.decode())
        return response.json()

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def reconsideration(self, **overrides: Any) -> Reconsideration:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "applicant": "天津某生物科技有限公司",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_reconsideration(**values)

    def litigation(self, **overrides: Any) -> Litigation:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "plaintiff": "天津某生物科技有限公司",
            "court": "天津市和平区人民法院",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "complaint_received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_litigation(**values)

    def mediation(self, **overrides: Any) -> Mediation:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "kind": "civil",
            "parties": "甲公司、乙研究院",
            "summary": "技术合同款项纠纷",
            "requested_on": D(2026, 9, 21),
        }
        values.update(overrides)
        return actions.request_mediation(**values)

    def penalty(self) -> EnforcementCase:
        """A decided penalty: what a reconsideration or a court may reverse."""
        case = self.notified()
        enforcement_actions.record_statement(case, actor=self.officer, waived=True)
        enforcement_actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款一万元")
        return case


OTHERS = ("drafter", "division_head", "advisor", "officer", "filing_officer", "admin_user")


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        pairs = [
            (disputes_api.ReconsiderationStatusValue, Reconsideration.Status),
            (disputes_api.ReconsiderationOutcomeValue, Reconsideration.Outcome),
            (disputes_api.LitigationStatusValue, Litigation.Status),
            (disputes_api.LitigationOutcomeValue, Litigation.Outcome),
            (disputes_api.InstanceValue, Litigation.Instance),
            (disputes_api.MediationKindValue, Mediation.Kind),
            (disputes_api.MediationStatusValue, Mediation.Status),
        ]
        for literal, choices in pairs:
            self.assertEqual(list(get_args(literal)), list(choices.values))


class StatsApiTests(ApiTestCase):
    def test_the_legal_division_and_the_leadership_get_the_figures(self) -> None:
        case = self.reconsideration()
        actions.submit_reply(case, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="事实清楚")
        self.litigation()
        mediation = self.mediation()
        actions.accept_mediation(mediation, actor=self.reviewer, accepted_on=D(2026, 9, 22))
        for user in (self.reviewer, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                data = self.get("/stats", year=2026).json()
                self.assertEqual(
                    (
                        data["year"],
                        data["reconsiderations"],
                        data["replies_in_time"],
                        data["litigations"],
                        data["mediations"],
                        data["mediations_agreed"],
                    ),
                    (2026, 1, 1, 1, 1, 0),
                )
                self.assertIsNone(data["head_appearance_rate"])
        self.assertEqual(self.get("/stats", year=2025).json()["reconsiderations"], 0)

    def test_other_staff_get_404_and_no_account_401(self) -> None:
        for role in OTHERS:
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.get("/stats", year=2026), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/stats", year=2026), 401, "未登录")

    def test_the_year_is_required_and_bounded(self) -> None:
        self.login(self.director)
        for params in ({}, {"year": "abc"}, {"year": 1999}, {"year": 2100}, {"year": "9" * 40}):
            with self.subTest(params=params):
                self.assertDetail(self.client.get(f"{BASE}/stats", params), 422, "请求参数格式不正确")

    def test_a_bearer_token_authenticates(self) -> None:
        _token, raw = create_token(self.director, actor=self.director)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)
