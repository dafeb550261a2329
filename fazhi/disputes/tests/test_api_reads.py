"""The disputes API's reads: lists, details, and who may read them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.disputes import actions
from fazhi.disputes.tests.base import D, on
from fazhi.disputes.tests.test_api import BASE, OTHERS, ApiTestCase


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
