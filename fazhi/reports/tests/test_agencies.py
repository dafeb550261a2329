"""Annual reports in a city of departments (issue 12): each department assembles, approves and
publishes its own; the commission's people get 404 on the bureau's and their steps are
refused; the public column lists both, each under its department; the figures are the
department's own."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.testing import BaseTestCase, make_department
from fazhi.reports import actions
from fazhi.reports.models import AnnualReport
from fazhi.reports.tests.factories import D, at, drafted, issue_document, published


class DepartmentTests(BaseTestCase):
    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def as_commission(self) -> SimpleNamespace:
        c = self.commission
        return SimpleNamespace(
            reviewer=c.reviewer,
            director=c.director,
            bureau=c.agency,
            sci_division=c.division,
            drafter=c.drafter,
        )

    def test_the_commission_gets_404_and_refusals_on_the_bureaus_report(self) -> None:
        with at("2022-01-10"):
            theirs = drafted(self)
        c = self.commission
        for user in (c.drafter, c.division_head, c.reviewer, c.director, c.admin_user):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(f"/work/reports/{theirs.pk}/").status_code, 404)
                self.assertIn(
                    self.client.post(f"/work/reports/{theirs.pk}/do/send_to_review/").status_code, (403, 404)
                )
                self.assertFalse(AnnualReport.objects.visible_to(user).filter(pk=theirs.pk).exists())
        with at("2022-01-10"):
            with self.assertRaises(PermissionDenied):
                actions.send_to_review(theirs, actor=c.reviewer)
            with self.assertRaises(PermissionDenied):
                actions.create_report(actor=c.reviewer, agency=self.bureau, year=2020)

    def test_each_department_reports_its_own_figures(self) -> None:
        issue_document(self, D(2021, 3, 1))
        issue_document(self, D(2021, 4, 1), agency=self.commission.agency)
        issue_document(self, D(2021, 5, 1), agency=self.commission.agency)
        with at("2022-03-10"):
            theirs = published(self, drafted(self))
            own = published(self.as_commission(), drafted(self.as_commission()))
        values = {
            r.agency_id: s.value
            for r in (theirs, own)
            for s in r.snapshots.filter(key="documents.issued", generation=r.generation)
        }
        self.assertEqual((values[self.bureau.pk], values[self.commission.agency.pk]), (1, 2))

    def test_the_public_column_lists_both_departments_reports(self) -> None:
        with at("2022-03-10"):
            published(self, drafted(self))
            published(self.as_commission(), drafted(self.as_commission()))
        index = self.client.get("/reports/").content.decode()
        self.assertIn("?dept=tjjw", index)
        self.assertIn("市教委", index)
        chooser = self.client.get("/reports/2021/")
        self.assertEqual(chooser.status_code, 200)
        self.assertEqual(len(chooser.context["reports"]), 2)
        own = self.client.get("/reports/2021/", {"dept": "tjjw"})
        self.assertEqual(own.context["report"].agency_id, self.commission.agency.pk)
        self.assertEqual(self.client.get("/reports/2021/report.docx", {"dept": "tjjw"}).status_code, 200)
        api = self.client.get("/api/v1/reports", {"dept": "tjjw"}).json()
        self.assertEqual([r["agency"]["code"] for r in api], ["tjjw"])
