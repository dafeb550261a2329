from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.ledger import actions
from fazhi.ledger.models import LeadingGroupMember, LedgerItem
from fazhi.ledger.stats import ledger_figures
from fazhi.ledger.tests.base import D, LedgerTestCase, on

S = LedgerItem.Status


class LeadingGroupTests(LedgerTestCase):
    def test_the_group_has_one_head_deputies_and_members_and_is_replaced_when_adjusted(self) -> None:
        division = (self.division_head.display_name, "处长", self.sci_division, self.division_head)
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[("周副局长", "副局长", self.bureau, None)] * 3,
            members=[division],
        )
        actions.set_leading_group(
            2026,
            actor=self.reviewer,
            head=("陈局长", "局长", self.bureau, self.director),
            deputies=[],
            members=[],
        )
        self.assertEqual(LeadingGroupMember.objects.filter(year=2026).count(), 1)
        figures = ledger_figures(2026, today=D(2026, 3, 2))
        self.assertEqual((figures.group_head, figures.group_deputies), ("陈局长", 0))
        with self.assertRaises(PermissionDenied):
            actions.set_leading_group(
                2026, actor=self.drafter, head=("x", "", self.bureau, None), deputies=[], members=[]
            )


class TaskTests(LedgerTestCase):
    def test_a_task_goes_from_the_wall_to_done_with_the_leaders_sign_off(self) -> None:
        item = self.item()
        self.assertEqual(item.status, S.OPEN)
        actions.report_progress(item, actor=self.drafter, progress=60, note="已形成修改建议稿")
        self.assertEqual((item.status, item.progress), (S.IN_PROGRESS, 60))
        with self.assertRaisesMessage(LegalGateClosed, "100%"):
            actions.submit_for_signoff(item, actor=self.division_head)
        actions.report_progress(item, actor=self.drafter, progress=100, note="已报送市人大")
        with self.assertRaises(PermissionDenied):
            actions.submit_for_signoff(item, actor=self.drafter)  # the head submits
        with on("2026-06-15"):
            actions.submit_for_signoff(item, actor=self.division_head)
            with self.assertRaises(PermissionDenied):
                actions.sign_off(item, actor=self.reviewer)
            actions.sign_off(item, actor=self.director)
        self.assertEqual(
            (item.status, item.completed_on, item.done_in_time()), (S.DONE, D(2026, 6, 15), True)
        )
        self.assertEqual(
            list(AuditEvent.objects.filter(object_type="ledger.ledgeritem").values_list("verb", flat=True)),
            ["ledger.create", "ledger.progress", "ledger.progress", "ledger.submit", "ledger.sign_off"],
        )
        with self.assertRaises(InvalidTransition):
            actions.report_progress(item, actor=self.drafter, progress=100, note="再报")

    def test_a_returned_task_goes_back_to_work(self) -> None:
        item = self.item()
        actions.report_progress(item, actor=self.drafter, progress=100, note="完成")
        actions.submit_for_signoff(item, actor=self.division_head)
        with self.assertRaisesMessage(DomainError, "退回理由"):
            actions.return_item(item, actor=self.director, reason="")
        actions.return_item(item, actor=self.director, reason="尚缺征求意见材料")
        self.assertEqual((item.status, item.completed_on), (S.IN_PROGRESS, None))

    def test_a_task_waits_for_its_prerequisites(self) -> None:
        first = self.item(title="开展科技法规清理")
        second = self.item(title="公布清理结果", blocked_by=[first])
        actions.report_progress(second, actor=self.drafter, progress=100, note="已拟定公告")
        with self.assertRaisesMessage(LegalGateClosed, "开展科技法规清理"):
            actions.submit_for_signoff(second, actor=self.division_head)

    def test_only_the_owning_division_reports_and_the_ledger_is_scoped(self) -> None:
        item = self.item()
        with self.assertRaises(PermissionDenied):
            actions.report_progress(item, actor=self.outsider, progress=10, note="x")
        self.assertEqual(list(LedgerItem.objects.visible_to(self.drafter)), [item])
        self.assertFalse(LedgerItem.objects.visible_to(self.outsider).exists())
        self.assertEqual(list(LedgerItem.objects.visible_to(self.director)), [item])
        for bad in (-1, 101):
            with self.subTest(progress=bad), self.assertRaisesMessage(DomainError, "0 至 100"):
                actions.report_progress(item, actor=self.drafter, progress=bad, note="x")

    def test_bad_tasks_are_refused(self) -> None:
        with self.assertRaisesMessage(DomainError, "局领导"):
            self.item(lead=self.division_head)
        with self.assertRaisesMessage(DomainError, "本机关的处室"):
            self.item(division=self.bureau)
        with self.assertRaises(PermissionDenied):
            self.item(actor=self.drafter)


class SupervisionTests(LedgerTestCase):
    def test_supervision_is_answered_by_the_date_the_leader_set(self) -> None:
        item = self.item()
        with self.assertRaisesMessage(DomainError, "不能早于今天"):
            actions.supervise(item, actor=self.director, instruction="加快进度", respond_by=D(2026, 3, 1))
        supervision = actions.supervise(
            item, actor=self.director, instruction="加快进度", respond_by=D(2026, 3, 9)
        )
        with self.assertRaises(PermissionDenied):
            actions.supervise(item, actor=self.reviewer, instruction="x", respond_by=D(2026, 3, 9))
        with on("2026-03-10"):
            actions.respond(supervision, actor=self.drafter, response="已召开专题会推进")
        self.assertFalse(AuditEvent.objects.get(verb="ledger.respond").data["in_time"])
        with self.assertRaisesMessage(DomainError, "已反馈"):
            actions.respond(supervision, actor=self.drafter, response="again")

    def test_overdue_tasks_and_the_year_end_assessment(self) -> None:
        late = self.item(due_on=D(2026, 3, 31))
        cancelled = self.item(title="已调整的任务")
        actions.cancel_item(cancelled, actor=self.reviewer, reason="任务调整至下一年度")
        with self.assertRaisesMessage(LegalGateClosed, "届满后"):
            actions.assess(late, actor=self.director, assessment="not_completed", note="未按期完成")
        with on("2026-04-01"):
            self.assertEqual(list(LedgerItem.objects.overdue(D(2026, 4, 1))), [late])
            with self.assertRaisesMessage(DomainError, "评价意见"):
                actions.assess(late, actor=self.director, assessment="not_completed")
            actions.assess(late, actor=self.director, assessment="not_completed", note="未按期完成")
            with self.assertRaises(InvalidTransition):
                actions.assess(cancelled, actor=self.director, assessment="completed")
            figures = ledger_figures(2026, today=D(2026, 4, 1))
        self.assertEqual((figures.tasks, figures.done, figures.overdue), (1, 0, 1))


class EdgeTests(LedgerTestCase):
    def test_a_cancelled_prerequisite_no_longer_blocks(self) -> None:
        first = self.item(title="开展科技法规清理")
        second = self.item(title="公布清理结果", blocked_by=[first])
        actions.cancel_item(first, actor=self.reviewer, reason="并入其他任务")
        actions.report_progress(second, actor=self.drafter, progress=100, note="完成")
        actions.submit_for_signoff(second, actor=self.division_head)
        self.assertEqual(second.status, S.PENDING_SIGNOFF)

    def test_progress_never_moves_a_submitted_task_back(self) -> None:
        item = self.item()
        actions.report_progress(item, actor=self.drafter, progress=100, note="完成")
        stale = LedgerItem.objects.get(pk=item.pk)
        actions.submit_for_signoff(item, actor=self.division_head)
        with self.assertRaises(InvalidTransition):
            actions.report_progress(stale, actor=self.drafter, progress=90, note="旧页面")
        self.assertEqual(LedgerItem.objects.get(pk=item.pk).status, S.PENDING_SIGNOFF)

    def test_no_answer_to_the_supervision_of_a_cancelled_task(self) -> None:
        item = self.item()
        supervision = actions.supervise(
            item, actor=self.director, instruction="加快", respond_by=D(2026, 3, 9)
        )
        actions.cancel_item(item, actor=self.reviewer, reason="调整")
        supervision.item.refresh_from_db()
        with self.assertRaises(InvalidTransition):
            actions.respond(supervision, actor=self.drafter, response="已推进")
