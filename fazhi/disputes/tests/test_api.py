"""/api/v1/disputes: the year's figures and the reconsiderations, lawsuits and mediations for the
legal affairs division and the leadership, and each step through its action — 401 without an
account, 404 for anyone else or a step not one's to take, 409 with the article for a closed
legal gate or a wrong state, 4xx JSON for a body of the wrong shape."""

from __future__ import annotations

import json
from typing import Any, get_args

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.core.tokens import create_token
from fazhi.disputes import actions
from fazhi.disputes import api as disputes_api
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.tests.base import D, DisputeTestCase, on
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


class ReadApiTests(ApiTestCase):
    def records(self) -> dict[str, int]:
        return {
            "reconsiderations": self.reconsideration().pk,
            "litigations": self.litigation().pk,
            "mediations": self.mediation().pk,
        }

    def test_the_legal_division_and_the_leadership_read_every_record(self) -> None:
        ids = self.records()
        for user in (self.reviewer, self.director):
            self.login(user)
            for kind, pk in ids.items():
                with self.subTest(user=user.username, kind=kind):
                    data = self.get(f"/{kind}").json()
                    self.assertEqual((data["count"], [r["id"] for r in data["items"]]), (1, [pk]))
                    self.assertEqual(self.get(f"/{kind}/{pk}").json()["id"], pk)

    def test_other_staff_get_404_and_no_account_401(self) -> None:
        ids = self.records()
        for role in OTHERS:
            self.login(getattr(self, role))
            for kind, pk in ids.items():
                with self.subTest(role=role, kind=kind):
                    self.assertDetail(self.get(f"/{kind}"), 404, "未找到")
                    self.assertDetail(self.get(f"/{kind}/{pk}"), 404, "未找到")
        self.client.logout()
        for kind, pk in ids.items():
            with self.subTest(kind=kind):
                self.assertDetail(self.get(f"/{kind}"), 401, "未登录")
                self.assertDetail(self.get(f"/{kind}/{pk}"), 401, "未登录")

    def test_the_details_carry_the_deadlines_with_their_basis(self) -> None:
        penalty = self.penalty()
        case = self.reconsideration(enforcement_case=penalty, case_number="津政复〔2026〕8号")
        lawsuit = self.litigation(head_required=True, instance="second")
        self.login(self.director)
        data = self.get(f"/reconsiderations/{case.pk}").json()
        # 23, 24, 28, 29, 30 September (25 is Mid-Autumn); 8, 9, 10 (a worked Saturday), 12, 13 October.
        self.assertEqual((data["reply_due_on"], data["reply_deadline"]["due"]), ("2026-10-13", "2026-10-13"))
        self.assertIn("第四十八条", data["reply_deadline"]["basis"])
        self.assertEqual(
            (data["enforcement_case_id"], data["enforcement_case_code"], data["case_number"]),
            (penalty.pk, penalty.code, "津政复〔2026〕8号"),
        )
        self.assertEqual((data["status"], data["created_by"], data["overdue"]), ("received", "王审核", []))
        data = self.get(f"/litigations/{lawsuit.pk}").json()
        self.assertEqual((data["defence_due_on"], data["instance_label"]), ("2026-10-08", "二审"))
        self.assertIn("第六十七条", data["defence_deadline"]["basis"])
        self.assertTrue(data["head_required"])
        with on("2026-10-14"):
            self.login(self.director)
            self.assertEqual(self.get(f"/reconsiderations/{case.pk}").json()["overdue"], ["超过答复期限"])
            self.assertEqual(self.get(f"/litigations/{lawsuit.pk}").json()["overdue"], ["超过答辩期限"])

    def test_filters_pages_and_wrong_parameters(self) -> None:
        first = self.reconsideration()
        second = self.reconsideration(applicant="乙")
        actions.submit_reply(second, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="答复")
        self.login(self.reviewer)
        self.assertEqual(
            [r["id"] for r in self.get("/reconsiderations", status="replied").json()["items"]], [second.pk]
        )
        self.assertEqual(self.get("/reconsiderations", year=2026).json()["count"], 2)
        self.assertEqual(self.get("/reconsiderations", year=2025).json()["count"], 0)
        page = self.get("/reconsiderations", limit=1, offset=1).json()
        self.assertEqual((page["count"], [r["id"] for r in page["items"]]), (2, [first.pk]))
        self.litigation()
        self.mediation()
        self.assertEqual(self.get("/litigations", status="received", year=2026).json()["count"], 1)
        self.assertEqual(self.get("/mediations", status="accepted").json()["count"], 0)
        for kind, status in (
            ("reconsiderations", "replied"),
            ("litigations", "judged"),
            ("mediations", "agreed"),
        ):
            for params in (
                {"limit": 0},
                {"limit": 101},
                {"offset": -1},
                {"offset": 2**63},
                {"status": "lost"},
                {"year": 1999},
                {"year": "x"},
            ):
                with self.subTest(kind=kind, params=params):
                    self.assertDetail(self.client.get(f"{BASE}/{kind}", params), 422, "请求参数格式不正确")
            self.assertEqual(self.get(f"/{kind}", status=status).status_code, 200)
            for path in (f"/{kind}/0", f"/{kind}/{2**31}", f"/{kind}/abc"):
                with self.subTest(path=path):
                    self.assertDetail(self.get(path), 422)
            self.assertDetail(self.get(f"/{kind}/99999"), 404, "未找到")

    def test_the_lists_take_the_same_queries_for_1_or_3_records(self) -> None:
        self.login(self.reviewer)
        self.records()
        counts = {}
        for kind in ("reconsiderations", "litigations", "mediations"):
            with CaptureQueriesContext(connection) as one:
                self.get(f"/{kind}")
            counts[kind] = len(one.captured_queries)
        self.records()
        self.records()
        for kind in counts:
            with self.subTest(kind=kind), CaptureQueriesContext(connection) as three:
                self.assertEqual(self.get(f"/{kind}").json()["count"], 3)
            self.assertEqual(len(three.captured_queries), counts[kind])


class ReconsiderationApiTests(ApiTestCase):
    def test_register_reply_and_a_reversing_decision_that_reaches_the_penalty(self) -> None:
        penalty = self.penalty()
        enforcement_actions.publish(penalty, actor=self.officer)
        self.login(self.reviewer)
        data = self.ok("/reconsiderations", {**APPLICATION, "enforcement_case_id": penalty.pk}, 201)
        case_id = data["id"]
        self.assertEqual(
            (data["status"], data["reply_due_on"], data["organ"], data["enforcement_case_id"]),
            ("received", "2026-10-13", "天津市人民政府", penalty.pk),
        )
        self.assertEqual(data["division"], self.reviewer.organization.name)  # type: ignore[union-attr]
        with on("2026-10-13"):
            self.login(self.reviewer)
            data = self.ok(
                f"/reconsiderations/{case_id}/reply",
                {"replied_on": "2026-10-13", "summary": "事实清楚，程序合法"},
            )
        self.assertEqual((data["status"], data["replied_on"], data["overdue"]), ("replied", "2026-10-13", []))
        self.assertTrue(AuditEvent.objects.get(verb="reconsideration.reply").data["in_time"])
        with on("2026-11-20"):
            self.login(self.reviewer)
            data = self.ok(
                f"/reconsiderations/{case_id}/decision",
                {
                    "decided_on": "2026-11-20",
                    "served_on": "2026-11-20",
                    "outcome": "revoked",
                    "summary": "认定事实不清",
                },
            )
        self.assertEqual(
            (data["status"], data["outcome"], data["outcome_label"], data["reverses_act"]),
            ("decided", "revoked", "撤销", True),
        )
        penalty.refresh_from_db()
        self.assertEqual((penalty.reversed_on, penalty.withdrawal_due_on), (D(2026, 11, 20), D(2026, 11, 25)))
        self.assertIn("行政复议决定撤销", penalty.reversal_reason)

    def test_a_step_the_state_does_not_allow_answers_409_naming_the_state(self) -> None:
        case = self.reconsideration()
        actions.record_reconsideration_decision(
            case,
            actor=self.reviewer,
            decided_on=D(2026, 9, 22),
            served_on=D(2026, 9, 22),
            outcome="upheld",
            summary="维持",
        )
        self.login(self.reviewer)
        self.assertDetail(
            self.post(f"/reconsiderations/{case.pk}/reply", {"replied_on": "2026-09-21", "summary": "答复"}),
            409,
            "当前状态为“复议机关已决定”，不能提交答复",
        )
        self.assertDetail(
            self.post(
                f"/reconsiderations/{case.pk}/decision",
                {
                    "decided_on": "2026-09-22",
                    "served_on": "2026-09-22",
                    "outcome": "upheld",
                    "summary": "再次",
                },
            ),
            409,
            "不能记录复议决定",
        )

    def test_dates_and_empty_fields_are_refused_with_a_chinese_message(self) -> None:
        self.login(self.reviewer)
        self.assertDetail(
            self.post("/reconsiderations", {**APPLICATION, "received_on": "2026-09-23"}),
            400,
            "收到申请书副本之日不能晚于今天",
        )
        self.assertDetail(
            self.post("/reconsiderations", {**APPLICATION, "applicant": "  "}), 400, "请填写申请人"
        )
        case = self.reconsideration()
        self.assertDetail(
            self.post(f"/reconsiderations/{case.pk}/reply", {"replied_on": "2026-09-21", "summary": "答复"}),
            400,
            "不能早于2026年9月22日",
        )
        self.assertEqual(Reconsideration.objects.get().status, Reconsideration.Status.RECEIVED)

    def test_an_unknown_enforcement_case_answers_422(self) -> None:
        self.login(self.reviewer)
        self.assertDetail(
            self.post("/reconsiderations", {**APPLICATION, "enforcement_case_id": 99999}),
            422,
            "未找到关联执法案件",
        )
        self.assertFalse(Reconsideration.objects.exists())

    def test_only_the_legal_division_writes_and_nobody_without_an_account(self) -> None:
        case = self.reconsideration()
        for user in (self.director, self.officer, self.drafter, self.admin_user):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.post("/reconsiderations", APPLICATION), 404, "未找到")
                self.assertDetail(
                    self.post(
                        f"/reconsiderations/{case.pk}/reply", {"replied_on": "2026-09-22", "summary": "x"}
                    ),
                    404,
                )
        self.client.logout()
        self.assertDetail(self.post("/reconsiderations", APPLICATION), 401)
        self.assertDetail(
            self.post(f"/reconsiderations/{case.pk}/reply", {"replied_on": "2026-09-22", "summary": "x"}), 401
        )
        self.assertEqual(Reconsideration.objects.get().status, Reconsideration.Status.RECEIVED)
        self.assertEqual(Reconsideration.objects.count(), 1)

    def test_a_handler_outside_any_division_cannot_register(self) -> None:
        root = make_user("root", org=None, roles=[Role.LEGAL_REVIEWER], is_superuser=True)
        self.login(root)
        self.assertDetail(self.post("/reconsiderations", APPLICATION), 400, "未归属任何处室")
        self.assertDetail(self.post("/mediations", REQUEST), 400, "未归属任何处室")
        self.assertFalse(Reconsideration.objects.exists())

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.reviewer)
        for body in (
            {},
            {**APPLICATION, "received_on": "2026-02-30"},
            {**APPLICATION, "received_on": "1999-12-31"},
            {**APPLICATION, "received_on": "9999-12-31"},
            {**APPLICATION, "applicant": "x" * 201},
            {**APPLICATION, "applicant": ["甲"]},
            {**APPLICATION, "challenged_act": "a\x00b"},
            {**APPLICATION, "case_number": "x" * 101},
            {**APPLICATION, "enforcement_case_id": 0},
            {**APPLICATION, "enforcement_case_id": 2**31},
            {**APPLICATION, "enforcement_case_id": "one"},
            [1, 2],
            "text",
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/reconsiderations", body), 422, "请求参数格式不正确")
        response = self.client.post(
            f"{BASE}/reconsiderations", data="{not json", content_type="application/json"
        )
        self.assertDetail(response, 400, "请求体不是有效的 JSON")
        case = self.reconsideration()
        for body in (
            {"decided_on": "2026-09-22", "served_on": "2026-09-22", "outcome": "cancelled", "summary": "x"},
            {"decided_on": "2026-09-22", "outcome": "upheld", "summary": "x"},
            {"decided_on": "2026-09-22", "outcome": "upheld"},
            {"decided_on": "tomorrow", "outcome": "upheld", "summary": "x"},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post(f"/reconsiderations/{case.pk}/decision", body), 422)
        self.assertDetail(self.post(f"/reconsiderations/{2**31}/reply", {}), 422)
        self.assertDetail(
            self.post("/reconsiderations/99999/reply", {"replied_on": "2026-09-22", "summary": "x"}), 404
        )
        self.assertEqual(Reconsideration.objects.get().status, Reconsideration.Status.RECEIVED)


class LitigationApiTests(ApiTestCase):
    def test_register_defend_and_a_revoking_judgment(self) -> None:
        penalty = self.penalty()
        self.login(self.reviewer)
        data = self.ok(
            "/litigations",
            {**COMPLAINT, "instance": "first", "head_required": True, "enforcement_case_id": penalty.pk},
            201,
        )
        lawsuit_id = data["id"]
        # 22 September + 15 days = 7 October, a holiday: the next working day.
        self.assertEqual(
            (data["status"], data["defence_due_on"], data["head_required"]), ("received", "2026-10-08", True)
        )
        with on("2026-10-08"):
            self.login(self.reviewer)
            data = self.ok(f"/litigations/{lawsuit_id}/defence", {"defended_on": "2026-10-08"})
            self.assertEqual((data["status"], data["defended_on"]), ("defended", "2026-10-08"))
            data = self.ok(
                f"/litigations/{lawsuit_id}/judgment",
                {
                    "judged_on": "2026-10-08",
                    "outcome": "revoked",
                    "summary": "撤销被诉行政处罚决定",
                    "judicial_recommendation": "建议规范告知程序",
                },
            )
        self.assertEqual(
            (data["status"], data["outcome_label"], data["judicial_recommendation"], data["reverses_act"]),
            ("judged", "撤销被诉行政行为", "建议规范告知程序", True),
        )
        self.assertTrue(AuditEvent.objects.get(verb="litigation.defence").data["in_time"])
        self.assertIsNone(data["effective_on"])  # a first-instance judgment: not yet effective
        penalty.refresh_from_db()
        self.assertIsNone(penalty.reversed_on)
        with on("2026-10-26"):
            self.login(self.reviewer)
            data = self.ok(f"/litigations/{lawsuit_id}/judgment_effect", {"effective_on": "2026-10-26"})
        self.assertEqual(data["effective_on"], "2026-10-26")
        penalty.refresh_from_db()
        self.assertEqual(
            (penalty.reversed_on, penalty.reversal_effective_on), (D(2026, 10, 8), D(2026, 10, 26))
        )

    def test_a_step_the_state_does_not_allow_answers_409(self) -> None:
        lawsuit = self.litigation()
        actions.record_judgment(
            lawsuit, actor=self.reviewer, judged_on=D(2026, 9, 22), outcome="withdrawn", summary="原告撤诉"
        )
        self.login(self.reviewer)
        self.assertDetail(
            self.post(f"/litigations/{lawsuit.pk}/defence", {"defended_on": "2026-09-22"}),
            409,
            "当前状态为“已裁判”，不能提交答辩状",
        )
        self.assertDetail(
            self.post(
                f"/litigations/{lawsuit.pk}/judgment",
                {"judged_on": "2026-09-22", "outcome": "dismissed", "summary": "驳回"},
            ),
            409,
            "不能记录裁判",
        )

    def test_the_leadership_reads_but_does_not_write(self) -> None:
        lawsuit = self.litigation()
        self.login(self.director)
        self.assertEqual(self.get(f"/litigations/{lawsuit.pk}").status_code, 200)
        self.assertDetail(self.post("/litigations", COMPLAINT), 404)
        self.assertDetail(self.post(f"/litigations/{lawsuit.pk}/defence", {"defended_on": "2026-09-22"}), 404)
        self.client.logout()
        self.assertDetail(self.post(f"/litigations/{lawsuit.pk}/defence", {"defended_on": "2026-09-22"}), 401)
        self.assertEqual(Litigation.objects.get().status, Litigation.Status.RECEIVED)

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.reviewer)
        for body in (
            {},
            {**COMPLAINT, "instance": "supreme"},
            {**COMPLAINT, "court": "x" * 101},
            {**COMPLAINT, "head_required": "perhaps"},
            {**COMPLAINT, "complaint_received_on": 20260922},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/litigations", body), 422, "请求参数格式不正确")
        lawsuit = self.litigation()
        for defence in ({}, {"defended_on": "2026-13-01"}, {"defended_on": None}):
            with self.subTest(body=defence):
                self.assertDetail(self.post(f"/litigations/{lawsuit.pk}/defence", defence), 422)
        self.assertDetail(
            self.post(
                f"/litigations/{lawsuit.pk}/judgment",
                {"judged_on": "2026-09-22", "outcome": "dismissed", "summary": "x" * 5001},
            ),
            422,
        )
        self.assertEqual(Litigation.objects.get().status, Litigation.Status.RECEIVED)


class MediationApiTests(ApiTestCase):
    def test_an_agreement_follows_a_mediation_meeting(self) -> None:
        self.login(self.reviewer)
        data = self.ok("/mediations", REQUEST, 201)
        mediation_id = data["id"]
        self.assertEqual((data["status"], data["kind_label"]), ("requested", "民事纠纷"))
        data = self.ok(f"/mediations/{mediation_id}/accept", {"accepted_on": "2026-09-22"})
        self.assertEqual((data["status"], data["accepted_on"]), ("accepted", "2026-09-22"))
        agreement = {"agreed": True, "text": "分期支付", "closed_on": "2026-09-22"}
        # The legal refusal: no agreement without mediation having taken place.
        self.assertDetail(
            self.post(f"/mediations/{mediation_id}/conclude", agreement), 409, "天津市行政调解规定第三条"
        )
        data = self.ok(
            f"/mediations/{mediation_id}/meetings",
            {"held_on": "2026-09-22", "participants": "双方代表", "note": "达成一致"},
        )
        self.assertEqual([m["participants"] for m in data["meetings"]], ["双方代表"])
        data = self.ok(f"/mediations/{mediation_id}/conclude", agreement)
        self.assertEqual(
            (data["status"], data["agreement"], data["closed_on"]), ("agreed", "分期支付", "2026-09-22")
        )
        self.assertEqual(
            list(
                AuditEvent.objects.filter(verb__startswith="mediation.")
                .order_by("pk")
                .values_list("verb", flat=True)
            ),
            ["mediation.request", "mediation.accept", "mediation.meeting", "mediation.agree"],
        )

    def test_a_failed_mediation_and_steps_the_state_does_not_allow(self) -> None:
        mediation = self.mediation()
        self.login(self.reviewer)
        failure = {"agreed": False, "text": "双方分歧较大", "closed_on": "2026-09-22"}
        self.assertDetail(
            self.post(f"/mediations/{mediation.pk}/conclude", failure),
            409,
            "当前状态为“已申请，待受理”，不能调解不成",
        )
        self.assertDetail(
            self.post(
                f"/mediations/{mediation.pk}/meetings",
                {"held_on": "2026-09-22", "participants": "x", "note": "y"},
            ),
            409,
            "受理后、结案前记录调解会",
        )
        actions.accept_mediation(mediation, actor=self.reviewer, accepted_on=D(2026, 9, 22))
        actions.add_meeting(
            mediation, actor=self.reviewer, held_on=D(2026, 9, 22), participants="双方", note="分歧"
        )
        data = self.ok(f"/mediations/{mediation.pk}/conclude", failure)
        self.assertEqual((data["status"], data["failure_reason"]), ("failed", "双方分歧较大"))
        self.assertDetail(
            self.post(f"/mediations/{mediation.pk}/accept", {"accepted_on": "2026-09-22"}),
            409,
            "当前状态为“调解不成”，不能受理",
        )

    def test_only_the_legal_division_writes(self) -> None:
        mediation = self.mediation()
        for user in (self.director, self.officer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertDetail(self.post("/mediations", REQUEST), 404)
                self.assertDetail(
                    self.post(f"/mediations/{mediation.pk}/accept", {"accepted_on": "2026-09-22"}), 404
                )
        self.client.logout()
        self.assertDetail(self.post("/mediations", REQUEST), 401)
        self.assertEqual(Mediation.objects.get().status, Mediation.Status.REQUESTED)

    def test_bodies_of_the_wrong_shape_answer_4xx_json(self) -> None:
        self.login(self.reviewer)
        for body in (
            {**REQUEST, "kind": "criminal"},
            {**REQUEST, "parties": "x" * 301},
            {**REQUEST, "summary": None},
            {key: value for key, value in REQUEST.items() if key != "requested_on"},
        ):
            with self.subTest(body=body):
                self.assertDetail(self.post("/mediations", body), 422, "请求参数格式不正确")
        mediation = self.mediation()
        self.assertDetail(
            self.post(f"/mediations/{mediation.pk}/accept", {"accepted_on": "2026-09-20"}), 400, "不能早于"
        )
        self.assertDetail(
            self.post(f"/mediations/{mediation.pk}/conclude", {"agreed": True, "closed_on": "2026-09-22"}),
            422,
        )
        self.assertEqual(Mediation.objects.get(pk=mediation.pk).status, Mediation.Status.REQUESTED)
