"""A task walked through its page to done: progress, submission, return, sign-off, assessment,
supervision."""

from __future__ import annotations

from fazhi.ledger import actions
from fazhi.ledger.models import LedgerItem, ProgressReport, Supervision
from fazhi.ledger.tests.base import D, on
from fazhi.ledger.tests.test_views import CREATE, S, ViewTestCase, act, detail, flashed, verbs


class TaskPageTests(ViewTestCase):
    def test_a_task_walks_through_its_pages_to_done(self) -> None:
        self.login(self.reviewer)
        self.client.post(CREATE, self.form_data())
        item = LedgerItem.objects.get()
        # The division reports progress.
        self.login(self.drafter)
        self.assertStepDone(
            self.step(item, "report_progress", progress="60", note="已形成修改建议稿"), item, "#progress"
        )
        # The head cannot submit it before 100%: the rule, next to the button, nothing changed.
        self.login(self.division_head)
        self.assertNotIn("submit_for_signoff", self.client.get(detail(item)).context["forms"])
        response = self.step(item, "submit_for_signoff")
        self.assertRefused(response, "submit_for_signoff", None, "进度达到 100% 后方可提请确认完成")
        self.assertEqual(self.fresh(item).status, S.IN_PROGRESS)
        self.login(self.drafter)
        self.assertStepDone(
            self.step(item, "report_progress", progress="100", note="已报送市人大"), item, "#progress"
        )
        with on("2026-06-15"):
            self.login(self.division_head)
            self.assertStepDone(self.step(item, "submit_for_signoff"), item, "#signoff")
            # The leader returns it first, with the reason.
            self.login(self.director)
            response = self.step(item, "return_item", reason="  ")
            self.assertRefused(response, "return_item", "reason", "请填写退回理由")
            self.assertEqual(self.fresh(item).status, S.PENDING_SIGNOFF)
            self.assertStepDone(self.step(item, "return_item", reason="尚缺征求意见材料"), item, "#signoff")
            self.assertEqual(self.fresh(item).status, S.IN_PROGRESS)
            self.login(self.division_head)
            self.assertStepDone(self.step(item, "submit_for_signoff"), item, "#signoff")
            self.login(self.director)
            page = self.client.get(detail(item))
            self.assertContains(page, "待分管领导 陈局长 确认")
            self.assertStepDone(self.step(item, "sign_off"), item, "#signoff")
        item = self.fresh(item)
        self.assertEqual(
            (item.status, item.completed_on, item.signed_off_on, item.done_in_time()),
            (S.DONE, D(2026, 6, 15), D(2026, 6, 15), True),
        )
        # The year-end assessment; nothing more to report.
        with on("2026-12-20"):
            self.login(self.director)  # a new day, a new session
            page = self.client.get(detail(item))
            self.assertEqual(set(page.context["forms"]), {"assess"})
            self.assertContains(page, "按期完成")
            self.assertStepDone(
                self.step(item, "assess", assessment="completed", note=""), item, "#assessment"
            )
        self.assertEqual(self.fresh(item).assessment, "completed")
        self.login(self.drafter)
        self.assertEqual(self.client.get(detail(item)).context["forms"], {})
        self.assertEqual(
            verbs(item),
            [
                "ledger.create",
                "ledger.progress",
                "ledger.progress",
                "ledger.submit",
                "ledger.return",
                "ledger.submit",
                "ledger.sign_off",
                "ledger.assess",
            ],
        )
        page = self.client.get(detail(item))
        events = page.context["events"]
        self.assertEqual([str(e.verb_label) for e in events][:2], ["列入台账", "报告进展"])
        self.assertContains(page, "尚缺征求意见材料")  # the return's reason in the timeline
        self.assertContains(page, "已报送市人大")
        self.assertNotIn('style="', page.content.decode())

    def test_a_task_waits_for_its_unfinished_prerequisite(self) -> None:
        first = self.item(title="开展科技法规清理")
        second = self.item(title="公布清理结果", blocked_by=[first])
        actions.report_progress(second, actor=self.drafter, progress=100, note="已拟定公告")
        self.login(self.division_head)
        page = self.client.get(detail(second))
        self.assertContains(page, "尚未完成的前置任务：开展科技法规清理")
        response = self.step(second, "submit_for_signoff")
        self.assertRefused(response, "submit_for_signoff", None, "前置任务尚未完成：开展科技法规清理")
        self.assertEqual(self.fresh(second).status, S.IN_PROGRESS)
        self.assertContains(self.client.get(detail(first)), f'href="{detail(second)}"')  # it blocks

    def test_a_wrong_progress_is_refused_next_to_its_field_with_the_input_kept(self) -> None:
        item = self.item()
        self.login(self.drafter)
        response = self.step(item, "report_progress", progress="120", note="超额完成")
        self.assertRefused(response, "report_progress", "progress", "进度应当在 0 至 100 之间")
        self.assertContains(response, "超额完成")
        self.assertEqual(ProgressReport.objects.count(), 0)

    def test_supervision_and_the_divisions_answer(self) -> None:
        item = self.item()
        self.login(self.director)
        response = self.step(item, "supervise", instruction="加快进度", respond_by="2026-03-01")
        self.assertRefused(response, "supervise", "respond_by", "反馈时限不能早于今天")
        self.assertContains(response, "加快进度")
        self.assertEqual(Supervision.objects.count(), 0)
        self.assertStepDone(
            self.step(item, "supervise", instruction="加快进度", respond_by="2026-03-09"),
            item,
            "#supervision",
        )
        self.assertStepDone(
            self.step(item, "supervise", instruction="报送时间表", respond_by="2026-03-20"),
            item,
            "#supervision",
        )
        first, second = Supervision.objects.order_by("pk")
        self.assertEqual((first.issued_by, first.respond_by), (self.director, D(2026, 3, 9)))
        # The division answers each one on its own form.
        self.login(self.drafter)
        page = self.client.get(detail(item))
        self.assertContains(page, f'id="id_s{first.pk}_respond-response"')
        self.assertContains(page, f'id="id_s{second.pk}_respond-response"')
        self.assertContains(page, "督办时确定的反馈时限")
        response = self.client.post(
            act(item, "respond"),
            {"respond-supervision": first.pk, "respond-response": ""},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        form = next(s.form for s in response.context["supervisions"] if s.pk == first.pk)
        self.assertEqual(form.errors["response"], ["请填写反馈情况"])
        self.assertTrue(form.is_bound)
        with on("2026-03-10"):
            self.login(self.drafter)  # a new day, a new session
            response = self.client.post(
                act(item, "respond"),
                {"respond-supervision": first.pk, "respond-response": "已召开专题会推进"},
            )
            self.assertStepDone(response, item, "#supervision")
            page = self.client.get(detail(item))
        first.refresh_from_db()
        self.assertEqual((first.responded_on, first.response), (D(2026, 3, 10), "已召开专题会推进"))
        self.assertContains(page, "逾期反馈")
        self.assertNotContains(page, f'id="id_s{first.pk}_respond-response"')
        self.assertContains(page, f'id="id_s{second.pk}_respond-response"')
        # Answered already; a supervision of another task is not found here.
        response = self.client.post(
            act(item, "respond"), {"respond-supervision": first.pk, "respond-response": "再报"}
        )
        self.assertIn("该督办已反馈", flashed(response))
        other = self.item(title="另一任务")
        response = self.client.post(
            act(other, "respond"), {"respond-supervision": second.pk, "respond-response": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.login(self.outsider)
        response = self.client.post(
            act(item, "respond"), {"respond-supervision": second.pk, "respond-response": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Supervision.objects.get(pk=second.pk).is_open)

    def test_a_cancelled_task_keeps_its_reason(self) -> None:
        item = self.item()
        self.login(self.reviewer)
        response = self.step(item, "cancel_item", reason="")
        self.assertRefused(response, "cancel_item", "reason", "请填写撤销理由")
        self.assertEqual(self.fresh(item).status, S.OPEN)
        self.assertStepDone(self.step(item, "cancel_item", reason="任务调整至下一年度"), item, "#cancel")
        page = self.client.get(detail(item))
        self.assertContains(page, "任务调整至下一年度")
        self.assertEqual(page.context["forms"], {})
        self.login(self.director)
        self.assertEqual(self.client.get(detail(item)).context["forms"], {})
        response = self.step(item, "cancel_item", reason="再撤销")
        self.assertRefused(response, "cancel_item", None, "当前状态为“已撤销”，不能撤销")

    def test_the_assessment_waits_for_the_due_date_and_needs_a_note_unless_completed(self) -> None:
        item = self.item(due_on=D(2026, 3, 31))
        self.login(self.director)
        self.assertNotIn("assess", self.client.get(detail(item)).context["forms"])
        response = self.step(item, "assess", assessment="not_completed", note="未按期完成")
        self.assertRefused(response, "assess", None, "任务完成或完成时限届满后方可评价")
        with on("2026-04-01"):
            self.login(self.director)  # a new day, a new session
            self.assertIn("assess", self.client.get(detail(item)).context["forms"])
            response = self.step(item, "assess", assessment="mostly", note="")
            self.assertRefused(response, "assess", "note", "请填写评价意见")
            self.assertEqual(self.fresh(item).assessment, "")
            response = self.step(item, "assess", assessment="excellent", note="")
            self.assertRefused(response, "assess", "assessment", "所选项不正确")
            self.assertStepDone(
                self.step(item, "assess", assessment="mostly", note="材料尚缺"), item, "#assessment"
            )
            page = self.client.get(detail(item))
        self.assertEqual(
            (self.fresh(item).assessment, self.fresh(item).assessment_note), ("mostly", "材料尚缺")
        )
        self.assertContains(page, "基本完成")
