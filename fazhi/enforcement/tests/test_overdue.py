"""Enforcement cases past their decision limit on the leadership's overview and the division
head's page (core.overdue)."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.enforcement.tests.base import EnforcementTestCase, on


class OverdueCaseTests(EnforcementTestCase):
    def test_an_undecided_case_past_its_limit_is_overdue_for_its_division(self) -> None:
        case = self.notified()
        self.assertIsNotNone(case.decision_due_on)
        head = make_user("otherhead", org=self.other_division, roles=[Role.DIVISION_HEAD])
        with on("2027-06-01"):
            self.login(self.director)
            response = self.client.get(reverse("core:overview"))
            groups = {g.name: [i.title for i in g.items] for g in response.context["overdue_groups"]}
            self.assertEqual(len(groups[case.division.name]), 1)
            self.assertIn(case.code, groups[case.division.name][0])
            self.assertContains(response, reverse("enforcement:detail", args=[case.pk]))
            # The division head sees it listed, without a link to a case they may not open.
            self.login(head)
            response = self.client.get(reverse("core:dashboard"))
            self.assertEqual([(i.kind, can) for i, can in response.context["overdue"]], [("执法案件", False)])
            self.assertNotContains(response, reverse("enforcement:detail", args=[case.pk]))
        with on("2026-09-23"):
            self.login(self.director)
            response = self.client.get(reverse("core:overview"))
            self.assertEqual(response.context["overdue_groups"], [])
