from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.decisions import actions
from fazhi.decisions.archive import archive_decision, build_package
from fazhi.decisions.models import DecisionCatalog, DecisionExpert, MajorDecision
from fazhi.decisions.tests.factories import (
    at,
    catalogued,
    decided,
    pdf,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.reviews.tests.test_actions import ReviewTestCase

G = MajorDecision.Stage
D = datetime.date


class DecisionTestCase(ReviewTestCase):
    expert: DecisionExpert
    interested: DecisionExpert

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.expert = DecisionExpert.objects.create(name="吴教授", organization="南开大学", field="科技政策")
        cls.interested = DecisionExpert.objects.create(name="郑研究员", organization="某研究院", field="规划")

    def new(self, **kwargs) -> MajorDecision:  # type: ignore[no-untyped-def]
        decision, _catalog = catalogued(self.drafter, self.reviewer, agency=self.bureau, **kwargs)
        return decision


class CatalogTests(DecisionTestCase):
    def test_legality_review_cannot_be_waived(self) -> None:
        with self.assertRaisesMessage(DomainError, "合法性审查和集体讨论决定是法定必经程序"):
            actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="x",
                legal_basis="y",
                reason="z",
                waivers={"legality_review": "不需要"},
            )

    def test_a_waiver_needs_a_reason(self) -> None:
        with self.assertRaisesMessage(DomainError, "不适用“风险评估”程序的，应当说明理由"):
            actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="x",
                legal_basis="y",
                reason="z",
                waivers={"risk_assessment": " "},
            )

    def test_publishing_the_approved_catalog_starts_drafting(self) -> None:
        decision = self.new()
        self.assertEqual(decision.stage, G.PUBLIC_PARTICIPATION)
        catalog = DecisionCatalog.objects.get()
        self.assertEqual((catalog.status, catalog.approval_meeting), ("published", "局党委会"))

    def test_a_catalog_cannot_be_published_before_approval(self) -> None:
        with at("2026-01-05"):
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            with self.assertRaises(InvalidTransition):
                actions.publish_catalog(catalog, actor=self.reviewer)

    def test_an_adjustment_is_a_new_version_with_the_changes_visible(self) -> None:
        with at("2026-01-05"):
            kept, dropped = (
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=t, legal_basis="法", reason="因"
                )
                for t in ("天津市科技创新“十四五”规划", "天津市基础研究十年行动方案")
            )
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(catalog, kept, actor=self.reviewer)
            actions.add_to_catalog(catalog, dropped, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
            actions.publish_catalog(catalog, actor=self.reviewer)
        with at("2026-06-01"):
            added = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技成果转化三年行动计划",
                legal_basis="法",
                reason="新增",
            )
            v2 = actions.adjust_catalog(catalog, actor=self.reviewer, note="年中调整")
            actions.add_to_catalog(v2, added, actor=self.reviewer)
            actions.remove_from_catalog(v2, dropped, actor=self.reviewer, reason="并入十四五规划")
            actions.change_catalog_entry(
                v2,
                kept,
                actor=self.reviewer,
                title="天津市科技创新“十四五”规划（含中长期展望）",
                planned_end=D(2026, 12, 31),
                reason="扩展规划期",
            )
            actions.approve_catalog(v2, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 6, 1))
            actions.publish_catalog(v2, actor=self.reviewer)
        changes = dict(v2.entries.values_list("decision_id", "change"))
        self.assertEqual(changes, {kept.pk: "changed", dropped.pk: "removed", added.pk: "added"})
        kept.refresh_from_db()
        self.assertEqual(kept.title, "天津市科技创新“十四五”规划（含中长期展望）")
        self.assertEqual(catalog.entries.get(decision=kept).title, "天津市科技创新“十四五”规划")
        self.assertEqual(v2.version, 2)
        self.assertEqual(v2.previous, catalog)
        dropped.refresh_from_db()
        added.refresh_from_db()
        self.assertEqual((dropped.stage, added.stage), (G.REMOVED, G.DRAFTING))
        with self.assertRaises(InvalidTransition):
            actions.adjust_catalog(catalog, actor=self.reviewer, note="在旧版本上再调整")

    def test_only_the_legal_affairs_division_compiles(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.create_catalog(actor=self.drafter, agency=self.bureau, year=2026)


class OrderTests(DecisionTestCase):
    def test_expert_argumentation_and_risk_assessment_may_come_before_public_participation(self) -> None:
        """713号 第十四条至第二十四条 set public participation, expert argumentation and risk
        assessment side by side and fix no order among them; 第二十六条: "送请合法性审查，应当提供
        决策草案及相关材料，包括有关法律、法规、规章等依据和履行决策法定程序的说明等"."""
        decision = self.new()
        with at("2026-01-06"):
            actions.add_expert_opinion(
                decision,
                self.expert,
                actor=self.drafter,
                opinion="可行",
                signed_on=D(2026, 1, 6),
                signed_copy=pdf("x.pdf"),
            )
            actions.complete_expert_argumentation(decision, actor=self.drafter)
            decision.refresh_from_db()
            self.assertEqual(decision.stage, G.PUBLIC_PARTICIPATION)
            self.assertEqual(decision.completed_procedures, ["expert_argumentation"])
            actions.record_risk_assessment(
                decision,
                actor=self.drafter,
                assessor="天津市科学技术发展战略研究院",
                level="low",
                risk_points="资金保障",
                mitigations="分年度安排",
                report=pdf("r.pdf"),
            )
            actions.complete_risk_assessment(decision, actor=self.drafter)
            with self.assertRaisesMessage(InvalidTransition, "“专家论证”程序本轮已完成"):
                actions.complete_expert_argumentation(decision, actor=self.drafter)
            with self.assertRaisesMessage(
                InvalidTransition,
                "尚有未完成的决策程序（公众参与）：送请合法性审查，应当提供履行决策法定程序的说明",
            ):
                actions.submit_for_legality_review(decision, actor=self.drafter)
        decision = through_participation(decision, self.drafter)
        self.assertEqual(decision.stage, G.LEGALITY_REVIEW)
        self.assertEqual(
            decision.completed_procedures, ["expert_argumentation", "risk_assessment", "public_participation"]
        )

    def test_the_draft_goes_to_the_meeting_only_after_the_legality_review(self) -> None:
        """713号 第二十五条: "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论"."""
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        with (
            at("2026-02-12"),
            self.assertRaisesMessage(
                InvalidTransition, "不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条）"
            ),
        ):
            actions.record_collective_decision(
                decision,
                actor=self.director,
                meeting_name="局长办公会",
                meeting_on=D(2026, 2, 12),
                attendees="陈局长",
                statements=[actions.Statement("陈局长", "同意", is_head=True)],
                adopted=True,
                decision_text="通过",
                minutes=pdf("m.pdf"),
            )

    def test_waived_procedures_are_skipped_with_their_reason(self) -> None:
        decision = self.new(
            waivers={"public_participation": "内部管理事项", "expert_argumentation": "不涉及专业技术"}
        )
        self.assertEqual(decision.stage, G.RISK_ASSESSMENT)


class PublicParticipationTests(DecisionTestCase):
    def test_a_window_shorter_than_thirty_days_needs_a_public_reason(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            with self.assertRaisesMessage(LegalGateClosed, "截止日不早于 2026年2月5日"):
                actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 1, 20))
            consultation = actions.open_consultation(
                decision, actor=self.drafter, closes_on=D(2026, 1, 20), short_reason="落实市委部署，时间紧迫"
            )
        self.assertEqual(consultation.short_reason, "落实市委部署，时间紧迫")

    def test_comments_are_grouped_answered_and_reported(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-01-20"):
            first = actions.add_public_comment(
                consultation, text="建议增加人才引进目标", author_name="王先生"
            )
            same = actions.add_public_comment(consultation, text="希望写入人才引进指标")
            actions.mark_duplicate(same, of=first, actor=self.drafter)
        with at("2026-02-11"):
            with self.assertRaisesMessage(LegalGateClosed, "尚有 2 条意见未答复"):
                actions.publish_adoption_report(decision, actor=self.drafter, report="报告")
            with self.assertRaisesMessage(DomainError, "不采纳或部分采纳的理由"):
                actions.answer_comment(first, actor=self.drafter, adoption="not_adopted", answer="")
            actions.answer_comment(first, actor=self.drafter, adoption="adopted", answer="已在第三章增加")
            actions.publish_adoption_report(decision, actor=self.drafter, report="收到意见2条，采纳2条。")
            actions.complete_public_participation(decision, actor=self.drafter)
        same.refresh_from_db()
        self.assertEqual((same.adoption, same.answer), ("adopted", "已在第三章增加"))
        decision.refresh_from_db()
        self.assertEqual(decision.stage, G.EXPERT_ARGUMENTATION)

    def test_no_comment_after_the_window(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-02-11"), self.assertRaisesMessage(DomainError, "不在征求意见期内"):
            actions.add_public_comment(consultation, text="晚到")

    def test_the_report_waits_for_the_window_to_close(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
            with self.assertRaisesMessage(DomainError, "期满后方可公布采纳情况"):
                actions.publish_adoption_report(decision, actor=self.drafter, report="报告")

    def test_hearing_materials_reach_the_participants_seven_days_before_the_hearing(self) -> None:
        """713号 第十六条第二款、第三款: "应当提前公布决策草案及其说明等材料，明确听证时间、地点等
        信息……听证会材料应当于召开听证会7日前送达听证参加人" — the notice itself has no fixed
        period."""
        decision = self.new()
        with at("2026-01-06"):
            with self.assertRaisesMessage(
                LegalGateClosed,
                "2026年1月12日召开的听证会，材料最迟应于 2026年1月5日 送达听证参加人",
            ):
                actions.schedule_hearing(
                    decision,
                    actor=self.drafter,
                    held_on=D(2026, 1, 12),
                    place="局会议室",
                    participants="企业代表3名、专家2名、市民代表2名",
                )
            # Materials delivered earlier (on 5 January) allow a hearing six days after the notice.
            early = actions.schedule_hearing(
                decision,
                actor=self.drafter,
                held_on=D(2026, 1, 12),
                place="局会议室",
                participants="企业代表3名",
                materials_delivered_on=D(2026, 1, 5),
            )
            hearing = actions.schedule_hearing(
                decision,
                actor=self.drafter,
                held_on=D(2026, 1, 13),
                place="局会议室",
                participants="企业代表3名",
            )
        self.assertEqual(
            (early.notice_published_on, early.materials_delivered_on), (D(2026, 1, 6), D(2026, 1, 5))
        )
        self.assertEqual(
            (hearing.notice_published_on, hearing.materials_delivered_on), (D(2026, 1, 6), D(2026, 1, 6))
        )


class ExpertAndRiskTests(DecisionTestCase):
    def test_an_expert_with_a_direct_interest_is_excluded(self) -> None:
        decision = through_participation(self.new(), self.drafter)
        with at("2026-02-11"):
            actions.declare_interest(decision, self.interested, actor=self.drafter, note="其单位承担规划编制")
            with self.assertRaisesMessage(LegalGateClosed, "应当回避"):
                actions.add_expert_opinion(
                    decision,
                    self.interested,
                    actor=self.drafter,
                    opinion="同意",
                    signed_on=D(2026, 2, 11),
                    signed_copy=pdf("a.pdf"),
                )
            with self.assertRaisesMessage(LegalGateClosed, "尚无本轮专家论证意见"):
                actions.complete_expert_argumentation(decision, actor=self.drafter)

    def test_an_uncontrollable_risk_blocks_until_the_draft_is_revised(self) -> None:
        decision = through_participation(self.new(), self.drafter)
        with at("2026-02-11"):
            actions.add_expert_opinion(
                decision,
                self.expert,
                actor=self.drafter,
                opinion="可行",
                signed_on=D(2026, 2, 11),
                signed_copy=pdf("a.pdf"),
            )
            actions.complete_expert_argumentation(decision, actor=self.drafter)
            actions.record_risk_assessment(
                decision,
                actor=self.drafter,
                assessor="第三方评估机构",
                level="uncontrollable",
                risk_points="财政承受能力",
                mitigations="缩减规模",
                report=pdf("r.pdf"),
            )
            with self.assertRaisesMessage(LegalGateClosed, "风险不可控"):
                actions.complete_risk_assessment(decision, actor=self.drafter)
            actions.revise_draft_after_risk(
                decision, actor=self.drafter, draft_text="调整后的规划", note="缩减规模"
            )
            actions.complete_risk_assessment(decision, actor=self.drafter)
        decision.refresh_from_db()
        self.assertEqual(decision.stage, G.LEGALITY_REVIEW)


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


class CommentGroupTests(DecisionTestCase):
    def consultation(self):  # type: ignore[no-untyped-def]
        decision = self.new()
        with at("2026-01-06"):
            return decision, actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))

    def test_a_group_leader_cannot_join_its_own_group(self) -> None:
        _decision, consultation = self.consultation()
        with at("2026-01-20"):
            a = actions.add_public_comment(consultation, text="甲")
            b = actions.add_public_comment(consultation, text="乙")
            actions.mark_duplicate(b, of=a, actor=self.drafter)
            with self.assertRaisesMessage(DomainError, "不能再归并到本组"):
                actions.mark_duplicate(a, of=b, actor=self.drafter)

    def test_merging_a_group_into_another_moves_its_members_and_one_answer_covers_all(self) -> None:
        decision, consultation = self.consultation()
        with at("2026-01-20"):
            a, b, c = (actions.add_public_comment(consultation, text=t) for t in "甲乙丙")
            actions.mark_duplicate(b, of=a, actor=self.drafter)
            actions.mark_duplicate(a, of=c, actor=self.drafter)
        with at("2026-02-11"):
            actions.answer_comment(c, actor=self.drafter, adoption="adopted", answer="")
            actions.publish_adoption_report(decision, actor=self.drafter, report="采纳3条")
            with self.assertRaisesMessage(DomainError, "答复不能再修改"):
                actions.answer_comment(c, actor=self.drafter, adoption="not_adopted", answer="改变主意")
        self.assertEqual(set(consultation.comments.values_list("adoption", flat=True)), {"adopted"})
        self.assertEqual(
            set(consultation.comments.exclude(pk=c.pk).values_list("duplicate_of", flat=True)), {c.pk}
        )

    def test_an_adjustment_reruns_public_participation_in_a_new_round(self) -> None:
        from fazhi.decisions.tests.factories import (
            decided,
            through_expert_and_risk,
            through_participation,
            through_review,
        )

        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        decision = decided(through_review(decision, self.drafter, self.reviewer, self.counsel), self.director)
        with at("2026-03-05"):
            actions.publish_decision(
                decision, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
        with at("2026-07-01"):
            actions.adjust_decision(
                decision,
                actor=self.reviewer,
                kind="adjust",
                reason="目标调整",
                rerun=["public_participation", "expert_argumentation"],
            )
            decision.refresh_from_db()
            # The risk assessment, not re-run, stands; the two re-run are open side by side.
            self.assertEqual(decision.completed_procedures, ["risk_assessment"])
            with self.assertRaisesMessage(LegalGateClosed, "公众意见采纳情况尚未公布"):
                actions.complete_public_participation(decision, actor=self.drafter)
            actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 8, 10))
        with at("2026-08-11"):
            actions.publish_adoption_report(decision, actor=self.drafter, report="第二轮未收到意见")
            actions.complete_public_participation(decision, actor=self.drafter)
            # The earlier round's expert opinion and risk assessment do not count for the new one.
            with self.assertRaisesMessage(LegalGateClosed, "尚无本轮专家论证意见"):
                actions.complete_expert_argumentation(decision, actor=self.drafter)
        event = AuditEvent.objects.filter(verb="decision.consultation.open").order_by("-seq").first()
        assert event is not None
        self.assertEqual(event.data["previous_round"]["report"], "未收到意见。")
