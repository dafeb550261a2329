"""The disputes API: litigation, from registration to the judgment taking effect."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.disputes import actions
from fazhi.disputes.models import Litigation
from fazhi.disputes.tests.base import D, on
from fazhi.disputes.tests.test_api import COMPLAINT, ApiTestCase


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
