"""Major decisions of a city of departments (issue 12): the commission's people neither see nor
act on the bureau's matters, catalogs and expert pool; its own catalog is published beside the
bureau's on the portal, each under its department; the figures are per department."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import figures
from fazhi.core.testing import BaseTestCase, make_department
from fazhi.decisions import actions
from fazhi.decisions.experts import save_expert
from fazhi.decisions.models import DecisionExpert
from fazhi.decisions.tests.factories import at, catalogued


class DepartmentTests(BaseTestCase):
    commission: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.bureau_matter, cls.bureau_catalog = catalogued(cls.drafter, cls.reviewer, agency=cls.bureau)
        c = cls.commission
        cls.own_matter, cls.own_catalog = catalogued(
            c.drafter, c.reviewer, agency=c.agency, title="天津市教育事业发展规划"
        )

    def people(self) -> list[Any]:
        c = self.commission
        return [c.drafter, c.division_head, c.reviewer, c.director, c.admin_user]

    def test_the_commission_gets_404_on_the_bureaus_pages_and_steps(self) -> None:
        pages = [
            f"/work/decisions/{self.bureau_matter.pk}/",
            f"/work/decisions/{self.bureau_matter.pk}/archive.zip",
            f"/work/decisions/catalogs/{self.bureau_catalog.pk}/",
        ]
        posts = [
            f"/work/decisions/{self.bureau_matter.pk}/action/save_draft/",
            f"/work/decisions/catalogs/{self.bureau_catalog.pk}/action/adjust/",
        ]
        for user in self.people():
            self.login(user)
            for url in pages:
                with self.subTest(user=user.username, url=url):
                    self.assertIn(self.client.get(url).status_code, (403, 404))
            for url in posts:
                with self.subTest(user=user.username, url=url):
                    self.assertIn(self.client.post(url, {"note": "调整"}).status_code, (403, 404))

    def test_lists_hold_only_the_own_departments_matters(self) -> None:
        from fazhi.decisions.models import MajorDecision

        for user in self.people():
            with self.subTest(user=user.username):
                visible = set(MajorDecision.objects.visible_to(user).values_list("pk", flat=True))
                self.assertNotIn(self.bureau_matter.pk, visible)
        self.assertEqual(
            set(MajorDecision.objects.visible_to(self.commission.reviewer).values_list("pk", flat=True)),
            {self.own_matter.pk},
        )
        self.assertEqual(
            set(MajorDecision.objects.visible_to(self.reviewer).values_list("pk", flat=True)),
            {self.bureau_matter.pk},
        )

    def test_the_actions_refuse_the_other_departments_records(self) -> None:
        c = self.commission
        with at("2026-02-01"):
            with self.assertRaises(PermissionDenied):
                actions.adjust_catalog(self.bureau_catalog, actor=c.reviewer, note="调整")
            with self.assertRaises(PermissionDenied):
                actions.save_draft(self.bureau_matter, actor=c.reviewer, draft_text="改", explanation="")
            with self.assertRaises(PermissionDenied):
                actions.create_catalog(actor=c.reviewer, agency=self.bureau, year=2027)
            with self.assertRaises(PermissionDenied):
                actions.save_draft(self.own_matter, actor=self.reviewer, draft_text="改", explanation="")

    def test_each_department_keeps_its_own_expert_pool(self) -> None:
        c = self.commission
        own = save_expert(None, actor=c.reviewer, name="吴教授", organization="南开大学", field="教育")
        theirs = save_expert(None, actor=self.reviewer, name="吴教授", organization="南开大学", field="科技")
        self.assertEqual((own.agency_id, theirs.agency_id), (c.agency.pk, self.bureau.pk))
        with self.assertRaises(PermissionDenied):
            save_expert(theirs, actor=c.reviewer, name="改", organization="南开大学", field="教育")
        self.login(c.reviewer)
        page = self.client.get("/work/decisions/experts/").content.decode()
        self.assertIn("教育", page)
        self.assertNotIn("科技", page.split("<main", 1)[-1].split("</main>")[0])
        self.assertEqual(self.client.get(f"/work/decisions/experts/?edit={theirs.pk}").status_code, 404)
        self.assertEqual(DecisionExpert.objects.count(), 2)

    def test_the_public_pages_list_both_departments_catalogs(self) -> None:
        index = self.client.get("/decisions/").content.decode()
        self.assertIn("市教委", index)
        self.assertIn(self.bureau.short_name or self.bureau.name, index)
        chooser = self.client.get("/decisions/catalogs/2026/").content.decode()
        self.assertIn("?dept=tjjw", chooser)
        own = self.client.get("/decisions/catalogs/2026/", {"dept": "tjjw"}).content.decode()
        self.assertIn("天津市教育事业发展规划", own)
        self.assertNotIn("天津市科技创新“十四五”规划", own)
        api = self.client.get("/api/v1/decisions/catalogs", {"year": 2026, "dept": "tjjw"})
        self.assertEqual(api.status_code, 200, api.content)
        self.assertEqual(api.json()["agency"], {"code": "tjjw", "name": "天津市教育委员会"})
        self.assertEqual(len(api.json()["departments"]), 2)
        self.assertEqual(self.client.get("/api/v1/decisions/catalogs", {"year": 2026}).status_code, 422)

    def test_the_meeting_is_named_in_the_departments_words(self) -> None:
        self.login(self.commission.reviewer)
        page = self.client.get(f"/work/decisions/catalogs/{self.own_catalog.pk}/").content.decode()
        self.assertNotIn("局党委会", page.replace(self.own_catalog.approval_meeting, ""))

    def test_the_figures_are_per_department(self) -> None:
        self.assertEqual(figures.compute("decisions.catalog_matters", self.commission.agency, 2026).value, 1)
        self.assertEqual(figures.compute("decisions.catalog_matters", self.bureau, 2026).value, 1)
