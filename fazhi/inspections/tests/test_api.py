"""/api/v1/inspections: the public routes (items, completed draws and their bundles, published
plans and results) and the staff routes (plans, tasks, recording a result, the export)."""

from __future__ import annotations

import datetime
import io
import json
import tempfile
import typing
from pathlib import Path

import time_machine
from openpyxl import load_workbook

from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.inspections import actions, api
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    SECRETS,
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    publish,
    uscc,
    verifier,
    verify,
)

R = InspectionTask.Result
D = datetime.date
BASE = "/api/v1/inspections"
# DOMAIN.md §10 step 6: exactly these keys.
BUNDLE_KEYS = {
    "algorithm",
    "pool",
    "inspectors",
    "experts",
    "conflicts",
    "ratios",
    "inspectors_per_entity",
    "experts_per_entity",
    "inspector_cap",
    "commitments",
    "secrets",
    "public_value",
    "seed",
    "selected",
    "assignments",
}


class ApiTestCase(InspectionTestCase):
    """Three entities (the third a natural person) drawn at ratio 1 by the two officers; a
    second plan published but not drawn; a draft."""

    plan: InspectionPlan
    waiting: InspectionPlan
    draft: InspectionPlan
    made: Draw

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(2)
        make_entities(1, start=3, natural=True)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item, experts=0))
        cls.made = drawn(cls.reviewer, cls.plan)
        cls.waiting = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item))
        cls.draft = draft_plan(cls.reviewer, cls.item)

    def json(self, path: str, expect: int = 200, **params: typing.Any) -> typing.Any:
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, expect, response.content[:300])
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return response.json()


class PublicApiTests(ApiTestCase):
    def test_the_item_list_is_public(self) -> None:
        page = self.json(f"{BASE}/items")
        self.assertEqual((page["count"], page["limit"], page["offset"]), (1, 20, 0))
        (item,) = page["items"]
        self.assertEqual(
            item,
            {
                "id": self.item.pk,
                "name": self.item.name,
                "legal_basis": self.item.legal_basis,
                "inspecting_body": "天津市科学技术局",
                "method": "现场检查、书面检查",
                "domain": "lab_animals",
                "domain_label": "实验动物",
                "agency": {"code": self.bureau.code, "name": self.bureau.short_name or self.bureau.name},
            },
        )

    def test_only_completed_draws_are_listed_with_their_ids_and_counts(self) -> None:
        page = self.json(f"{BASE}/draws")
        self.assertEqual(page["count"], 1)
        (row,) = page["items"]
        self.assertEqual(row["id"], self.made.pk)
        self.assertEqual(
            {k: row[k] for k in ("plan_id", "year", "batch", "item", "selected_count", "pool_size")},
            {
                "plan_id": self.plan.pk,
                "year": 2026,
                "batch": 1,
                "item": self.item.name,
                "selected_count": 3,
                "pool_size": 3,
            },
        )
        self.assertEqual((row["inspector_count"], row["expert_count"], row["conflict_count"]), (2, 0, 0))
        self.assertEqual(row["bundle_sha256"], self.made.bundle_sha256)
        self.assertTrue(row["bundle_url"].endswith(f"{BASE}/draws/{self.made.pk}/bundle"))
        self.assertTrue(row["url"].endswith(f"/inspections/draws/{self.made.pk}/"))
        self.assertEqual(self.json(f"{BASE}/draws", year=2025)["count"], 0)

    def test_the_bundle_has_exactly_the_keys_of_step_6_and_verify_draw_accepts_it(self) -> None:
        response = self.client.get(f"{BASE}/draws/{self.made.pk}/bundle")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        body = b"".join(response.streaming_content)
        bundle = json.loads(body)
        self.assertEqual(set(bundle), BUNDLE_KEYS)
        self.assertEqual(bundle, self.made.bundle)
        self.assertEqual(bundle["secrets"], SECRETS)
        self.assertEqual(bundle["commitments"], [commitment_of(s) for s in SECRETS])
        self.assertEqual(len(verify(bundle)), 8)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bundle.json"
            path.write_bytes(body)
            self.assertEqual(verifier().main([str(path), "--pool-digest", self.plan.pool_digest]), 0)

    def test_the_bundle_of_a_missing_draw_is_404_and_an_absurd_id_is_422(self) -> None:
        self.assertEqual(self.json(f"{BASE}/draws/{self.made.pk + 100}/bundle", 404), {"detail": "未找到"})
        self.json(f"{BASE}/draws/{2**63}/bundle", 422)
        self.json(f"{BASE}/draws/0/bundle", 422)
        self.json(f"{BASE}/draws", 422, limit=1000)
        self.json(f"{BASE}/draws", 422, year=99999999999999999999)

    def test_published_plans_show_commitments_and_secrets_only_once_drawn(self) -> None:
        page = self.json(f"{BASE}/public/plans")
        self.assertEqual({p["id"] for p in page["items"]}, {self.plan.pk, self.waiting.pk})
        waiting = self.json(f"{BASE}/public/plans/{self.waiting.pk}")
        self.assertEqual(
            [c["commitment"] for c in waiting["contributors"]], [commitment_of(s) for s in SECRETS]
        )
        self.assertEqual([c["secret"] for c in waiting["contributors"]], [None, None])
        self.assertIsNone(waiting["draw_id"])
        self.assertEqual(waiting["pool_digest"], self.waiting.pool_digest)
        self.assertEqual(
            [p["kind"] for p in waiting["pools"]], ["entities", "inspectors", "experts", "conflicts"]
        )
        done = self.json(f"{BASE}/public/plans/{self.plan.pk}")
        self.assertEqual([c["secret"] for c in done["contributors"]], SECRETS)
        self.assertEqual(done["draw_id"], self.made.pk)
        self.assertEqual(
            done["strata"][0] | {"name": ""},
            {
                "name": "",
                "domain": "lab_animals",
                "risk_level": "high",
                "ratio": "1",
                "size": 3,
                "selected": 3,
            },
        )
        self.json(f"{BASE}/public/plans/{self.draft.pk}", 404)

    def test_published_results_mask_natural_persons(self) -> None:
        self.assertEqual(self.json(f"{BASE}/public/results")["count"], 0)
        with time_machine.travel("2026-04-20 15:00 +08:00", tick=False):
            for task in self.plan.tasks.all():
                actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
            actions.publish_results(self.plan.tasks.all(), actor=self.reviewer)
            page = self.json(f"{BASE}/public/results", plan=self.plan.pk)
        self.assertEqual(page["count"], 3)
        natural = next(r for r in page["items"] if r["entity"]["uscc"] == uscc(3))
        self.assertEqual(natural["entity"]["name"], "王*")
        self.assertEqual(natural["entity"]["address"], "天津市南开区***")
        self.assertTrue(natural["natural_person"])
        self.assertEqual((natural["published_on"], natural["publicity_due_on"]), ("2026-04-20", "2026-05-20"))
        self.assertTrue(natural["published_in_time"])
        self.assertNotIn("王小明3", json.dumps(page, ensure_ascii=False))
        self.json(f"{BASE}/public/results", 404, plan=self.draft.pk)

    def test_public_routes_need_no_account_and_staff_routes_do(self) -> None:
        for path in ("/plans", "/tasks", f"/plans/{self.plan.pk}", f"/plans/{self.plan.pk}/export.json"):
            with self.subTest(path=path):
                self.json(BASE + path, 401)

    def test_the_lists_read_a_fixed_number_of_rows(self) -> None:
        with self.assertNumQueries(3):
            self.client.get(f"{BASE}/draws")
        with self.assertNumQueries(2):
            self.client.get(f"{BASE}/public/plans")
        self.login(self.officer)
        # The session, the user, their permissions (two), unit (their agency: issue 12) and
        # roles; the count, the page and its people.
        with self.assertNumQueries(6 + 4):
            self.client.get(f"{BASE}/tasks")


class StaffApiTests(ApiTestCase):
    def test_planners_see_drafts_and_other_inspection_staff_only_published_plans(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.json(f"{BASE}/plans")["count"], 3)
        self.assertEqual(self.json(f"{BASE}/plans", status="draft")["items"][0]["id"], self.draft.pk)
        self.assertIsNone(self.json(f"{BASE}/plans/{self.draft.pk}")["url"])
        self.login(self.officer)
        self.assertEqual(self.json(f"{BASE}/plans")["count"], 2)
        self.json(f"{BASE}/plans/{self.draft.pk}", 404)
        self.login(self.drafter)
        self.json(f"{BASE}/plans", 404)

    def test_an_inspector_sees_own_tasks_unmasked_and_an_outsider_none(self) -> None:
        third = make_user("officer3", org=self.other_division, roles=[Role.ENFORCEMENT_OFFICER])
        self.login(third)
        self.assertEqual(self.json(f"{BASE}/tasks")["count"], 0)
        self.login(self.officer)
        page = self.json(f"{BASE}/tasks", plan=self.plan.pk)
        self.assertEqual(page["count"], 3)
        natural = next(t for t in page["items"] if t["entity"]["uscc"] == uscc(3))
        self.assertEqual(natural["entity"]["name"], "王小明3")
        self.assertEqual([i["certificate_number"] for i in natural["inspectors"]], ["120100001", "120100002"])
        detail = self.json(f"{BASE}/tasks/{natural['id']}")
        self.assertEqual(detail["actions"], ["attach", "record_result"])
        self.login(self.outsider)
        self.json(f"{BASE}/tasks", 404)
        self.json(f"{BASE}/tasks/{natural['id']}", 404)

    def post_result(self, task_id: int, status: int, **body: typing.Any) -> typing.Any:
        response = self.client.post(f"{BASE}/tasks/{task_id}/result", body, content_type="application/json")
        self.assertEqual(response.status_code, status, response.content[:300])
        return response.json()

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_an_assigned_inspector_records_a_result_once(self) -> None:
        task = self.plan.tasks.order_by("sequence").first()
        assert task is not None
        self.login(self.officer)
        done = self.post_result(task.pk, 200, result="no_problem", ended_on="2026-04-20")
        self.assertEqual((done["status"], done["result"]), ("recorded", "no_problem"))
        self.assertEqual(done["publicity_due_on"], "2026-05-20")
        again = self.post_result(task.pk, 409, result="no_problem", ended_on="2026-04-20")
        self.assertEqual(again["detail"], "当前状态为“已录入结果，待公示”，不能录入检查结果")

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_a_result_of_the_wrong_shape_or_by_the_wrong_person_is_refused(self) -> None:
        task = self.plan.tasks.order_by("sequence").first()
        assert task is not None
        self.login(self.officer)
        self.post_result(task.pk, 422, result="excellent", ended_on="2026-04-20")
        self.post_result(task.pk, 422, result="no_problem", ended_on="20 April")
        self.post_result(task.pk, 422, result="problems_found", ended_on="2026-04-20", description="a\x00b")
        self.post_result(2**40, 422, result="no_problem", ended_on="2026-04-20")
        self.post_result(task.pk + 1000, 404, result="no_problem", ended_on="2026-04-20")
        self.assertIn(
            "问题描述",
            self.post_result(task.pk, 400, result="problems_found", ended_on="2026-04-20")["detail"],
        )
        self.assertIn(
            "晚于今天", self.post_result(task.pk, 400, result="no_problem", ended_on="2026-04-21")["detail"]
        )
        self.post_result(task.pk, 400, result="no_problem", ended_on="0001-01-01")
        self.login(self.reviewer)  # sees the task, but whoever inspects records (谁检查、谁录入)
        self.post_result(task.pk, 404, result="no_problem", ended_on="2026-04-20")
        task.refresh_from_db()
        self.assertEqual(task.status, "assigned")

    def test_planners_export_a_plan_as_xlsx_and_json_and_nobody_else(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(f"{BASE}/plans/{self.plan.pk}/export.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="fazhi-inspection-plan-{self.plan.pk}.xlsx"',
        )
        workbook = load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook.sheetnames, ["抽查计划", "抽查任务", "检查结果"])
        exported = self.json(f"{BASE}/plans/{self.plan.pk}/export.json")
        self.assertEqual(len(exported["tasks"]), 3)
        self.assertIn("王小明3", json.dumps(exported, ensure_ascii=False))
        for who in (self.officer, self.director):
            self.login(who)
            self.json(f"{BASE}/plans/{self.plan.pk}/export.json", 404)
            self.assertEqual(self.client.get(f"{BASE}/plans/{self.plan.pk}/export.xlsx").status_code, 404)

    def test_the_literal_values_of_the_schema_are_the_model_choices(self) -> None:
        self.assertEqual(set(typing.get_args(api.PlanStatusValue)), set(InspectionPlan.Status.values))
        self.assertEqual(set(typing.get_args(api.TaskStatusValue)), set(InspectionTask.Status.values))
        self.assertEqual(set(typing.get_args(api.ResultValue)), set(InspectionTask.Result.values))
