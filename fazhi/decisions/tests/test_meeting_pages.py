"""The detail page from the collective decision on: the meeting, publication, archive and
tracking."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.decisions.tests.factories import decided
from fazhi.decisions.tests.test_views import D, G, ViewTestCase, act, detail


class MeetingPageTests(ViewTestCase):
    def test_the_director_records_the_decision_with_the_head_speaking_last_and_dissent(self) -> None:
        decision = self.reviewed()
        self.login(self.director)
        page = self.client.get(detail(decision))
        self.assertContains(page, 'id="step-record_decision"')
        self.assertContains(page, "第 6 位发言人")
        response = self.client.post(act(decision, "record_decision"), self.meeting_data())
        self.assertIn("已记录集体讨论决定：已决定待公布。", self.messages_of(response))
        decision.refresh_from_db()
        self.assertEqual(
            (decision.stage, decision.head_conclusion, decision.dissent),
            (G.DECIDED, "同意印发实施", "周副局长：建议缓行一年"),
        )
        event = AuditEvent.objects.get(verb="decision.collective_decision")
        self.assertEqual(
            event.data["statements"], "周副局长：建议缓行一年\n基础研究处李处长：同意\n陈局长：同意印发实施"
        )
        self.assertContains(self.client.get(detail(decision)), "会议纪要.pdf")

    def test_the_head_not_speaking_last_is_refused_and_the_statements_are_kept(self) -> None:
        decision = self.reviewed()
        self.login(self.director)
        data = self.meeting_data(**{"meeting-head_3": None, "meeting-head_1": "on"})
        response = self.client.post(act(decision, "record_decision"), data, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "行政首长应当在会议讨论的最后发表意见（《重大行政决策程序暂行条例》第三十条）"
        )
        self.assertContains(response, 'value="基础研究处李处长"')
        self.assertEqual(self.stage_of(decision), G.COLLECTIVE_DECISION)
        self.assertFalse(AuditEvent.objects.filter(verb="decision.collective_decision").exists())

    def test_bad_input_keeps_the_form_and_shows_the_errors_next_to_the_fields(self) -> None:
        decision = self.reviewed()
        self.login(self.director)
        data = self.meeting_data(
            **{
                "meeting-attendees": "",
                "meeting-statement_2": "",
                "meeting-adopted": None,
                "meeting-minutes": None,
            }
        )
        response = self.client.post(act(decision, "record_decision"), data, follow=True)
        self.assertEqual(response.status_code, 200)
        for error in ("请填写出席人员", "请填写发言内容", "请选择会议决定", "请上传会议纪要"):
            self.assertContains(response, f'<p class="field-error" role="alert">{error}</p>', html=True)
        self.assertContains(response, 'value="周副局长"')
        self.assertEqual(self.stage_of(decision), G.COLLECTIVE_DECISION)


class AfterTheDecisionPageTests(ViewTestCase):
    def test_publication_sets_the_archive_deadline_shown_with_its_basis(self) -> None:
        decision = decided(self.reviewed(), self.director)
        self.login(self.reviewer)
        response = self.client.post(
            act(decision, "publish"),
            {"publish-published_on": "2026-06-17", "publish-channel": "局网站"},
            follow=True,
        )
        self.assertContains(response, "公布日期不能晚于今天")
        response = self.client.post(
            act(decision, "publish"), {"publish-published_on": "2026-03-05", "publish-channel": "局网站"}
        )
        self.assertIn("已公布决策；档案应于 2026年4月2日 前移交。", self.messages_of(response))
        self.assertEqual(self.verbs_of(decision)[-1], "decision.publish")
        page = self.client.get(detail(decision))
        self.assertContains(page, "津政办发〔2022〕24号")
        self.assertContains(page, "已逾期")  # 2 April has passed on 16 June

    def test_the_archive_download_is_a_zip_whose_files_match_its_manifest(self) -> None:
        decision = self.published()
        self.login(self.drafter)
        response = self.client.get(reverse("decisions:archive", args=[decision.pk]))
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertIn("attachment;", response["Content-Disposition"])
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        manifest = json.loads(archive.read("manifest.json"))
        entries = manifest["records"] + manifest["files"]
        self.assertEqual(len(manifest["files"]), 4)
        self.assertEqual(
            sorted(e["path"] for e in entries), sorted(n for n in archive.namelist() if n != "manifest.json")
        )
        for entry in entries:
            self.assertEqual(
                hashlib.sha256(archive.read(entry["path"])).hexdigest(), entry["sha256"], entry["path"]
            )
        # Viewing the package hands nothing over.
        decision.refresh_from_db()
        self.assertIsNone(decision.archived_on)

    def test_the_hand_over_records_the_package_hash_and_whether_it_was_on_time(self) -> None:
        decision = self.published()
        self.login(self.drafter)
        response = self.client.post(act(decision, "archive"))
        decision.refresh_from_db()
        self.assertEqual(decision.archived_on, D(2026, 6, 16))
        self.assertIn(
            f"已移交归档（逾期），档案包 SHA-256：{decision.archive_sha256}。", self.messages_of(response)
        )
        event = AuditEvent.objects.get(verb="decision.archive")
        self.assertFalse(event.data["on_time"])
        page = self.client.get(detail(decision))
        self.assertContains(page, "逾期移交")
        self.assertContains(page, decision.archive_sha256)

    def test_execution_is_reported_and_an_assessor_is_refused_as_evaluator(self) -> None:
        decision = self.published()
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "execution_report"),
            {
                "execution-execution_unit": "基础研究处",
                "execution-period": "2026年上半年",
                "execution-progress": "完成年度目标的45%",
                "execution-problems": "资金到位较慢",
            },
        )
        self.assertIn("已报告执行情况。", self.messages_of(response))
        evaluation = {
            "evaluation-evaluator": "南开大学",
            "evaluation-trigger": "实施满三个月",
            "evaluation-report": "报告",
            "evaluation-conclusion": "达到预期",
        }
        page = self.client.get(detail(decision))
        self.assertContains(
            page, "承担决策前论证评估的单位不得承担决策后评估：南开大学、天津市科学技术发展战略研究院。"
        )
        response = self.client.post(act(decision, "post_evaluation"), evaluation, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "南开大学承担了决策前的评估论证工作，不得承担决策后评估（《重大行政决策程序暂行条例》第三十六条）",
        )
        self.assertContains(response, "实施满三个月")
        response = self.client.post(
            act(decision, "post_evaluation"), {**evaluation, "evaluation-evaluator": "天津市社会科学院"}
        )
        self.assertIn("已决策后评估。", self.messages_of(response))
        self.assertEqual(self.verbs_of(decision)[-2:], ["decision.execution", "decision.post_evaluation"])

    def test_an_adjustment_reruns_the_chosen_procedures(self) -> None:
        decision = self.published()
        self.login(self.director)
        response = self.client.post(
            act(decision, "adjust"),
            {"adjust-kind": "adjust", "adjust-reason": "目标调整"},
            follow=True,
        )
        self.assertContains(response, "请选择需要重新履行的程序")
        response = self.client.post(
            act(decision, "adjust"),
            {"adjust-kind": "adjust", "adjust-reason": "目标调整", "adjust-rerun": ["risk_assessment"]},
        )
        self.assertIn("已记录调整，事项当前处于“风险评估”。", self.messages_of(response))
        self.login(self.drafter)
        page = self.client.get(detail(decision))
        self.assertContains(page, 'id="step-record_risk"')
        self.assertContains(page, "2026年3月5日 在 局网站 公布。")  # the publication stays in view
        self.assertEqual(self.verbs_of(decision)[-1], "decision.adjust")

    def test_the_timeline_lists_the_audit_events_in_chinese(self) -> None:
        decision = self.published()
        self.login(self.reviewer)
        page = self.client.get(detail(decision))
        for label in ("提出决策事项", "列入目录", "公开征求意见", "完成专家论证", "集体讨论决定", "公布决策"):
            self.assertContains(page, f"<strong>{label}</strong>")


# ---------------------------------------------------------------------------------------------
# The board
