"""The detail page's procedures before the meeting: drafting, participation, their order,
experts and risk."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.decisions import actions
from fazhi.decisions.models import Consultation, ExpertOpinion
from fazhi.decisions.tests.factories import at, pdf, through_participation
from fazhi.decisions.tests.test_views import D, G, ViewTestCase, act, detail, upload
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest


class DraftingTests(ViewTestCase):
    def test_the_drafter_saves_the_draft_and_starts_the_procedures(self) -> None:
        decision = self.drafting()
        self.login(self.drafter)
        response = self.client.post(act(decision, "start"))
        self.assertIn("请先保存决策草案和起草说明", self.messages_of(response))
        self.assertEqual(self.stage_of(decision), G.DRAFTING)
        response = self.client.post(
            act(decision, "save_draft"), {"draft-draft_text": "第一条 ……", "draft-explanation": "起草说明"}
        )
        self.assertIn("已保存决策草案。", self.messages_of(response))
        response = self.client.post(act(decision, "start"))
        self.assertIn("已启动法定程序，事项进入“公众参与”。", self.messages_of(response))
        self.assertEqual(self.verbs_of(decision)[-2:], ["decision.draft", "decision.start"])

    def test_an_empty_draft_keeps_the_form_with_the_error_next_to_the_field(self) -> None:
        decision = self.drafting()
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "save_draft"),
            {"draft-draft_text": "", "draft-explanation": "说明已写好"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<p class="field-error" role="alert">请填写决策草案</p>', html=True)
        self.assertContains(response, "说明已写好")
        self.assertNotIn("decision.draft", self.verbs_of(decision))


class ParticipationPageTests(ViewTestCase):
    def test_the_page_offers_the_consultation_with_the_thirty_day_minimum_and_its_basis(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        response = self.client.get(detail(decision))
        self.assertContains(response, 'id="step-open_consultation"')
        self.assertContains(response, '<time datetime="2026-07-16">2026年7月16日</time>', html=True)
        self.assertContains(response, "《重大行政决策程序暂行条例》（国务院令第713号）第十五条")
        self.assertContains(response, "期限少于30日的须说明理由，理由向社会公开")

    def test_a_short_window_without_a_reason_is_refused_and_the_date_is_kept(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "open_consultation"),
            {"consultation-closes_on": "2026-07-01"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "截止日不早于 2026年7月16日")
        self.assertContains(response, 'value="2026-07-01"')
        self.assertFalse(Consultation.objects.exists())
        self.assertNotIn("decision.consultation.open", self.verbs_of(decision))

    def test_a_short_window_with_a_reason_is_opened_and_the_reason_shown(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "open_consultation"),
            {"consultation-closes_on": "2026-07-01", "consultation-short_reason": "落实市委部署，时间紧迫"},
        )
        self.assertIn("已公开征求意见，至 2026年7月1日 截止。", self.messages_of(response))
        consultation = Consultation.objects.get()
        self.assertEqual(consultation.short_reason, "落实市委部署，时间紧迫")
        event = AuditEvent.objects.get(verb="decision.consultation.open")
        self.assertEqual(event.data["rule"], "decision.comment_min")
        page = self.client.get(detail(decision))
        self.assertContains(page, "缩短期限的理由（已公开）")
        self.assertNotContains(page, 'id="step-publish_report"')  # not before the window closes
        self.assertContains(page, reverse("public_decisions:consultation", args=[consultation.pk]))

    def test_comments_are_grouped_answered_and_the_report_published(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-01-20"):
            first = actions.add_public_comment(
                consultation, text="建议增加人才引进目标", author_name="王先生"
            )
            same = actions.add_public_comment(consultation, text="希望写入人才引进指标")
        self.login(self.drafter)
        with at("2026-02-11"):
            page = self.client.get(detail(decision))
            self.assertContains(page, "尚有 2 条意见未答复")
            response = self.client.post(
                act(decision, "mark_duplicate"), {"comment": str(same.pk), f"dup-{same.pk}-of": str(first.pk)}
            )
            self.assertIn("已归并为重复意见，随所归并的意见一并答复。", self.messages_of(response))
            response = self.client.post(
                act(decision, "answer_comment"),
                {
                    "comment": str(first.pk),
                    f"answer-{first.pk}-adoption": "not_adopted",
                    f"answer-{first.pk}-answer": "",
                },
                follow=True,
            )
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "部分采纳或未采纳的，请填写答复理由")
            self.client.post(
                act(decision, "answer_comment"),
                {
                    "comment": str(first.pk),
                    f"answer-{first.pk}-adoption": "adopted",
                    f"answer-{first.pk}-answer": "已在第三章增加人才引进目标",
                },
            )
            same.refresh_from_db()
            self.assertEqual((same.duplicate_of_id, same.adoption), (first.pk, "adopted"))
            page = self.client.get(detail(decision))
            self.assertContains(page, "另有 1 条重复意见")
            self.assertContains(page, "意见 2（重复）")
            self.client.post(act(decision, "publish_report"), {"report-report": "收到意见2条，采纳2条。"})
            response = self.client.post(act(decision, "complete_participation"))
            self.assertIn("已完成公众参与，事项进入“专家论证”。", self.messages_of(response))
        self.assertEqual(
            [v for v in self.verbs_of(decision) if v.startswith("decision.co") or v.endswith(".done")],
            [
                "decision.consultation.open",
                "decision.comment",
                "decision.comment",
                "decision.comment.duplicate",
                "decision.comment.answer",
                "decision.consultation.report",
                "decision.public_participation.done",
            ],
        )

    def test_a_hearing_whose_materials_come_too_late_is_refused_naming_article_16(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        data = {
            "hearing-held_on": "2026-06-20",
            "hearing-place": "局第一会议室",
            "hearing-participants": "企业代表3名、专家2名、市民代表2名",
        }
        response = self.client.post(act(decision, "schedule_hearing"), data, follow=True)
        self.assertContains(response, "2026年6月20日召开的听证会，材料最迟应于 2026年6月13日 送达听证参加人")
        self.assertContains(response, "第十六条第三款")
        self.assertContains(response, "企业代表3名、专家2名、市民代表2名")
        response = self.client.post(
            act(decision, "schedule_hearing"), {**data, "hearing-held_on": "2026-06-23"}
        )
        self.assertIn("已公告听证会：2026年6月23日，局第一会议室。", self.messages_of(response))
        self.assertEqual(self.verbs_of(decision)[-1], "decision.hearing.schedule")
        self.assertContains(self.client.get(detail(decision)), "企业代表3名、专家2名、市民代表2名")


# ---------------------------------------------------------------------------------------------
# Order, expert argumentation and risk assessment


class OrderTests(ViewTestCase):
    def test_expert_argumentation_is_offered_and_done_while_public_participation_runs(self) -> None:
        """713号 第十四条至第二十四条 fix no order among public participation, expert argumentation
        and risk assessment: the page offers each open procedure and refuses none for its order."""
        decision = self.new()  # at public participation
        self.login(self.drafter)
        page = self.client.get(detail(decision))
        self.assertContains(page, 'id="step-add_expert_opinion"')
        self.assertContains(page, 'id="step-record_risk"')
        response = self.client.post(
            act(decision, "add_expert_opinion"),
            {
                "opinion-expert": str(self.expert.pk),
                "opinion-opinion": "规划目标科学可行。",
                "opinion-signed_on": "2026-06-16",
                "opinion-signed_copy": upload(),
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(ExpertOpinion.objects.filter(opinion="规划目标科学可行。").exists())
        self.assertEqual(self.stage_of(decision), G.PUBLIC_PARTICIPATION)
        self.assertNotIn("依次", " ".join(self.messages_of(response)))

    def test_a_declaration_of_interest_is_taken_while_public_participation_runs(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "declare_interest"),
            {"interest-expert": str(self.interested.pk), "interest-note": "x"},
        )
        self.assertRedirects(response, detail(decision) + "#experts", fetch_redirect_response=False)
        self.assertTrue(ExpertOpinion.objects.filter(declared_interest=True).exists())

    def test_the_meeting_without_a_cleared_review_is_refused_citing_article_25(self) -> None:
        decision = self.at_review()
        self.login(self.drafter)
        response = self.client.post(act(decision, "submit_review"))
        review = ReviewRequest.objects.get()
        self.assertIn(f"已送请合法性审查（{review.code}），等待政策法规处受理。", self.messages_of(response))
        page = self.client.get(detail(decision))
        self.assertContains(page, reverse("reviews:detail", args=[review.pk]))
        self.assertContains(page, "合法性审核尚未完成")
        self.assertNotContains(page, 'id="step-submit_review"')
        response = self.client.post(act(decision, "send_to_meeting"))
        self.assertIn("第二十五条", " ".join(self.messages_of(response)))
        self.assertEqual(self.stage_of(decision), G.LEGALITY_REVIEW)
        self.assertEqual(self.verbs_of(decision)[-1], "decision.legality_review.submit")

    def test_with_the_review_cleared_the_matter_goes_to_the_meeting(self) -> None:
        decision = self.at_review()
        self.login(self.drafter)
        self.client.post(act(decision, "submit_review"))
        review = ReviewRequest.objects.get()
        review_actions.accept_review(review, actor=self.reviewer)
        review_actions.assign_review(
            review, actor=self.reviewer, reviewers=[self.reviewer], counsel=[self.counsel]
        )
        with at("2026-06-29"):  # seven working days after acceptance
            review_actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
            self.login(self.drafter)  # the session of 16 June has expired
            page = self.client.get(detail(decision))
            self.assertContains(page, "可以提交集体讨论")
            self.assertContains(page, f"已经合法性审核（{review.code}，结论：合法）")
            response = self.client.post(act(decision, "send_to_meeting"))
        self.assertIn("已提交集体讨论，事项进入“集体讨论决定”。", self.messages_of(response))
        self.assertEqual(self.verbs_of(decision)[-1], "decision.legality_review.done")


class ExpertAndRiskPageTests(ViewTestCase):
    def test_an_interested_expert_is_excluded_and_a_signed_opinion_recorded(self) -> None:
        decision = through_participation(self.new(), self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "declare_interest"),
            {"interest-expert": str(self.interested.pk), "interest-note": "其单位承担规划编制"},
        )
        self.assertIn("已声明利害关系并回避。", self.messages_of(response))
        response = self.client.post(
            act(decision, "add_expert_opinion"),
            {
                "opinion-expert": str(self.interested.pk),
                "opinion-opinion": "同意",
                "opinion-signed_on": "2026-06-16",
                "opinion-signed_copy": upload(),
            },
            follow=True,
        )
        self.assertContains(response, "郑研究员 已声明与本事项有直接利害关系，应当回避")
        response = self.client.post(
            act(decision, "add_expert_opinion"),
            {
                "opinion-expert": str(self.expert.pk),
                "opinion-opinion": "规划目标科学可行。",
                "opinion-signed_on": "2026-06-16",
                "opinion-signed_copy": upload("吴教授签字意见.pdf"),
            },
        )
        self.assertIn("已记录专家论证意见。", self.messages_of(response))
        page = self.client.get(detail(decision))
        self.assertContains(page, "吴教授签字意见.pdf")
        self.assertContains(page, "声明存在直接利害关系：其单位承担规划编制")
        self.client.post(act(decision, "complete_experts"))
        self.assertEqual(self.stage_of(decision), G.RISK_ASSESSMENT)
        self.assertIn("decision.expert.opinion", self.verbs_of(decision))
        self.assertIn("decision.expert_argumentation.done", self.verbs_of(decision))

    def test_an_opinion_without_the_signed_copy_keeps_the_form(self) -> None:
        decision = through_participation(self.new(), self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(decision, "add_expert_opinion"),
            {
                "opinion-expert": str(self.expert.pk),
                "opinion-opinion": "可行",
                "opinion-signed_on": "2026年6月16日",
            },
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请上传专家签字的书面意见")
        self.assertContains(response, "日期格式应为 2026-01-01")
        self.assertFalse(ExpertOpinion.objects.exists())

    def test_an_uncontrollable_risk_needs_a_revised_draft_before_the_matter_goes_on(self) -> None:
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
        self.login(self.drafter)
        self.client.post(
            act(decision, "record_risk"),
            {
                "risk-assessor": "第三方评估机构",
                "risk-level": "uncontrollable",
                "risk-risk_points": "财政承受能力",
                "risk-mitigations": "缩减规模",
                "risk-report": upload("风险评估报告.pdf"),
            },
        )
        response = self.client.post(act(decision, "complete_risk"))
        self.assertIn("第二十四条", " ".join(self.messages_of(response)))
        page = self.client.get(detail(decision))
        self.assertContains(page, 'id="step-revise_draft"')
        self.client.post(
            act(decision, "revise_draft"), {"revise-draft_text": "调整后的规划", "revise-note": "缩减规模"}
        )
        response = self.client.post(act(decision, "complete_risk"))
        self.assertIn("已完成风险评估，事项进入“合法性审查”。", self.messages_of(response))
        self.assertEqual(
            [v for v in self.verbs_of(decision) if v.startswith("decision.risk")],
            ["decision.risk", "decision.risk.revise", "decision.risk_assessment.done"],
        )


# ---------------------------------------------------------------------------------------------
# Collective decision, publication, archive and what follows
