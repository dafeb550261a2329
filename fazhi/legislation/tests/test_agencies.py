"""Legislation in a city of departments (issue 12): each department's legal affairs division runs
its own projects; the commission's people get 404 on the bureau's and their actions are refused;
the public drafts list shows both departments', each under its department."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import figures
from fazhi.core.testing import make_department
from fazhi.legislation import actions
from fazhi.legislation.models import LegislativeProject
from fazhi.legislation.tests.base import D, LegislationTestCase, P


class DepartmentTests(LegislationTestCase):
    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def own_project(self) -> LegislativeProject:
        c = self.commission
        project = self.project(
            actor=c.reviewer, title="天津市学前教育条例", change=P.Change.NEW, law=None, division=c.division
        )
        actions.start_drafting(project, actor=c.reviewer)
        actions.save_draft(project, actor=c.reviewer, draft_text="第一条", explanation="说明")
        actions.open_comment(project, actor=c.reviewer, closes_on=D(2026, 4, 1))
        return project

    def test_a_project_belongs_to_its_divisions_agency(self) -> None:
        self.assertEqual(self.project().agency_id, self.bureau.pk)
        self.assertEqual(self.own_project().agency_id, self.commission.agency.pk)

    def test_the_commission_gets_404_and_refusals_on_the_bureaus_project(self) -> None:
        project = self.commented()
        c = self.commission
        for user in (c.drafter, c.division_head, c.reviewer, c.director, c.admin_user):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(f"/work/legislation/{project.pk}/").status_code, 404)
                self.assertIn(
                    self.client.post(
                        f"/work/legislation/{project.pk}/terminate/", {"reason": "x"}
                    ).status_code,
                    (403, 404),
                )
                self.assertFalse(LegislativeProject.objects.visible_to(user).filter(pk=project.pk).exists())
        with self.assertRaises(PermissionDenied):
            actions.terminate(project, actor=c.reviewer, reason="不再需要")
        with self.assertRaises(PermissionDenied):
            actions.add_comment(project, text="意见", source="organ", actor=c.reviewer)

    def test_a_division_of_another_department_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.project(division=self.commission.division)
        self.login(self.commission.reviewer)
        page = self.client.get("/work/legislation/new/").content.decode()
        self.assertEqual(page.count("基础研究处"), 1)

    def test_the_public_list_shows_both_departments_drafts(self) -> None:
        self.commented()
        self.own_project()
        page = self.client.get("/legislation/").content.decode()
        self.assertIn("天津市学前教育条例", page)
        self.assertIn("《天津市科学技术普及条例》修正", page)
        self.assertIn("市教委", page)
        only = self.client.get("/legislation/", {"dept": "tjjw"}).content.decode()
        self.assertIn("天津市学前教育条例", only)
        self.assertNotIn("《天津市科学技术普及条例》修正", only)

    def test_the_project_figures_are_per_department(self) -> None:
        self.project()
        self.own_project()
        key = "legislation.projects"
        self.assertEqual(figures.compute(key, self.commission.agency, 2026).value, 1)
        self.assertEqual(figures.compute(key, self.bureau, 2026).value, 1)
