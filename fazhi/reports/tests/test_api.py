"""/api/v1/reports: published reports for anyone, the figures with their records for staff."""

from __future__ import annotations

from fazhi.core.testing import BaseTestCase
from fazhi.reports.tests.factories import D, at, drafted, issue_document, published


class ReportApiTests(BaseTestCase):
    def setUp(self) -> None:
        self.doc = issue_document(self, D(2021, 3, 1))
        with at("2022-03-10"):
            self.report = published(self, drafted(self))
            self.draft = drafted(self, year=2020)

    def test_anyone_lists_and_reads_published_reports_only(self) -> None:
        listed = self.client.get("/api/v1/reports").json()
        self.assertEqual([r["year"] for r in listed], [2021])
        data = self.client.get("/api/v1/reports/2021").json()
        self.assertEqual(data["parts"][0]["label"], "主要举措和成效")
        self.assertIn("全年出台行政规范性文件1件", data["parts"][0]["sections"][0]["text"])
        issued = next(f for f in data["figures"] if f["key"] == "documents.issued")
        self.assertEqual(issued["value"], 1)
        self.assertNotIn("records", issued)
        self.assertEqual(self.client.get("/api/v1/reports/2020").status_code, 404)

    def test_staff_also_see_their_agencys_draft(self) -> None:
        self.login(self.reviewer)
        self.assertEqual([r["year"] for r in self.client.get("/api/v1/reports").json()], [2021, 2020])
        self.assertEqual(self.client.get("/api/v1/reports/2020").status_code, 200)

    def test_the_figures_with_their_records_are_for_staff(self) -> None:
        response = self.client.get("/api/v1/reports/2021/figures")
        self.assertEqual(response.status_code, 401)
        self.login(self.director)
        figures = self.client.get("/api/v1/reports/2021/figures").json()["figures"]
        issued = next(f for f in figures if f["key"] == "documents.issued")
        self.assertEqual((issued["record_count"], issued["records"][0]["id"]), (1, self.doc.pk))
        self.assertEqual(len(issued["records_sha256"]), 64)
        self.login(self.advisor)
        self.assertEqual(self.client.get("/api/v1/reports/2021/figures").status_code, 404)

    def test_a_year_of_the_wrong_shape_is_422(self) -> None:
        self.assertEqual(self.client.get("/api/v1/reports/99999").status_code, 422)

    def test_a_bad_token_is_401_not_an_anonymous_answer(self) -> None:
        response = self.client.get("/api/v1/reports", headers={"Authorization": "Bearer nonsense"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "未登录或令牌无效")
