"""Public participation, expert argumentation and risk assessment of a major decision."""

from __future__ import annotations

from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.decisions import actions
from fazhi.decisions.tests.factories import (
    at,
    pdf,
    through_participation,
)
from fazhi.decisions.tests.test_actions import D, DecisionTestCase, G


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
