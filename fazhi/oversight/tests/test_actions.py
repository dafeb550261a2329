from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core import figures
from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.ledger.models import LedgerItem
from fazhi.oversight import actions
from fazhi.oversight.models import HeadPart, Oversight
from fazhi.oversight.tests.base import D, OversightTestCase
from fazhi.oversight.worklist import oversight_items

S = Oversight.Status


class RecordingTests(OversightTestCase):
    def test_the_legal_affairs_division_records_an_inspection(self) -> None:
        oversight = self.oversight(team="组长：某某")
        self.assertEqual(oversight.status, S.OPEN)
        self.assertTrue(
            AuditEvent.objects.filter(verb="oversight.create", object_id=str(oversight.pk)).exists()
        )

    def test_nobody_else_records_one(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.oversight(actor=self.director)

    def test_the_end_is_not_before_the_start(self) -> None:
        with self.assertRaisesMessage(DomainError, "结束日期不能早于开始日期"):
            self.oversight(ended_on=D(2026, 2, 1))

    def test_the_heads_part_is_a_leaders(self) -> None:
        oversight = self.oversight()
        part = actions.record_head_part(
            oversight,
            actor=self.reviewer,
            kind=HeadPart.Kind.REPORT_IN_PERSON,
            leader=self.director,
            on=D(2026, 2, 10),
            content="主要负责人当面汇报",
        )
        self.assertEqual(part.leader, self.director)
        with self.assertRaisesMessage(DomainError, "履职的应当是机关领导"):
            actions.record_head_part(
                oversight,
                actor=self.reviewer,
                kind=HeadPart.Kind.INSTRUCTION,
                leader=self.drafter,
                on=D(2026, 2, 10),
                content="批示",
            )

    def test_the_feedback_date_is_not_in_the_future(self) -> None:
        oversight = self.oversight()
        with self.assertRaisesMessage(DomainError, "反馈意见日期不能晚于今天"):
            actions.record_feedback(oversight, actor=self.reviewer, feedback_on=D(2026, 3, 3), result="结论")
        actions.record_feedback(oversight, actor=self.reviewer, feedback_on=D(2026, 3, 1), result="总体较好")
        oversight.refresh_from_db()
        self.assertEqual(oversight.feedback_on, D(2026, 3, 1))


class FindingTests(OversightTestCase):
    def test_a_finding_becomes_a_task_on_the_ledger(self) -> None:
        oversight = self.oversight()
        finding = self.finding(oversight)
        task = finding.task
        self.assertEqual(
            (task.division, task.lead, task.due_on, task.year),
            (self.sci_division, self.director, D(2026, 6, 30), 2026),
        )
        self.assertEqual(task.source, "中央法治督察反馈问题")
        self.assertTrue(task.title.startswith("整改："))
        oversight.refresh_from_db()
        self.assertEqual(oversight.status, S.RECTIFYING)
        self.assertEqual(self.finding(oversight, text="第二个问题").number, 2)

    def test_a_findings_task_needs_a_leader_and_a_division(self) -> None:
        oversight = self.oversight()
        with self.assertRaisesMessage(DomainError, "分管领导应当是局领导"):
            self.finding(oversight, lead=self.drafter)
        self.assertFalse(oversight.findings.exists())
        self.assertFalse(LedgerItem.objects.exists())

    def test_the_inspection_closes_only_when_every_findings_task_is_done(self) -> None:
        oversight = self.oversight()
        first = self.finding(oversight)
        second = self.finding(oversight, text="执法案卷不规范")
        self.complete_task(first.task)
        with self.assertRaisesMessage(LegalGateClosed, "第2项"):
            actions.close_oversight(
                oversight, actor=self.reviewer, report="整改报告", closed_on=D(2026, 3, 2)
            )
        self.complete_task(second.task)
        with self.assertRaisesMessage(LegalGateClosed, "尚未登记整改完成佐证"):
            actions.close_oversight(
                oversight, actor=self.reviewer, report="整改报告", closed_on=D(2026, 3, 2)
            )
        actions.record_evidence(first, actor=self.reviewer, evidence="备案台账")
        actions.record_evidence(second, actor=self.reviewer, evidence="案卷评查报告")
        actions.close_oversight(
            oversight,
            actor=self.reviewer,
            report="整改报告",
            closed_on=D(2026, 3, 2),
            report_to="市委依法治市办",
        )
        oversight.refresh_from_db()
        self.assertEqual((oversight.status, oversight.closed_on), (S.CLOSED, D(2026, 3, 2)))
        with self.assertRaises(InvalidTransition):
            self.finding(oversight)

    def test_a_cancelled_task_does_not_rectify_its_finding(self) -> None:
        from fazhi.ledger import actions as ledger

        oversight = self.oversight()
        finding = self.finding(oversight)
        ledger.cancel_item(finding.task, actor=self.reviewer, reason="合并")
        actions.record_evidence(finding, actor=self.reviewer, evidence="无")
        with self.assertRaisesMessage(LegalGateClosed, "第1项"):
            actions.close_oversight(
                oversight, actor=self.reviewer, report="整改报告", closed_on=D(2026, 3, 2)
            )

    def test_the_worklist_asks_for_evidence_then_for_the_report(self) -> None:
        oversight = self.oversight()
        finding = self.finding(oversight)
        self.assertEqual(list(oversight_items(self.reviewer)), [])
        self.complete_task(finding.task)
        self.assertIn("请登记佐证", oversight_items(self.reviewer)[0].title)  # type: ignore[index]
        actions.record_evidence(finding, actor=self.reviewer, evidence="台账")
        self.assertIn("请报送整改报告", oversight_items(self.reviewer)[0].title)  # type: ignore[index]
        self.assertEqual(list(oversight_items(self.drafter)), [])


class FigureTests(OversightTestCase):
    def test_findings_and_rectified_findings_are_counted_with_their_records(self) -> None:
        oversight = self.oversight()
        first = self.finding(oversight)
        self.finding(oversight, text="第二")
        self.complete_task(first.task)
        actions.record_evidence(first, actor=self.reviewer, evidence="台账")
        self.assertEqual(figures.compute("oversight.received", None, 2026).value, 1)
        self.assertEqual(figures.compute("oversight.findings", None, 2026).value, 2)
        rectified = figures.compute("oversight.findings_rectified", None, 2026)
        self.assertEqual((rectified.value, rectified.records[0].pk), (1, first.pk))
        with self.assertNumQueries(1):
            figures.compute("oversight.findings", None, 2026)


class ArchiveTests(OversightTestCase):
    def test_an_archived_finding_enters_the_ledger_done_with_its_dates(self) -> None:
        oversight = self.oversight(year=2021, started_on=D(2021, 10, 25))
        finding = actions.enter_rectified_finding(
            oversight,
            actor=self.reviewer,
            text="会前学法记录不完整",
            division=self.sci_division,
            lead=self.director,
            due_on=D(2021, 12, 31),
            completed_on=D(2021, 12, 17),
            evidence="学法台账",
        )
        task = finding.task
        self.assertEqual(
            (task.status, task.progress, task.completed_on, task.year), ("done", 100, D(2021, 12, 17), 2021)
        )
        self.assertTrue(task.done_in_time())
        self.assertTrue(finding.is_rectified)
        self.assertTrue(
            AuditEvent.objects.filter(verb="ledger.enter_completed", object_id=str(task.pk)).exists()
        )

    def test_an_archived_finding_cannot_be_completed_in_the_future(self) -> None:
        oversight = self.oversight()
        with self.assertRaisesMessage(DomainError, "不晚于今天"):
            actions.enter_rectified_finding(
                oversight,
                actor=self.reviewer,
                text="问题",
                division=self.sci_division,
                lead=self.director,
                due_on=D(2026, 6, 30),
                completed_on=D(2026, 3, 3),
                evidence="x",
            )
        self.assertFalse(LedgerItem.objects.exists())
