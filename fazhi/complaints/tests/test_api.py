"""/api/v1/complaints: the register for those who may read it, staff entry returning the receipt
code once, each step through its action with the status codes of fazhi/api.py, and the
year's figures for the legal affairs division and the leadership."""

from __future__ import annotations

import json
from typing import Any

from fazhi.complaints import receipt
from fazhi.complaints.models import Complaint
from fazhi.complaints.tests.base import ComplaintTestCase

BASE = "/api/v1/complaints"


class ComplaintApiTests(ComplaintTestCase):
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{BASE}{path}", params)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(f"{BASE}{path}", data=json.dumps(body), content_type="application/json")

    def assertDetail(self, response: Any, status: int, text: str = "") -> None:
        self.assertEqual(response.status_code, status, response.content)
        self.assertIn(text, response.json()["detail"])

    ENTRY = {
        "channel": "hotline",
        "hotline_ticket": "GD-API-1",
        "received_on": "2026-11-09",
        "kind": "complaint",
        "subject": "检查超出抽查事项范围",
        "content": "检查人员检查了抽查事项清单以外的内容。",
        "contact_phone": "13500000000",
    }

    def test_the_legal_division_enters_and_gets_the_code_once(self) -> None:
        self.login(self.reviewer)
        response = self.post("/complaints", self.ENTRY)
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        complaint = Complaint.objects.get(pk=data["id"])
        self.assertEqual(complaint.receipt_digest, receipt.digest(data["receipt_code"]))
        self.assertEqual((data["status"], data["decision_due_on"]), ("registered", "2026-11-17"))
        self.assertNotIn("receipt_code", self.get(f"/complaints/{complaint.pk}").json())

    def test_refusals_answer_with_their_status_and_a_chinese_detail(self) -> None:
        self.login(self.reviewer)
        self.assertDetail(self.post("/complaints", {**self.ENTRY, "hotline_ticket": ""}), 400, "12345 工单号")
        self.assertDetail(self.post("/complaints", {**self.ENTRY, "channel": "portal"}), 422)
        complaint = self.entered()
        accept = {
            "decided_on": "2026-11-03",
            "division_id": self.sci_division.pk,
            "reason": "职责内",
            "notice": "已受理",
        }
        self.assertDetail(
            self.post(f"/complaints/{complaint.pk}/accept", {**accept, "notice_method": "email"}),
            409,
            "未留电子邮箱",
        )
        self.assertDetail(
            self.post(
                f"/complaints/{complaint.pk}/accept",
                {**accept, "division_id": self.bureau.pk, "notice_method": "phone"},
            ),
            422,
        )
        ok = self.post(f"/complaints/{complaint.pk}/accept", {**accept, "notice_method": "phone"})
        self.assertEqual(ok.json()["reply_due_on"], "2026-12-03")
        self.assertDetail(
            self.post(f"/complaints/{complaint.pk}/register", {"registered_on": "2026-11-03"}), 409
        )
        self.assertDetail(self.post(f"/complaints/{complaint.pk}/link_case", {"case_id": 999}), 422)

    def test_the_division_reads_and_answers_its_own_and_others_get_404(self) -> None:
        complaint = self.accepted()
        other = self.entered(hotline_ticket="GD2")
        self.login(self.drafter)
        self.assertEqual([c["id"] for c in self.get("/complaints").json()["items"]], [complaint.pk])
        self.assertDetail(self.get(f"/complaints/{other.pk}"), 404)
        answer = {"replied_on": "2026-11-10", "findings": "核实", "reply": "答复", "reply_method": "portal"}
        self.assertDetail(
            self.post(f"/complaints/{complaint.pk}/register", {"registered_on": "2026-11-10"}), 404
        )
        response = self.post(f"/complaints/{complaint.pk}/answer", answer)
        self.assertEqual(response.json()["status"], "answered")
        self.assertTrue(response.json()["answered_in_time"])
        self.login(self.director)
        accept = {
            "decided_on": "2026-11-03",
            "division_id": self.sci_division.pk,
            "reason": "r",
            "notice": "n",
        }
        self.assertDetail(
            self.post(f"/complaints/{other.pk}/accept", {**accept, "notice_method": "portal"}), 404
        )
        self.login(self.outsider)
        self.assertEqual(self.get("/complaints").json()["count"], 0)
        self.assertDetail(self.get(f"/complaints/{complaint.pk}"), 404)
        self.login(self.officer)
        self.assertDetail(self.get("/complaints"), 404)

    def test_the_figures_of_the_year(self) -> None:
        self.answered()
        self.login(self.director)
        data = self.get("/stats", year=2026).json()
        self.assertEqual(
            (data["received"], data["accepted"], data["answered_in_time"], data["hotline"]), (1, 1, 1, 1)
        )
        self.login(self.drafter)
        self.assertDetail(self.get("/stats", year=2026), 404)

    def test_bodies_of_the_wrong_shape_answer_4xx_json_and_save_nothing(self) -> None:
        self.login(self.reviewer)
        for body in (
            {},
            {**self.ENTRY, "received_on": "2026-02-30"},
            {**self.ENTRY, "received_on": "1999-12-31"},
            {**self.ENTRY, "received_on": "9999-12-31"},
            {**self.ENTRY, "subject": "x" * 201},
            {**self.ENTRY, "subject": ["事由"]},
            {**self.ENTRY, "content": "a\x00b"},
            {**self.ENTRY, "kind": "praise"},
            {**self.ENTRY, "anonymous": "perhaps"},
            {**self.ENTRY, "received_on": "2026-11-11"},
            {**self.ENTRY, "contact_email": "not-an-address"},
        ):
            with self.subTest(body=body):
                response = self.post("/complaints", body)
                self.assertIn(response.status_code, (400, 422), response.content)
                self.assertIn("detail", response.json())
        complaint = self.accepted()
        for path, step_body in (
            ("link_case", {"case_id": 0}),
            ("link_case", {"case_id": 2**31}),
            ("link_case", {"case_id": "one"}),
            ("judicial_transfer", {"transferred_on": "2026-11-10", "organ": "x" * 101, "reason": "r"}),
            ("answer", {"replied_on": "2026-11-10", "findings": "f", "reply": "r", "reply_method": "fax"}),
        ):
            with self.subTest(path=path, body=step_body):
                self.assertIn(
                    self.post(f"/complaints/{complaint.pk}/{path}", step_body).status_code, (400, 404, 422)
                )
        self.assertDetail(self.get("/complaints/0"), 422)
        self.assertDetail(self.get(f"/complaints/{2**31}"), 422)
        self.assertEqual(Complaint.objects.count(), 1)
