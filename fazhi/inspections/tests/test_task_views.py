"""The task pages: “我的任务” shows an officer only the tasks of the inspector linked to their
account; an assigned officer records the result through the task's page (with the inspection
records attached and the publicity deadline from the rule book); the publicity page lists the
results due, marks the overdue ones in words, and the planners publish them there."""

from __future__ import annotations

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.inspections import actions
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import draft_plan, drawn, make_entities, make_inspector, publish
from fazhi.inspections.worklist import inspection_items

T = InspectionTask.Status
R = InspectionTask.Result
D = datetime.date
MY_TASKS = reverse("inspections:task_list")
PUBLICITY = reverse("inspections:publicity")
# The published draw date of these tests' plan, the day InspectionTestCase travels to.
DRAW_DAY = D(2026, 4, 1)


def task_url(task: InspectionTask) -> str:
    return reverse("inspections:task_detail", args=[task.pk])


def task_act(task: InspectionTask, action: str) -> str:
    return reverse("inspections:task_action", args=[task.pk, action])


class TaskPageTestCase(InspectionTestCase):
    """Two entities, both drawn and inspected by the two officers; a third officer has no
    tasks."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(2)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        # An enforcement officer of another unit, linked to no task of this plan.
        cls.officer3 = make_user(
            "officer3", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="郑执法"
        )
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item, draw_on=DRAW_DAY))
        drawn(cls.reviewer, cls.plan)

    def task(self, n: int = 1) -> InspectionTask:
        return InspectionTask.objects.get(plan=self.plan, sequence=n)

    def record(self, task: InspectionTask, on: D = DRAW_DAY) -> None:
        actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=on)


class TaskPermissionTests(TaskPageTestCase):
    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for url in (MY_TASKS, PUBLICITY, task_url(self.task())):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_an_officer_sees_only_the_tasks_of_their_own_inspector(self) -> None:
        self.login(self.officer)
        response = self.client.get(MY_TASKS)
        self.assertEqual(response.status_code, 200)
        self.assertEqual({t.pk for t in response.context["page"]}, {self.task(1).pk, self.task(2).pk})
        self.assertContains(response, "执法检查人员 执法人员1（执法证号 120100001）")
        self.login(self.officer3)
        response = self.client.get(MY_TASKS)
        self.assertEqual(list(response.context["page"]), [])
        self.assertContains(response, "尚未关联执法检查人员名录中的记录")
        self.assertEqual(self.client.get(task_url(self.task())).status_code, 404)
        self.assertEqual(
            self.client.post(
                task_act(self.task(), "record_result"), {"result-result": R.NO_PROBLEM}
            ).status_code,
            404,
        )

    def test_staff_outside_inspections_get_404(self) -> None:
        for user in (self.drafter, self.outsider, self.filing_officer):
            self.login(user)
            for url in (MY_TASKS, PUBLICITY, task_url(self.task())):
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))

    def test_the_publicity_page_is_for_planners_and_the_leadership(self) -> None:
        self.login(self.officer)
        self.assertEqual(self.client.get(PUBLICITY).status_code, 404)
        self.login(self.director)
        self.assertEqual(self.client.get(PUBLICITY).status_code, 200)
        self.assertEqual(self.client.get(MY_TASKS).status_code, 404)
        # The director reads a task but records nothing.
        response = self.client.get(task_url(self.task()))
        self.assertNotContains(response, 'id="step-record_result"')
        self.assertEqual(
            self.client.post(
                task_act(self.task(), "record_result"), {"result-result": R.NO_PROBLEM}
            ).status_code,
            404,
        )

    def test_an_unknown_task_step_answers_404(self) -> None:
        self.login(self.officer)
        self.assertEqual(self.client.post(task_act(self.task(), "delete")).status_code, 404)


class RecordResultPageTests(TaskPageTestCase):
    def test_the_task_page_shows_the_entity_and_the_inspectors(self) -> None:
        self.login(self.officer)
        response = self.client.get(task_url(self.task()))
        self.assertContains(response, self.task().entity.uscc)
        self.assertContains(response, "执法人员1（执法证号 120100001）")
        self.assertContains(response, "执法人员2（执法证号 120100002）")
        self.assertContains(response, 'id="step-record_result"')

    def test_an_officer_records_a_result_with_records_attached_and_sees_the_deadline(self) -> None:
        task = self.task()
        self.login(self.officer)
        photo = SimpleUploadedFile("现场检查记录.pdf", b"%PDF-1.4 record", content_type="application/pdf")
        response = self.client.post(
            task_act(task, "record_result"),
            {
                "result-result": R.PROBLEMS_FOUND,
                "result-ended_on": "2026-04-01",
                "result-description": "实验动物饲养室温湿度记录不全",
                "result-attachments": [photo],
            },
        )
        self.assertRedirects(response, task_url(task) + "#result")
        task.refresh_from_db()
        self.assertEqual((task.status, task.result), (T.RECORDED, R.PROBLEMS_FOUND))
        self.assertEqual([a.original_name for a in attachments_of(task)], ["现场检查记录.pdf"])
        event = AuditEvent.objects.get(verb="inspection.result_record")
        self.assertEqual((event.actor, event.object_id), (self.officer, str(task.pk)))
        response = self.client.get(task_url(task))
        self.assertContains(response, f'<time datetime="{task.publicity_due_on:%Y-%m-%d}">')
        self.assertContains(response, "实验动物饲养室温湿度记录不全")
        self.assertContains(response, 'id="step-publish"')  # an assigned officer may publish it

    def test_problems_found_without_a_description_is_refused_next_to_the_field(self) -> None:
        task = self.task()
        self.login(self.officer)
        response = self.client.post(
            task_act(task, "record_result"),
            {"result-result": R.PROBLEMS_FOUND, "result-ended_on": "2026-04-01", "result-description": ""},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["forms"]["record_result"].errors["description"], ["请填写问题描述"])
        task.refresh_from_db()
        self.assertEqual(task.status, T.ASSIGNED)
        self.assertFalse(AuditEvent.objects.filter(verb="inspection.result_record").exists())

    def test_an_end_date_in_the_future_or_before_the_draw_is_refused(self) -> None:
        task = self.task()
        self.login(self.officer)
        for day, words in (("2026-04-02", "不能晚于今天"), ("2026-03-31", "不能早于抽取日期")):
            response = self.client.post(
                task_act(task, "record_result"),
                {"result-result": R.NO_PROBLEM, "result-ended_on": day},
                follow=True,
            )
            self.assertIn(words, response.context["forms"]["record_result"].errors["ended_on"][0])
        response = self.client.post(task_act(task, "record_result"), {"result-result": "good"}, follow=True)
        form = response.context["forms"]["record_result"]
        self.assertEqual(form.errors["result"], ["所选项不正确"])
        self.assertEqual(form.errors["ended_on"], ["请填写此项"])
        self.assertEqual(InspectionTask.objects.get(pk=task.pk).status, T.ASSIGNED)

    def test_a_recorded_result_cannot_be_recorded_again(self) -> None:
        task = self.task()
        self.record(task)
        self.login(self.officer2)
        response = self.client.post(
            task_act(task, "record_result"),
            {"result-result": R.CLOSED_DOWN, "result-ended_on": "2026-04-01"},
            follow=True,
        )
        self.assertContains(response, "当前状态为“已录入结果，待公示”，不能录入检查结果")
        self.assertEqual(InspectionTask.objects.get(pk=task.pk).result, R.NO_PROBLEM)

    def test_the_officer_publishes_from_the_task_page(self) -> None:
        task = self.task()
        self.record(task)
        self.login(self.officer)
        response = self.client.post(task_act(task, "publish"))
        self.assertRedirects(response, task_url(task))
        task.refresh_from_db()
        self.assertEqual((task.status, task.published_on), (T.PUBLISHED, D(2026, 4, 1)))
        self.assertTrue(
            AuditEvent.objects.filter(verb="inspection.result_publish", object_id=str(task.pk)).exists()
        )

    def test_my_tasks_takes_the_same_queries_however_many_tasks(self) -> None:
        self.login(self.officer)
        self.client.get(MY_TASKS)
        # Session, user, permissions (two), the count, the page, its inspectors and experts,
        # the linked inspector, the roles and the unit of the menu and header.
        with self.assertNumQueries(11):
            self.client.get(MY_TASKS)
        self.record(self.task(2))
        with self.assertNumQueries(11):
            response = self.client.get(MY_TASKS)
        self.assertEqual(len(response.context["page"]), 2)


class PublicityPageTests(TaskPageTestCase):
    def test_overdue_results_stand_out_in_words_and_the_planner_publishes_them(self) -> None:
        self.record(self.task(1))
        self.record(self.task(2))
        late = self.task(1)
        assert late.publicity_due_on is not None
        with time_machine.travel(late.publicity_due_on + datetime.timedelta(days=1), tick=False):
            self.login(self.reviewer)
            response = self.client.get(PUBLICITY)
            self.assertContains(response, "2 项结果已超过公示期限未公示")
            # The banner and each of the two rows say 逾期 in words.
            self.assertContains(response, '<span class="badge badge-bad">逾期</span>', count=3)
            self.assertContains(response, "已逾期")
            response = self.client.post(PUBLICITY, {"tasks": [str(late.pk)]})
            self.assertRedirects(response, PUBLICITY)
            late.refresh_from_db()
            self.assertEqual(late.status, T.PUBLISHED)
            event = AuditEvent.objects.get(verb="inspection.result_publish")
            self.assertTrue(event.data["late"])
            response = self.client.get(PUBLICITY)
            self.assertEqual([t.pk for t in response.context["page"]], [self.task(2).pk])

    def test_publishing_nothing_is_refused_in_chinese(self) -> None:
        self.record(self.task(1))
        self.login(self.reviewer)
        response = self.client.post(PUBLICITY, {})
        self.assertContains(response, "请选择要公示的检查结果")
        response = self.client.post(PUBLICITY, {"tasks": [str(self.task(2).pk)]})
        self.assertContains(response, "所选结果不能公示")
        self.assertFalse(InspectionTask.objects.filter(status=T.PUBLISHED).exists())

    def test_the_director_sees_the_list_without_publishing(self) -> None:
        self.record(self.task(1))
        self.login(self.director)
        response = self.client.get(PUBLICITY)
        self.assertNotContains(response, 'name="tasks"')
        self.assertEqual(self.client.post(PUBLICITY, {"tasks": [str(self.task(1).pk)]}).status_code, 404)


class TaskWorklistTests(TaskPageTestCase):
    def test_officers_see_their_tasks_and_planners_the_results_to_publish_with_the_deadline(self) -> None:
        officer_items = list(inspection_items(self.officer))
        self.assertEqual(len(officer_items), 2)
        self.assertTrue(officer_items[0].title.startswith("待检查："))
        self.assertEqual(list(inspection_items(self.officer3)), [])
        self.record(self.task(1))
        planner_items = [i for i in inspection_items(self.reviewer) if i.kind == "结果公示"]
        self.assertEqual(len(planner_items), 1)
        self.assertEqual(planner_items[0].due.due, self.task(1).publicity_due_on)
        self.assertEqual(len(list(inspection_items(self.officer))), 1)

    def test_the_dashboard_lists_the_officer_tasks(self) -> None:
        self.login(self.officer)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, f"待检查：{self.task(1).entity.name}")
