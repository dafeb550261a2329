"""Evaluations and inspections in a city of departments (issue 12): each belongs to the agency
inspected; the commission's people get 404 on the bureau's and their steps are refused; a
finding goes to a division and a leader of the inspected agency; the figures are per agency."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import figures
from fazhi.core.testing import make_department
from fazhi.core.workflow import DomainError
from fazhi.oversight import actions
from fazhi.oversight.models import HeadPart, Oversight
from fazhi.oversight.tests.base import D, OversightTestCase


class DepartmentTests(OversightTestCase):
    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def test_each_department_records_its_own(self) -> None:
        theirs = self.oversight()
        own = self.oversight(actor=self.commission.reviewer, title="2026年市级法治督察（教委）")
        self.assertEqual((theirs.agency_id, own.agency_id), (self.bureau.pk, self.commission.agency.pk))
        self.assertEqual(list(Oversight.objects.visible_to(self.commission.director)), [own])
        self.assertEqual(list(Oversight.objects.visible_to(self.director)), [theirs])

    def test_the_commission_gets_404_and_refusals_on_the_bureaus(self) -> None:
        theirs = self.oversight()
        c = self.commission
        for user in (c.drafter, c.reviewer, c.director, c.admin_user):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(f"/work/oversight/{theirs.pk}/").status_code, 404)
                response = self.client.post(
                    f"/work/oversight/{theirs.pk}/record_feedback/",
                    {"record_feedback-feedback_on": "2026-03-01", "record_feedback-result": "x"},
                )
                self.assertIn(response.status_code, (403, 404))
        with self.assertRaises(PermissionDenied):
            actions.record_feedback(theirs, actor=c.reviewer, feedback_on=D(2026, 3, 1), result="结论")
        with self.assertRaises(PermissionDenied):
            actions.close_oversight(theirs, actor=c.reviewer, report="报告", closed_on=D(2026, 3, 1))

    def test_a_finding_goes_to_the_inspected_agencys_division_and_leader(self) -> None:
        theirs = self.oversight()
        c = self.commission
        with self.assertRaisesMessage(DomainError, "整改处室应当是本机关的处室"):
            self.finding(theirs, division=c.division)
        with self.assertRaisesMessage(DomainError, "分管领导应当是本机关领导"):
            self.finding(theirs, lead=c.director)
        with self.assertRaisesMessage(DomainError, "履职的应当是机关领导"):
            actions.record_head_part(
                theirs,
                actor=self.reviewer,
                kind=HeadPart.Kind.INSTRUCTION,
                leader=c.director,
                on=D(2026, 2, 10),
                content="批示",
            )

    def test_the_figures_are_per_agency(self) -> None:
        self.oversight()
        self.oversight(actor=self.commission.reviewer, title="教委督察")
        self.assertEqual(figures.compute("oversight.received", self.commission.agency, 2026).value, 1)
        self.assertEqual(figures.compute("oversight.received", self.bureau, 2026).value, 1)
        self.assertEqual(figures.compute("oversight.received", None, 2026).value, 2)


class FindingFormTests(OversightTestCase):
    """The finding's form, posted and shown again after a refusal, offers the inspected agency's
    divisions and leaders only: another department's names never reach the page."""

    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def test_another_departments_division_is_refused_at_the_field_and_not_offered_again(self) -> None:
        oversight = self.oversight()
        c = self.commission
        self.login(self.reviewer)
        response = self.client.post(
            f"/work/oversight/{oversight.pk}/add_finding/",
            {
                "add_finding-text": "执法案卷不规范",
                "add_finding-division": c.division.pk,
                "add_finding-lead": c.director.pk,
                "add_finding-due_on": "2026-06-30",
            },
            follow=True,
        )
        self.assertContains(response, "所选处室不存在")
        self.assertContains(response, "所选人员不是机关领导")
        self.assertContains(response, "执法案卷不规范")
        page = response.content.decode()
        # The divisions have the same names in both departments: the options are told by value.
        self.assertIn(f'<option value="{self.sci_division.pk}">', page)
        self.assertIn(f'<option value="{self.director.pk}">', page)
        self.assertNotIn(f'<option value="{c.division.pk}"', page)
        self.assertNotIn(f'<option value="{c.director.pk}"', page)
        self.assertNotIn(str(c.director.display_name), page)
        self.assertFalse(oversight.findings.exists())
