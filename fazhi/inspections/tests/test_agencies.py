"""Issue 12: two departments on one installation. Each keeps its own item list, registries and
officers; a draw of the commission draws only the commission's entities and inspectors; the
commission's people of every role get 404 on the bureau's plans, tasks and registry pages and
are refused by the actions; the public pages and API list both departments, with the filter."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core import figures
from fazhi.core.roles import Role
from fazhi.core.testing import make_department, make_user
from fazhi.core.workflow import DomainError
from fazhi.inspections import actions, registry
from fazhi.inspections.forms import ItemForm
from fazhi.inspections.models import Entity, FrozenPool, InspectionPlan, InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    make_item,
    publish,
)
from fazhi.inspections.tests.test_task_views import DRAW_DAY

API = "/api/v1/inspections"


class TwoAgenciesTestCase(InspectionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        c = cls.commission = make_department()
        cls.c_officer2 = make_user(
            "tjjw_officer2", org=c.other_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="教执法二"
        )
        # The bureau's registry, officers and drawn plan.
        make_entities(2)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        make_inspector(cls.reviewer, 3)
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item, draw_on=DRAW_DAY))
        drawn(cls.reviewer, cls.plan)
        # The commission's: the same companies registered again (a code is unique per agency).
        cls.c_item = make_item(c.reviewer)
        make_entities(2, agency=c.agency)
        make_inspector(c.reviewer, 11, user=c.officer)
        make_inspector(c.reviewer, 12, user=cls.c_officer2)
        cls.c_plan = publish(c.reviewer, draft_plan(c.reviewer, cls.c_item, draw_on=DRAW_DAY))
        drawn(c.reviewer, cls.c_plan)

    def commission_users(self) -> list[Any]:
        c = self.commission
        return [c.drafter, c.division_head, c.reviewer, c.director, c.officer, c.personnel, c.admin_user]


class DrawTests(TwoAgenciesTestCase):
    def test_the_commissions_draw_takes_only_its_own_entities_and_inspectors(self) -> None:
        agency = self.commission.agency
        self.assertEqual(self.c_plan.agency, agency)
        tasks = InspectionTask.objects.filter(plan=self.c_plan)
        self.assertEqual(tasks.count(), 2)
        for task in tasks:
            self.assertEqual(task.entity.agency, agency)
            self.assertEqual({i.agency for i in task.inspectors.all()}, {agency})
        pool = self.c_plan.frozen_pools.get(kind=FrozenPool.Kind.INSPECTORS)
        self.assertEqual(sorted(pool.lines()), ["120100011", "120100012"])
        bureau_pool = self.plan.frozen_pools.get(kind=FrozenPool.Kind.INSPECTORS)
        self.assertNotIn("120100011", bureau_pool.text)
        self.assertEqual(Entity.objects.filter(uscc=tasks[0].entity.uscc).count(), 2)


class IsolationTests(TwoAgenciesTestCase):
    def test_the_commission_gets_404_on_every_bureau_record_page_and_step(self) -> None:
        task = InspectionTask.objects.filter(plan=self.plan).first()
        assert task is not None
        entity = Entity.objects.filter(agency=self.bureau).first()
        assert entity is not None
        inspector = task.inspectors.first()
        assert inspector is not None
        pages = [
            reverse("inspections:plan_detail", args=[self.plan.pk]),
            reverse("inspections:plan_tasks", args=[self.plan.pk]),
            reverse("inspections:draw_bundle", args=[self.plan.pk]),
            reverse("inspections:plan_export_json", args=[self.plan.pk]),
            reverse("inspections:task_detail", args=[task.pk]),
            reverse("inspections:item_edit", args=[self.item.pk]),
            reverse("inspections:entity_detail", args=[entity.pk]),
            reverse("inspections:inspector_detail", args=[inspector.pk]),
        ]
        steps = [
            (reverse("inspections:plan_action", args=[self.plan.pk, "edit"]), {}),
            (reverse("inspections:task_action", args=[task.pk, "record_result"]), {}),
            (reverse("inspections:item_action", args=[self.item.pk, "unpublish"]), {}),
            (reverse("inspections:entity_action", args=[entity.pk, "deactivate"]), {"active-reason": "x"}),
        ]
        bureau_plan = reverse("inspections:plan_detail", args=[self.plan.pk])
        for user in self.commission_users():
            self.client.force_login(user)
            with self.subTest(user=user.username):
                for page in pages:
                    self.assertIn(self.client.get(page).status_code, {404}, page)
                for url, data in steps:
                    self.assertEqual(self.client.post(url, data).status_code, 404, url)
                for page in (reverse("inspections:plan_list"), reverse("inspections:entity_list")):
                    response = self.client.get(page)
                    if response.status_code == 200:
                        self.assertNotContains(response, bureau_plan)
                        self.assertNotContains(
                            response, f'href="{reverse("inspections:entity_detail", args=[entity.pk])}"'
                        )
                response = self.client.get(f"{API}/plans/{self.plan.pk}")
                self.assertEqual(response.status_code, 404)
        self.item.refresh_from_db()
        self.assertTrue(self.item.published)

    def test_actions_refuse_the_other_agencys_people(self) -> None:
        c = self.commission
        task = InspectionTask.objects.filter(plan=self.plan).first()
        entity = Entity.objects.filter(agency=self.bureau).first()
        assert task is not None and entity is not None
        for run in (
            lambda: registry.set_entity_active(entity, actor=c.reviewer, active=False, reason="注销"),
            lambda: registry.set_item_published(self.item, actor=c.reviewer, published=False),
            lambda: actions.create_plan(
                actor=c.reviewer, year=2026, batch=2, item=self.item, draw_on=DRAW_DAY
            ),
            lambda: actions.record_result(task, actor=c.officer, result="no_problem", ended_on=DRAW_DAY),
            lambda: actions.publish_results([task], actor=c.reviewer),
        ):
            with self.assertRaises(PermissionDenied):
                run()

    def test_figures_count_one_agencys_plans(self) -> None:
        self.assertEqual(figures.compute("inspections.plans", self.bureau, 2026).value, 1)
        self.assertEqual(figures.compute("inspections.plans", self.commission.agency, 2026).value, 1)
        self.assertEqual(figures.compute("inspections.plans", None, 2026).value, 2)


class PublicTests(TwoAgenciesTestCase):
    def test_public_lists_show_both_departments_with_the_filter(self) -> None:
        bureau, commission = (
            reverse("public_inspections:plan", args=[self.plan.pk]),
            reverse("public_inspections:plan", args=[self.c_plan.pk]),
        )
        response = self.client.get(reverse("public_inspections:index"))
        self.assertContains(response, bureau)
        self.assertContains(response, commission)
        self.assertContains(response, "市教委")
        self.assertContains(response, 'name="dept"')
        response = self.client.get(reverse("public_inspections:index"), {"dept": "tjjw"})
        self.assertNotContains(response, bureau)
        self.assertContains(response, commission)
        items = self.client.get(reverse("public_inspections:items"), {"dept": self.commission.agency.code})
        self.assertEqual([i.agency for i in items.context["items"]], [self.commission.agency])
        plans = self.client.get(f"{API}/public/plans").json()
        self.assertEqual(
            {p["agency"]["code"] for p in plans["items"]}, {self.bureau.code, self.commission.agency.code}
        )
        only = self.client.get(f"{API}/public/plans", {"dept": "tjjw"}).json()
        self.assertEqual([p["id"] for p in only["items"]], [self.c_plan.pk])
        draws = self.client.get(f"{API}/draws", {"dept": "tjjw"}).json()
        self.assertEqual([d["plan_id"] for d in draws["items"]], [self.c_plan.pk])


class DomainTests(TwoAgenciesTestCase):
    def test_an_agency_inspects_in_its_own_domains(self) -> None:
        agency = self.commission.agency
        agency.inspection_domains = [["school_safety", "校园安全"], ["private_schools", "民办学校"]]
        agency.save()
        form = ItemForm(agency=agency)
        self.assertEqual(
            [code for code, _label in form.fields["domain"].choices], ["school_safety", "private_schools"]
        )
        item = registry.create_item(
            actor=self.commission.reviewer,
            name="民办学校办学行为检查",
            legal_basis="《中华人民共和国民办教育促进法》",
            inspecting_body="",
            method="现场检查",
            domain="school_safety",
        )
        self.assertEqual((item.domain_label, item.inspecting_body), ("校园安全", agency.name))
        with self.assertRaisesMessage(DomainError, "领域不正确"):
            registry.create_item(
                actor=self.commission.reviewer,
                name="x",
                legal_basis="y",
                inspecting_body="",
                method="z",
                domain="lab_animals",
            )
        self.assertEqual(InspectionPlan.objects.filter(agency=agency).count(), 1)
