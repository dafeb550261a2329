"""Inspection tasks: results recorded by the assigned inspectors, the publicity deadline from
the rule book, publication, and the masking of natural persons in public output."""

from __future__ import annotations

import datetime

import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.core.workflow import DomainError
from fazhi.inspections import actions, permissions
from fazhi.inspections.models import Entity, InspectionTask
from fazhi.inspections.publicity import (
    mask_address,
    mask_entity,
    mask_name,
    overdue_publicity,
    public_result_row,
    public_results,
)
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import draft_plan, drawn, make_entities, make_inspector, publish

T = InspectionTask.Status
R = InspectionTask.Result
D = datetime.date


class TaskTestCase(InspectionTestCase):
    """Three entities, all drawn (ratio 1), each inspected by the two officers."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(2)
        make_entities(1, start=3, natural=True)
        make_inspector(cls.reviewer, 1, user=cls.officer)
        make_inspector(cls.reviewer, 2, user=cls.officer2)
        cls.plan = publish(cls.reviewer, draft_plan(cls.reviewer, cls.item))
        drawn(cls.reviewer, cls.plan)

    def task(self) -> InspectionTask:
        return InspectionTask.objects.order_by("sequence").first()  # type: ignore[return-value]


class RecordResultTests(TaskTestCase):
    def test_each_drawn_entity_has_a_task_with_both_officers(self) -> None:
        self.assertEqual(self.plan.tasks.count(), 3)
        for task in self.plan.tasks.all():
            self.assertEqual({i.user for i in task.inspectors.all()}, {self.officer, self.officer2})
            self.assertEqual(
                permissions.available_task_actions(self.officer, task), {"record_result", "attach"}
            )

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_an_assigned_officer_records_no_problem_and_the_publicity_deadline_is_set(self) -> None:
        task = self.task()
        actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
        task.refresh_from_db()
        self.assertEqual(task.status, T.RECORDED)
        self.assertEqual(task.result_recorded_by, self.officer)
        # 20 working days after Monday 20 April: 21–24 Apr (1–4), 27–30 Apr (5–8), 1–5 May
        # Labour Day, 6–8 May (9–11), Saturday 9 May a make-up day (12), 11–15 May (13–17),
        # 18–20 May (18–20): due Wednesday 20 May.
        self.assertEqual(task.publicity_due_on, D(2026, 5, 20))
        self.assertEqual(task.publicity_rule.code, "inspection.result_publicity")
        self.assertEqual(task.publicity_deadline.basis, task.publicity_rule.basis)
        event = AuditEvent.objects.get(verb="inspection.result_record")
        self.assertEqual((event.from_status, event.to_status), (T.ASSIGNED, T.RECORDED))
        self.assertEqual(event.data["publicity_due_on"], "2026-05-20")

    @time_machine.travel("2026-09-28 09:00 +08:00", tick=False)
    def test_the_publicity_deadline_counts_working_days_across_national_day(self) -> None:
        task = self.task()
        actions.record_result(task, actor=self.officer2, result=R.NO_PROBLEM, ended_on=D(2026, 9, 25))
        task.refresh_from_db()
        # The inspection ends on Friday 25 September (itself not counted; 25–27 Sep are the
        # Mid-Autumn holiday). Working days: 28, 29, 30 Sep (1–3); 1–7 Oct National Day; 8, 9 Oct
        # (4–5); Saturday 10 Oct is a make-up working day (6); 12–16 Oct (7–11); 19–23 Oct
        # (12–16); 26, 27, 28, 29 Oct (17–20). Due: Thursday 29 October 2026.
        self.assertEqual(task.publicity_due_on, D(2026, 10, 29))
        self.assertFalse(task.is_publicity_overdue(D(2026, 10, 29)))
        self.assertTrue(task.is_publicity_overdue(D(2026, 10, 30)))
        self.assertEqual(list(overdue_publicity(D(2026, 10, 30))), [task])
        self.assertEqual(list(overdue_publicity(D(2026, 10, 29))), [])

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_problems_found_needs_a_description(self) -> None:
        task = self.task()
        with self.assertRaisesMessage(DomainError, "请填写问题描述"):
            actions.record_result(task, actor=self.officer, result=R.PROBLEMS_FOUND, ended_on=D(2026, 4, 20))
        actions.record_result(
            task,
            actor=self.officer,
            result=R.PROBLEMS_FOUND,
            ended_on=D(2026, 4, 20),
            description="饲养室温湿度记录不完整（《实验动物管理条例》第八条）",
        )
        task.refresh_from_db()
        self.assertEqual(task.result, R.PROBLEMS_FOUND)

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_the_end_date_may_be_neither_in_the_future_nor_before_the_draw(self) -> None:
        task = self.task()
        with self.assertRaisesMessage(DomainError, "不能晚于今天"):
            actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 21))
        with self.assertRaisesMessage(DomainError, "不能早于抽取日期 2026年4月10日"):
            actions.record_result(task, actor=self.officer, result=R.CLOSED_DOWN, ended_on=D(2026, 4, 9))

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_only_an_assigned_officer_records_and_only_once(self) -> None:
        stranger = make_user("officer3", org=self.other_division, roles=[Role.ENFORCEMENT_OFFICER])
        task = self.task()
        for person in (stranger, self.reviewer, self.director, self.outsider):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                actions.record_result(task, actor=person, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
        actions.record_result(
            task, actor=self.officer, result=R.NOT_FOUND_AT_ADDRESS, ended_on=D(2026, 4, 20)
        )
        with self.assertRaises(PermissionDenied):
            actions.record_result(task, actor=self.officer2, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))

    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def test_inspection_records_are_attached_with_the_result(self) -> None:
        task = self.task()
        actions.record_result(
            task,
            actor=self.officer,
            result=R.NO_PROBLEM,
            ended_on=D(2026, 4, 20),
            attachments=[SimpleUploadedFile("现场检查笔录.txt", "现场检查笔录：未发现问题。".encode())],
        )
        files = list(attachments_of(task))
        self.assertEqual([f.original_name for f in files], ["现场检查笔录.txt"])
        self.assertEqual(AuditEvent.objects.filter(verb="attachment.upload").count(), 1)

    def test_an_inspector_sees_their_tasks_and_an_outsider_none(self) -> None:
        self.assertEqual(InspectionTask.objects.visible_to(self.officer).count(), 3)
        self.assertEqual(InspectionTask.objects.visible_to(self.director).count(), 3)
        self.assertEqual(InspectionTask.objects.visible_to(self.outsider).count(), 0)


class PublishResultTests(TaskTestCase):
    @time_machine.travel("2026-04-20 15:00 +08:00", tick=False)
    def record_all(self) -> list[InspectionTask]:
        tasks = list(InspectionTask.objects.order_by("sequence"))
        for task in tasks:
            actions.record_result(task, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2026, 4, 20))
        return list(InspectionTask.objects.order_by("sequence"))

    def test_the_planner_publishes_results_on_time(self) -> None:
        tasks = self.record_all()
        with time_machine.travel("2026-05-06 10:00 +08:00", tick=False):
            self.assertEqual(actions.publish_results(tasks, actor=self.reviewer), 3)
        self.assertEqual(
            set(InspectionTask.objects.values_list("status", "published_on")), {(T.PUBLISHED, D(2026, 5, 6))}
        )
        published = AuditEvent.objects.filter(verb="inspection.result_publish")
        self.assertEqual([event.data["late"] for event in published], [False] * 3)
        self.assertEqual(public_results().count(), 3)

    def test_a_late_publication_is_made_and_recorded_as_late(self) -> None:
        tasks = self.record_all()
        with time_machine.travel("2026-05-21 10:00 +08:00", tick=False):
            self.assertEqual(len(overdue_publicity(D(2026, 5, 20))), 0)
            self.assertEqual(len(overdue_publicity(D(2026, 5, 21))), 3)
            actions.publish_results(tasks[:1], actor=self.officer2)
        event = AuditEvent.objects.get(verb="inspection.result_publish")
        self.assertTrue(event.data["late"])

    def test_unrecorded_results_or_outsiders_cannot_publish_and_nothing_is_half_published(self) -> None:
        tasks = self.record_all()
        with self.assertRaises(PermissionDenied):
            actions.publish_results(tasks, actor=self.outsider)
        actions.publish_results(tasks[:1], actor=self.reviewer)
        with self.assertRaises(PermissionDenied):
            actions.publish_results(tasks, actor=self.reviewer)  # the first is already public
        self.assertEqual(InspectionTask.objects.filter(status=T.PUBLISHED).count(), 1)

    def test_the_public_row_masks_a_natural_person(self) -> None:
        tasks = self.record_all()
        actions.publish_results(tasks, actor=self.reviewer)
        rows = {row["entity"]["uscc"]: row for row in map(public_result_row, public_results())}
        person = Entity.objects.get(is_natural_person=True)
        company = Entity.objects.filter(is_natural_person=False).earliest("pk")
        self.assertEqual(rows[person.uscc]["entity"]["name"], "王*")
        self.assertEqual(rows[person.uscc]["entity"]["address"], "天津市南开区***")
        self.assertEqual(rows[person.uscc]["entity"]["legal_representative"], "法*")
        self.assertEqual(rows[company.uscc]["entity"]["name"], company.name)
        self.assertEqual(rows[company.uscc]["result"], "未发现问题")
        self.assertEqual(rows[company.uscc]["inspecting_body"], "天津市科学技术局")


class MaskingTests(TaskTestCase):
    def test_a_name_keeps_its_first_character_and_one_star(self) -> None:
        self.assertEqual(mask_name("王小明"), "王*")
        self.assertEqual(mask_name("欧阳"), "欧*")
        self.assertEqual(mask_name(" 李 "), "李*")
        self.assertEqual(mask_name(""), "")

    def test_an_address_is_cut_after_its_district_or_county(self) -> None:
        self.assertEqual(mask_address("天津市南开区科研西路5号"), "天津市南开区***")
        self.assertEqual(mask_address("天津市蓟州区下营镇某村12号"), "天津市蓟州区***")
        self.assertEqual(mask_address("河北省唐山市滦南县某镇"), "河北省唐山市滦南县***")
        self.assertEqual(mask_address("滨海新区"), "滨海新区")
        self.assertEqual(mask_address("科研西路5号院3栋"), "科研西路5号***")

    def test_legal_persons_are_shown_in_full_and_natural_persons_masked(self) -> None:
        person = Entity.objects.get(is_natural_person=True)
        company = Entity.objects.filter(is_natural_person=False).earliest("pk")
        self.assertEqual(
            mask_entity(person),
            {
                "name": "王*",
                "uscc": person.uscc,
                "legal_representative": "法*",
                "address": "天津市南开区***",
                "domain": "实验动物",
            },
        )
        self.assertEqual(mask_entity(company)["address"], company.address)
        self.assertEqual(mask_entity(company)["legal_representative"], company.legal_representative)
