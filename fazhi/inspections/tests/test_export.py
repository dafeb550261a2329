"""The export of a plan for the enforcement supervision platform: the .xlsx workbook (three
sheets, Chinese headers, dates as dates), the JSON document, and the planners-only downloads."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from openpyxl import load_workbook

from fazhi.inspections import actions
from fazhi.inspections.export import (
    PLAN_HEADERS,
    RESULT_HEADERS,
    TASK_HEADERS,
    XLSX_CONTENT_TYPE,
    plan_json,
    plan_workbook,
)
from fazhi.inspections.models import InspectionPlan, InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    SECRETS,
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    publish,
    uscc,
)
from fazhi.inspections.views import exports as export_views

R = InspectionTask.Result
D = datetime.date


class ExportTestCase(InspectionTestCase):
    """Three entities drawn (the third a natural person); the first task's result recorded on
    20 April and published on 24 April, the second recorded only, the third not yet."""

    plan: InspectionPlan

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(2)
        make_entities(1, start=3, natural=True)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item))
        drawn(cls.reviewer, cls.plan)
        first, second, _third = cls.plan.tasks.order_by("sequence")
        with time_machine.travel("2026-04-20 15:00 +08:00", tick=False):
            actions.record_result(first, actor=cls.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
            actions.record_result(
                second,
                actor=cls.officer2,
                result=R.PROBLEMS_FOUND,
                ended_on=D(2026, 4, 17),
                description="记录不全",
            )
        with time_machine.travel("2026-04-24 10:00 +08:00", tick=False):
            actions.publish_results([first], actor=cls.reviewer)


class WorkbookTests(ExportTestCase):
    def test_the_workbook_has_the_plan_tasks_and_results_with_chinese_headers(self) -> None:
        workbook = load_workbook(io.BytesIO(plan_workbook(self.plan)))
        self.assertEqual(workbook.sheetnames, ["抽查计划", "抽查任务", "检查结果"])
        plan_rows = list(workbook["抽查计划"].values)
        task_rows = list(workbook["抽查任务"].values)
        result_rows = list(workbook["检查结果"].values)
        self.assertEqual(
            (list(plan_rows[0]), list(task_rows[0]), list(result_rows[0])),
            (PLAN_HEADERS, TASK_HEADERS, RESULT_HEADERS),
        )
        plan = dict(zip(PLAN_HEADERS, plan_rows[1], strict=True))
        self.assertEqual(
            (plan["计划编号"], plan["年度"], plan["抽查事项"]), (self.plan.pk, 2026, self.item.name)
        )
        self.assertEqual(plan["抽查分层及比例"], "实验动物/高风险：1")
        self.assertEqual(plan["抽中对象数"], 3)
        self.assertEqual(plan["抽取算法"], "fazhi-draw-v1")
        self.assertEqual(len(task_rows), 4)
        self.assertEqual(len(result_rows), 3)  # two recorded results

    def test_dates_are_excel_dates(self) -> None:
        workbook = load_workbook(io.BytesIO(plan_workbook(self.plan)))
        plan_cells = dict(
            zip(PLAN_HEADERS, next(workbook["抽查计划"].iter_rows(min_row=2, max_row=2)), strict=True)
        )
        self.assertEqual(plan_cells["抽取日期"].value, datetime.datetime(2026, 4, 10))
        self.assertEqual(plan_cells["抽取日期"].number_format, "yyyy-mm-dd")
        self.assertEqual(plan_cells["公布日期"].value, datetime.datetime(2026, 4, 1))
        self.assertEqual(plan_cells["抽取时间"].value, datetime.datetime(2026, 4, 10, 9, 30))
        rows = [
            dict(zip(RESULT_HEADERS, row, strict=True)) for row in workbook["检查结果"].iter_rows(min_row=2)
        ]
        (first,) = [row for row in rows if row["公示日期"].value is not None]
        self.assertEqual(first["检查结束日期"].value, datetime.datetime(2026, 4, 20))
        self.assertEqual(first["检查结束日期"].number_format, "yyyy-mm-dd")
        self.assertEqual(first["公示期限"].value, datetime.datetime(2026, 5, 20))
        self.assertEqual(first["公示日期"].value, datetime.datetime(2026, 4, 24))
        self.assertEqual(first["是否按期公示"].value, "是")
        self.assertEqual(first["录入时间"].value, datetime.datetime(2026, 4, 20, 15, 0))

    def test_natural_persons_are_not_masked_for_the_supervision_platform(self) -> None:
        workbook = load_workbook(io.BytesIO(plan_workbook(self.plan)))
        tasks = {
            row[3]: dict(zip(TASK_HEADERS, row, strict=True))
            for row in workbook["抽查任务"].iter_rows(min_row=2, values_only=True)
        }
        natural = tasks[uscc(3)]
        self.assertEqual(
            (natural["检查对象名称"], natural["住所（地址）"], natural["是否自然人"]),
            ("王小明3", "天津市南开区科研西路3号", "是"),
        )
        self.assertEqual(natural["执法证号"], "120100001、120100002")
        self.assertEqual(natural["执法检查人员"], "执法人员1、执法人员2")

    def test_a_draft_plan_exports_with_no_tasks(self) -> None:
        draft = draft_plan(self.reviewer, self.item)
        workbook = load_workbook(io.BytesIO(plan_workbook(draft)))
        self.assertEqual(len(list(workbook["抽查任务"].values)), 1)
        self.assertEqual(plan_json(draft)["plan"]["draw"], None)


class FormulaInjectionTests(ExportTestCase):
    def test_text_that_looks_like_a_formula_comes_out_of_every_sheet_as_text(self) -> None:
        InspectionPlan.objects.filter(pk=self.plan.pk).update(title='=HYPERLINK("http://evil.example/")')
        first = self.plan.tasks.order_by("sequence").first()
        assert first is not None
        type(first.entity).objects.filter(pk=first.entity_id).update(name="@SUM(1+1)", address="-2+3")
        content = plan_workbook(InspectionPlan.objects.get(pk=self.plan.pk))
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            for name in package.namelist():
                if name.startswith("xl/worksheets/"):
                    self.assertNotIn(b"<f>", package.read(name), name)
        wb = load_workbook(io.BytesIO(content))
        plan_title = wb["抽查计划"]["B2"]
        self.assertEqual(
            (plan_title.value, plan_title.data_type), ('=HYPERLINK("http://evil.example/")', "s")
        )
        self.assertTrue(plan_title.quotePrefix)
        task = wb["抽查任务"][2]
        self.assertEqual((task[2].value, task[2].quotePrefix), ("@SUM(1+1)", True))
        self.assertEqual((task[5].value, task[5].quotePrefix), ("-2+3", True))
        result = wb["检查结果"][2]
        self.assertEqual((result[1].value, result[1].quotePrefix), ("@SUM(1+1)", True))


class JsonTests(ExportTestCase):
    def test_the_document_has_the_plan_its_tasks_and_its_results(self) -> None:
        document = plan_json(self.plan)
        self.assertEqual(set(document), {"format", "version", "generated_at", "plan", "tasks", "results"})
        self.assertEqual((document["format"], document["version"]), ("fazhi-inspection-export", 1))
        plan = document["plan"]
        self.assertEqual((plan["id"], plan["status"], plan["draw_on"]), (self.plan.pk, "drawn", "2026-04-10"))
        self.assertEqual(plan["digests"], self.plan.digests())
        self.assertEqual([c["secret"] for c in plan["contributors"]], SECRETS)
        self.assertEqual(plan["draw"]["selected_count"], 3)
        self.assertEqual([t["sequence"] for t in document["tasks"]], [1, 2, 3])
        natural = next(t for t in document["tasks"] if t["entity"]["uscc"] == uscc(3))
        self.assertEqual((natural["entity"]["name"], natural["entity"]["natural_person"]), ("王小明3", True))
        results = {r["sequence"]: r for r in document["results"]}
        self.assertEqual(len(results), 2)
        published = next(r for r in results.values() if r["published_on"])
        self.assertEqual(
            (published["ended_on"], published["publicity_due_on"], published["published_on"]),
            ("2026-04-20", "2026-05-20", "2026-04-24"),
        )
        self.assertTrue(published["published_in_time"])
        problem = next(r for r in results.values() if r["result"] == "problems_found")
        self.assertEqual((problem["description"], problem["published_in_time"]), ("记录不全", None))
        self.assertEqual(json.loads(json.dumps(document, ensure_ascii=False)), document)


class ExportViewTests(ExportTestCase):
    def get(self, view: object, user: object) -> object:
        request = RequestFactory().get(f"/work/inspections/plans/{self.plan.pk}/export")
        request.user = user  # type: ignore[assignment]
        return view(request, pk=self.plan.pk)  # type: ignore[operator]

    def test_a_planner_downloads_the_workbook_and_the_json(self) -> None:
        response = self.get(export_views.plan_export_xlsx, self.reviewer)
        self.assertEqual(response["Content-Type"], XLSX_CONTENT_TYPE)  # type: ignore[index]
        self.assertEqual(
            response["Content-Disposition"],  # type: ignore[index]
            f'attachment; filename="fazhi-inspection-plan-{self.plan.pk}.xlsx"',
        )
        load_workbook(io.BytesIO(response.content))  # type: ignore[attr-defined]
        response = self.get(export_views.plan_export_json, self.reviewer)
        self.assertEqual(json.loads(response.content)["plan"]["id"], self.plan.pk)  # type: ignore[attr-defined]

    def test_anyone_else_gets_404_and_an_anonymous_visitor_the_login_page(self) -> None:
        for view in (export_views.plan_export_xlsx, export_views.plan_export_json):
            for user in (self.officer, self.director, self.drafter):
                with self.subTest(view=view.__name__, user=user.username), self.assertRaises(Http404):
                    self.get(view, user)
            response = self.get(view, AnonymousUser())
            self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]

    def test_a_missing_or_absurd_plan_is_404(self) -> None:
        for pk in (self.plan.pk + 100, 2**70):
            request = RequestFactory().get("/")
            request.user = self.reviewer
            with self.assertRaises(Http404):
                export_views.plan_export_json(request, pk=pk)
