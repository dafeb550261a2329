"""Issue 12: each department numbers from its own series only, and its register shows its own."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import IssuedNumber, NumberSeries
from fazhi.core.numbering import create_series, issue_number
from fazhi.core.testing import BaseTestCase, make_department


class DepartmentSeriesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.bureau_series = NumberSeries.objects.create(
            organization=cls.bureau, kind="ordinary", prefix="津科"
        )
        cls.commission = make_department()
        cls.commission_series = NumberSeries.objects.get(organization=cls.commission.agency, kind="ordinary")

    def test_a_reviewer_numbers_from_their_own_department_series(self) -> None:
        issued = issue_number(self.commission_series, year=2026, actor=self.commission.reviewer, title="通知")
        self.assertEqual(issued.number, "津教〔2026〕1号")

    def test_a_reviewer_of_another_department_may_not_draw_a_number(self) -> None:
        with self.assertRaises(PermissionDenied):
            issue_number(self.bureau_series, year=2026, actor=self.commission.reviewer, title="通知")
        with self.assertRaises(PermissionDenied):
            issue_number(self.commission_series, year=2026, actor=self.reviewer, title="通知")
        self.assertFalse(IssuedNumber.objects.exists())

    def test_a_department_administrator_registers_series_of_their_own_department_only(self) -> None:
        with self.assertRaises(PermissionDenied):
            create_series(self.bureau, kind="penalty", prefix="津科罚", actor=self.commission.admin_user)
        series = create_series(
            self.commission.other_division, kind="ordinary", prefix="津教监", actor=self.commission.admin_user
        )
        self.assertEqual(series.organization, self.commission.other_division)

    def test_the_register_page_lists_the_department_own_series_and_numbers(self) -> None:
        issue_number(self.bureau_series, year=2026, actor=self.reviewer, title="科技局通知")
        self.login(self.commission.reviewer)
        page = self.client.get("/work/numbering/")
        self.assertEqual(page.status_code, 200)
        body = page.content.decode()
        self.assertIn("津教规", body)
        self.assertNotIn("科技局通知", body)
        self.assertNotIn("津科〔2026〕1号", body)
        # Posting the bureau's series from the commission's page is refused as an invalid choice.
        response = self.client.post(
            "/work/numbering/",
            {"issue-series": self.bureau_series.pk, "issue-year": 2026, "issue-title": "越权"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "所选序列不存在")
        self.assertEqual(IssuedNumber.objects.filter(series=self.bureau_series).count(), 1)
