"""The disputes API: mediation, from the request to the conclusion."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.disputes import actions
from fazhi.disputes.models import Mediation
from fazhi.disputes.tests.base import D
from fazhi.disputes.tests.test_api import REQUEST, ApiTestCase


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
