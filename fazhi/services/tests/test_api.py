"""/api/v1/services: the year's figures, the catalog, the commitments, accepting and verifying
one through the actions — 401 without an account, 404 for anyone the area is not for (and for
the leadership's writes), 409 for a closed legal gate or a commitment no longer awaiting
verification, 4xx JSON with a Chinese detail for a body of the wrong shape, nothing saved."""

from __future__ import annotations

import json
from typing import Any, get_args

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import AuditEvent
from fazhi.core.tokens import create_token
from fazhi.services import actions
from fazhi.services import api as services_api
from fazhi.services.models import Commitment, CreditRecord, ServiceMatter
from fazhi.services.tests.base import D, ServiceTestCase

BASE = "/api/v1/services"
CODE = "91120116MA05XXXX1M"
HIDDEN = ("drafter", "division_head", "advisor", "officer", "filing_officer", "admin_user", "outsider")


class ApiTestCase(ServiceTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any = None) -> Any:
        data = body if isinstance(body, str) else json.dumps(body if body is not None else {})
        return self.client.post(f"{BASE}{path}", data=data, content_type="application/json")

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content.decode())
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn(text, response.json()["detail"])

    def body(self, matter: ServiceMatter, **overrides: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "matter_id": matter.pk,
            "applicant": "天津某科技有限公司",
            "applicant_code": CODE,
            "signed_on": "2026-09-22",
            "chose_commitment": True,
        }
        values.update(overrides)
        return values

    def accept(self, matter: ServiceMatter, **overrides: Any) -> Commitment:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "matter": matter,
            "applicant": "天津某科技有限公司",
            "applicant_code": CODE,
            "signed_on": D(2026, 9, 22),
            "chose_commitment": True,
        }
        values.update(overrides)
        return actions.accept_commitment(**values)


class EnumTests(ApiTestCase):
    def test_the_literals_of_the_api_are_the_model_choices(self) -> None:
        self.assertEqual(list(get_args(services_api.KindValue)), list(ServiceMatter.Kind.values))
        self.assertEqual(list(get_args(services_api.StatusValue)), list(Commitment.Status.values))
        self.assertEqual(list(get_args(services_api.ConsequenceValue)), list(Commitment.Consequence.values))


class ReadApiTests(ApiTestCase):
    def test_the_reviewer_and_the_director_read_and_others_get_404_or_401(self) -> None:
        matter = self.matter()
        commitment = self.accept(matter, signed_on=D(2026, 9, 1))
        paths = [
            ("/stats", {"year": 2026}),
            ("/matters", {}),
            (f"/matters/{matter.pk}", {}),
            ("/commitments", {}),
            (f"/commitments/{commitment.pk}", {}),
        ]
        for user in (self.reviewer, self.director):
            self.login(user)
            for path, params in paths:
                with self.subTest(user=user.username, path=path):
                    self.assertEqual(self.get(path, **params).status_code, 200)
        for role in HIDDEN:
            self.login(getattr(self, role))
            for path, params in paths:
                with self.subTest(role=role, path=path):
                    self.assertDetail(self.get(path, **params), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.get("/commitments"), 401, "未登录")

    def test_the_figures_the_catalog_and_the_commitments(self) -> None:
        matter = self.matter()
        self.matter(code="TJKJ-002", kind="public", commitment_allowed=False, published=False)
        late = self.accept(matter, signed_on=D(2026, 9, 1))
        self.login(self.director)
        stats = self.get("/stats", year=2026).json()
        self.assertEqual(
            (
                stats["matters"],
                stats["commitment_matters"],
                stats["commitments"],
                stats["overdue_verification"],
            ),
            (2, 1, 1, 1),
        )
        listed = self.get("/matters", commitment="true").json()
        self.assertEqual((listed["count"], listed["items"][0]["code"]), (1, "TJKJ-001"))
        self.assertEqual(self.get("/matters", kind="public").json()["items"][0]["code"], "TJKJ-002")
        self.assertEqual(self.get(f"/matters/{matter.pk}").json()["proof_replaced"], "营业执照复印件")
        items = self.get("/commitments", status="accepted", year=2026).json()["items"]
        self.assertEqual([(i["id"], i["overdue"]) for i in items], [(late.pk, True)])
        data = self.get(f"/commitments/{late.pk}").json()
        self.assertEqual(
            (data["verification_due_on"], data["credit_record_id"]), (str(late.verification_due_on), None)
        )
        self.assertEqual(self.get("/commitments", year=2025).json()["count"], 0)

    def test_bad_queries_and_ids_answer_4xx(self) -> None:
        self.login(self.reviewer)
        for path, params in (
            ("/stats", {}),
            ("/stats", {"year": 1999}),
            ("/commitments", {"status": "nonsense"}),
            ("/commitments", {"limit": 1000}),
            ("/matters", {"kind": "x"}),
            ("/commitments/0", {}),
            ("/commitments/abc", {}),
            (f"/matters/{2**40}", {}),
        ):
            with self.subTest(path=path, params=params):
                self.assertDetail(self.get(path, **params), 422, "请求参数格式不正确")
        self.assertDetail(self.get("/commitments/99999"), 404, "未找到")

    def test_the_lists_query_counts_do_not_grow(self) -> None:
        matter = self.matter()
        self.accept(matter)
        self.login(self.reviewer)
        counts = {}
        for path in ("/matters", "/commitments"):
            with CaptureQueriesContext(connection) as queries:
                self.get(path)
            counts[path] = len(queries.captured_queries)
        for n in range(3):
            self.accept(self.matter(code=f"Q-{n}"), applicant_code=f"Q{n}")
        for path in ("/matters", "/commitments"):
            with self.subTest(path=path), self.assertNumQueries(counts[path]):
                self.assertEqual(self.get(path).status_code, 200)

    def test_a_bearer_token_authenticates(self) -> None:
        _token, raw = create_token(self.director, actor=self.director)
        response = self.client.get(f"{BASE}/stats", {"year": 2026}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)


class AcceptApiTests(ApiTestCase):
    def test_the_reviewer_accepts_a_commitment(self) -> None:
        matter = self.matter()
        self.login(self.reviewer)
        response = self.post("/commitments", self.body(matter))
        self.assertEqual(response.status_code, 201, response.content.decode())
        data = response.json()
        self.assertEqual((data["status"], data["verification_due_on"]), ("accepted", "2026-10-13"))
        self.assertTrue(AuditEvent.objects.filter(verb="services.commitment").exists())

    def test_closed_gates_answer_409_and_save_nothing(self) -> None:
        matter = self.matter()
        excluded = self.matter(code="TJKJ-002", commitment_allowed=False, excluded_reason="直接涉及公共安全")
        barred = self.accept(matter, applicant_code="BARRED")
        actions.verify(
            barred,
            actor=self.reviewer,
            verified_on=D(2026, 9, 22),
            truthful=False,
            note="虚假",
            consequence="terminate",
        )
        self.login(self.reviewer)
        for body, text in (
            (self.body(excluded), "未实行告知承诺制"),
            (self.body(matter, chose_commitment=False), "自愿选择"),
            (self.body(matter, applicant_code="BARRED"), "信用修复前"),
        ):
            with self.subTest(text=text):
                self.assertDetail(self.post("/commitments", body), 409, text)
        self.assertEqual(Commitment.objects.count(), 1)

    def test_bad_bodies_answer_4xx_and_save_nothing(self) -> None:
        matter = self.matter()
        self.login(self.reviewer)
        for body, status, text in (
            (self.body(matter, matter_id=99999), 422, "未找到服务事项"),
            (self.body(matter, signed_on="2026-12-01"), 400, "不能晚于今天"),
            (self.body(matter, signed_on="1900-01-01"), 422, "请求参数格式不正确"),
            (self.body(matter, applicant="甲" * 201), 422, "请求参数格式不正确"),
            (self.body(matter, applicant="甲\x00"), 422, "请求参数格式不正确"),
            (self.body(matter, applicant="  "), 400, "申请人"),
            ({"matter_id": matter.pk}, 422, "请求参数格式不正确"),
            ("{not json", 400, "不是有效的 JSON"),
        ):
            with self.subTest(body=str(body)[:60]):
                self.assertDetail(self.post("/commitments", body), status, text)
        self.assertFalse(Commitment.objects.exists())

    def test_the_director_and_others_may_not_accept(self) -> None:
        matter = self.matter()
        for role in ("director", *HIDDEN):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.post("/commitments", self.body(matter)), 404, "未找到")
        self.client.logout()
        self.assertDetail(self.post("/commitments", self.body(matter)), 401, "未登录")
        self.assertFalse(Commitment.objects.exists())


class VerifyApiTests(ApiTestCase):
    def test_a_false_commitment_names_its_consequence_and_goes_on_the_record(self) -> None:
        commitment = self.accept(self.matter())
        self.login(self.reviewer)
        path = f"/commitments/{commitment.pk}/verify"
        body = {"verified_on": "2026-09-22", "truthful": False, "note": "营业执照已吊销"}
        self.assertDetail(self.post(path, body), 409, "终止办理")
        self.assertDetail(self.post(path, {**body, "consequence": "fine"}), 422, "请求参数格式不正确")
        self.assertFalse(CreditRecord.objects.exists())
        response = self.post(path, {**body, "consequence": "revoke"})
        self.assertEqual(response.status_code, 200, response.content.decode())
        data = response.json()
        self.assertEqual((data["status"], data["consequence"]), ("false", "revoke"))
        self.assertEqual(data["credit_record_id"], CreditRecord.objects.get().pk)
        # No longer awaiting verification.
        self.assertDetail(self.post(path, {**body, "truthful": True}), 409, "不能")

    def test_a_truthful_verification_and_who_may_verify(self) -> None:
        commitment = self.accept(self.matter())
        path = f"/commitments/{commitment.pk}/verify"
        body = {"verified_on": "2026-09-22", "truthful": True, "note": "信息属实"}
        for role in ("director", "drafter"):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertDetail(self.post(path, body), 404, "未找到")
        self.login(self.reviewer)
        self.assertDetail(self.post("/commitments/99999/verify", body), 404, "未找到")
        self.assertDetail(self.post(path, {**body, "verified_on": "2026-09-01"}), 400, "不能早于")
        self.assertDetail(self.post(path, {**body, "note": ""}), 400, "核查情况")
        response = self.post(path, body)
        self.assertEqual(response.json()["status"], "verified")
