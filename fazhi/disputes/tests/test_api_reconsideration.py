"""The disputes API: reconsiderations, from registration to the decision."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.disputes import actions
from fazhi.disputes.models import Reconsideration
from fazhi.disputes.tests.base import D, on
from fazhi.disputes.tests.test_api import APPLICATION, BASE, REQUEST, ApiTestCase
from fazhi.enforcement import actions as enforcement_actions


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
