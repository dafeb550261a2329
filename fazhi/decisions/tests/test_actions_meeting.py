"""The legality review and the collective decision, and what follows the decision."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.decisions import actions
from fazhi.decisions.archive import archive_decision, build_package
from fazhi.decisions.models import MajorDecision
from fazhi.decisions.tests.factories import (
    at,
    decided,
    pdf,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import D, DecisionTestCase, G


class ReviewAndMeetingTests(DecisionTestCase):
    def reviewed(self) -> MajorDecision:
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        return through_review(decision, self.drafter, self.reviewer, self.counsel)

    def test_without_a_cleared_review_the_meeting_is_refused_citing_article_25(self) -> None:
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        with at("2026-02-11"):
            actions.submit_for_legality_review(decision, actor=self.drafter)
            with self.assertRaisesMessage(LegalGateClosed, "第二十五条"):
                actions.send_to_meeting(decision, actor=self.drafter)

    def test_the_review_package_states_the_procedures_performed(self) -> None:
        decision = self.reviewed()
        review = decision.__class__.objects.get(pk=decision.pk)
        from fazhi.reviews.models import ReviewRequest

        request = ReviewRequest.objects.get(subject_id=str(review.pk))
        self.assertIn("公众参与：已履行", request.explanation)
        self.assertEqual(request.subject_kind, "major_decision")

    def test_the_head_speaks_last(self) -> None:
        decision = self.reviewed()
        with (
            at("2026-03-03"),
            self.assertRaisesMessage(LegalGateClosed, "行政首长应当在会议讨论的最后发表意见"),
        ):
            actions.record_collective_decision(
                decision,
                actor=self.director,
                meeting_name="局长办公会",
                meeting_on=D(2026, 3, 3),
                attendees="全体",
                statements=[
                    actions.Statement("陈局长", "同意", is_head=True),
                    actions.Statement("周副局长", "同意"),
                ],
                adopted=True,
                decision_text="通过",
                minutes=pdf("m.pdf"),
            )

    def test_dissent_is_recorded_with_the_decision(self) -> None:
        decision = self.reviewed()
        with at("2026-03-03"):
            actions.record_collective_decision(
                decision,
                actor=self.director,
                meeting_name="局长办公会",
                meeting_on=D(2026, 3, 3),
                attendees="全体",
                statements=[
                    actions.Statement("周副局长", "建议缓行"),
                    actions.Statement("陈局长", "同意", is_head=True),
                ],
                adopted=True,
                decision_text="通过",
                dissent="周副局长：建议缓行一年",
                minutes=pdf("m.pdf"),
            )
        decision.refresh_from_db()
        self.assertEqual(
            (decision.stage, decision.dissent, decision.head_conclusion),
            (G.DECIDED, "周副局长：建议缓行一年", "同意"),
        )

    def test_a_drafter_cannot_record_the_decision(self) -> None:
        decision = self.reviewed()
        with self.assertRaises(PermissionDenied):
            actions.record_collective_decision(
                decision,
                actor=self.drafter,
                meeting_name="x",
                meeting_on=D(2026, 3, 3),
                attendees="x",
                statements=[actions.Statement("陈局长", "同意", is_head=True)],
                adopted=True,
                decision_text="x",
                minutes=pdf("m.pdf"),
            )


class AfterTheDecisionTests(DecisionTestCase):
    def published(self) -> MajorDecision:
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        decision = decided(through_review(decision, self.drafter, self.reviewer, self.counsel), self.director)
        with at("2026-03-05"):
            actions.publish_decision(
                decision, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
        decision.refresh_from_db()
        return decision

    def test_archive_is_due_thirty_days_after_the_decision(self) -> None:
        decision = self.published()
        self.assertEqual(decision.archive_due_on, D(2026, 4, 2))

    def test_the_archive_package_matches_its_manifest_and_the_audit_chain(self) -> None:
        decision = self.published()
        with at("2026-03-20"):
            package = archive_decision(decision, actor=self.reviewer)
        zf = zipfile.ZipFile(io.BytesIO(package))
        manifest = json.loads(zf.read("manifest.json"))
        for entry in manifest["records"] + manifest["files"]:
            self.assertEqual(
                hashlib.sha256(zf.read(entry["path"])).hexdigest(), entry["sha256"], entry["path"]
            )
        # The signed expert opinion, the risk report, the minutes, and the review's draft.
        self.assertEqual(len(manifest["files"]), 4)
        for entry in manifest["files"]:
            event = AuditEvent.objects.get(seq=entry["audit_seq"])
            self.assertEqual(event.data["sha256"], entry["sha256"])
        seqs = [e["seq"] for e in manifest["audit_events"]]
        self.assertEqual(seqs, sorted(seqs))
        decision.refresh_from_db()
        self.assertEqual(decision.archive_sha256, hashlib.sha256(package).hexdigest())
        self.assertTrue(AuditEvent.objects.get(verb="decision.archive").data["on_time"])

    def test_a_file_changed_on_disk_cannot_be_archived(self) -> None:
        decision = self.published()
        attachment = next(iter(__import__("fazhi.core.attachments", fromlist=["x"]).attachments_of(decision)))
        with open(attachment.file.path, "wb") as fh:
            fh.write(b"%PDF-1.4 tampered")
        with self.assertRaisesMessage(DomainError, "与上传时记录的哈希不符"):
            build_package(decision)

    def test_the_evaluator_may_not_be_a_pre_decision_assessor(self) -> None:
        decision = self.published()
        with at("2026-11-01"):
            with self.assertRaisesMessage(LegalGateClosed, "不得承担决策后评估"):
                actions.record_post_evaluation(
                    decision,
                    actor=self.reviewer,
                    evaluator="天津市科学技术发展战略研究院",
                    trigger="实施满半年",
                    report="报告",
                    conclusion="结论",
                )
            with self.assertRaisesMessage(LegalGateClosed, "不得承担决策后评估"):
                actions.record_post_evaluation(
                    decision,
                    actor=self.reviewer,
                    evaluator="南开大学",
                    trigger="实施满半年",
                    report="报告",
                    conclusion="结论",
                )
            evaluation = actions.record_post_evaluation(
                decision,
                actor=self.reviewer,
                evaluator="天津市社会科学院",
                trigger="实施满半年",
                report="报告",
                conclusion="达到预期",
            )
        self.assertEqual(evaluation.evaluator, "天津市社会科学院")

    def test_execution_is_tracked_after_publication(self) -> None:
        decision = self.published()
        with at("2026-06-30"):
            report = actions.add_execution_report(
                decision,
                actor=self.drafter,
                execution_unit="发展规划处",
                period="2026年上半年",
                progress="完成年度目标的45%",
                problems="资金到位较慢",
            )
        self.assertEqual(report.reported_on, D(2026, 6, 30))

    def test_an_adjustment_reruns_the_procedures_it_needs(self) -> None:
        decision = self.published()
        with at("2026-07-01"):
            with self.assertRaisesMessage(DomainError, "请选择需要重新履行的程序"):
                actions.adjust_decision(decision, actor=self.reviewer, kind="adjust", reason="目标调整")
            actions.adjust_decision(
                decision,
                actor=self.reviewer,
                kind="adjust",
                reason="目标调整",
                rerun=["risk_assessment", "expert_argumentation"],
            )
        decision.refresh_from_db()
        self.assertEqual(decision.stage, G.EXPERT_ARGUMENTATION)

    def test_suspension(self) -> None:
        decision = self.published()
        with at("2026-07-01"):
            actions.adjust_decision(decision, actor=self.director, kind="suspend", reason="上位政策变化")
        decision.refresh_from_db()
        self.assertEqual(decision.stage, G.SUSPENDED)
