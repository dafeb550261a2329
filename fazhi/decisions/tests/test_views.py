from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.decisions import actions
from fazhi.decisions.models import (
    CatalogEntry,
    Consultation,
    DecisionCatalog,
    DecisionExpert,
    ExpertOpinion,
    MajorDecision,
)
from fazhi.decisions.tests.factories import (
    at,
    decided,
    pdf,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import DecisionTestCase
from fazhi.decisions.worklist import decision_items
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

G = MajorDecision.Stage
D = datetime.date

LIST = reverse("decisions:list")
BOARD = reverse("decisions:board")
PROPOSE = reverse("decisions:propose")
CATALOGS = reverse("decisions:catalogs")
EXPERTS = reverse("decisions:experts")


def detail(decision: MajorDecision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


def act(decision: MajorDecision, action: str) -> str:
    return reverse("decisions:action", args=[decision.pk, action])


def catalog_url(catalog: DecisionCatalog) -> str:
    return reverse("decisions:catalog_detail", args=[catalog.pk])


def catalog_act(catalog: DecisionCatalog, action: str) -> str:
    return reverse("decisions:catalog_action", args=[catalog.pk, action])


def upload(name: str = "意见.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% signed\n%%EOF\n", content_type="application/pdf")


class ViewTestCase(DecisionTestCase):
    def messages_of(self, response: Any) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]

    def stage_of(self, decision: MajorDecision) -> str:
        return MajorDecision.objects.values_list("stage", flat=True).get(pk=decision.pk)

    def verbs_of(self, decision: MajorDecision) -> list[str]:
        return list(
            AuditEvent.objects.filter(object_type="decisions.majordecision", object_id=str(decision.pk))
            .order_by("seq")
            .values_list("verb", flat=True)
        )

    def drafting(self, title: str = "天津市基础研究十年行动方案") -> MajorDecision:
        """Proposed and put in a published catalog, no draft yet."""
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter, year=2026, title=title, legal_basis="法", reason="因"
            )
            catalog = DecisionCatalog.objects.filter(year=2026).first() or actions.create_catalog(
                actor=self.reviewer, agency=self.bureau, year=2026
            )
            actions.add_to_catalog(catalog, decision, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
            actions.publish_catalog(catalog, actor=self.reviewer)
        decision.refresh_from_db()
        return decision

    def several(self, *titles: str, waivers: dict[str, dict[str, str]] | None = None) -> list[MajorDecision]:
        """Several matters in one published catalog, each at its first procedure (the factory
        `catalogued` publishes the catalog with one matter only)."""
        waivers = waivers or {}
        with at("2026-01-05"):
            decisions = [
                actions.propose_decision(
                    actor=self.drafter,
                    year=2026,
                    title=title,
                    legal_basis="《中华人民共和国科学技术进步法》",
                    reason="重大政策",
                    waivers=waivers.get(title),
                )
                for title in titles
            ]
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            for decision in decisions:
                actions.add_to_catalog(catalog, decision, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
            actions.publish_catalog(catalog, actor=self.reviewer)
            for decision in decisions:
                decision.refresh_from_db()
                actions.save_draft(decision, actor=self.drafter, draft_text="正文……", explanation="说明……")
                actions.start_procedures(decision, actor=self.drafter)
        for decision in decisions:
            decision.refresh_from_db()
        return decisions

    def adjusted_in(self, *titles: str) -> list[MajorDecision]:
        """Matters added to the published 2026 catalog by an adjustment on 1 June, each at its
        first procedure."""
        latest = DecisionCatalog.objects.filter(year=2026).order_by("-version").first()
        assert latest is not None
        with at("2026-06-01"):
            decisions = [
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=t, legal_basis="法", reason="因"
                )
                for t in titles
            ]
            new = actions.adjust_catalog(latest, actor=self.reviewer, note="年中调整")
            for decision in decisions:
                actions.add_to_catalog(new, decision, actor=self.reviewer)
            actions.approve_catalog(new, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 6, 1))
            actions.publish_catalog(new, actor=self.reviewer)
            for decision in decisions:
                decision.refresh_from_db()
                actions.save_draft(decision, actor=self.drafter, draft_text="正文……", explanation="说明……")
                actions.start_procedures(decision, actor=self.drafter)
        for decision in decisions:
            decision.refresh_from_db()
        return decisions

    def at_review(self) -> MajorDecision:
        return through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )

    def reviewed(self) -> MajorDecision:
        return through_review(self.at_review(), self.drafter, self.reviewer, self.counsel)

    def published(self) -> MajorDecision:
        decision = decided(self.reviewed(), self.director)
        with at("2026-03-05"):
            actions.publish_decision(
                decision, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
        decision.refresh_from_db()
        return decision

    def meeting_data(self, **overrides: Any) -> dict[str, Any]:
        data = {
            "meeting-meeting_name": "局长办公会",
            "meeting-meeting_on": "2026-06-16",
            "meeting-attendees": "陈局长、周副局长、各处室负责人",
            "meeting-speaker_1": "周副局长",
            "meeting-statement_1": "建议缓行一年",
            "meeting-speaker_2": "基础研究处李处长",
            "meeting-statement_2": "同意",
            "meeting-speaker_3": "陈局长",
            "meeting-statement_3": "同意印发实施",
            "meeting-head_3": "on",
            "meeting-dissent": "周副局长：建议缓行一年",
            "meeting-adopted": "yes",
            "meeting-decision_text": "审议通过。",
            "meeting-minutes": upload("会议纪要.pdf"),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------------------------------------
# Who may see what


class PermissionTests(ViewTestCase):
    def test_the_anonymous_are_sent_to_log_in_from_every_page(self) -> None:
        decision = self.new()
        catalog = DecisionCatalog.objects.get()
        pages = [
            LIST,
            BOARD,
            PROPOSE,
            CATALOGS,
            EXPERTS,
            catalog_url(catalog),
            detail(decision),
            reverse("decisions:archive", args=[decision.pk]),
        ]
        for url in pages:
            response = self.client.get(url)
            self.assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)

    def test_an_outsider_gets_404_on_another_divisions_matter_its_steps_and_its_archive(self) -> None:
        decision = self.new()
        self.login(self.outsider)
        self.assertEqual(self.client.get(detail(decision)).status_code, 404)
        self.assertEqual(self.client.get(reverse("decisions:archive", args=[decision.pk])).status_code, 404)
        response = self.client.post(
            act(decision, "open_consultation"), {"consultation-closes_on": "2026-08-01"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Consultation.objects.exists())
        self.assertNotContains(self.client.get(LIST), decision.title)

    def test_a_missing_matter_is_404_like_a_hidden_one(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.client.get(reverse("decisions:detail", args=[999_999])).status_code, 404)

    def test_an_unknown_step_is_404(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        self.assertEqual(self.client.post(act(decision, "approve_everything")).status_code, 404)
        catalog = DecisionCatalog.objects.get()
        self.login(self.reviewer)
        self.assertEqual(self.client.post(catalog_act(catalog, "burn")).status_code, 404)

    def test_a_drafter_cannot_see_the_board_or_compile_the_catalog(self) -> None:
        decision = self.new()
        catalog = DecisionCatalog.objects.get()
        self.login(self.drafter)
        self.assertEqual(self.client.get(BOARD).status_code, 404)
        self.assertNotContains(self.client.get(LIST), f'href="{BOARD}"')
        response = self.client.post(catalog_act(catalog, "adjust"), {"adjust-note": "调整"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.post(CATALOGS, {"year": "2027"}).status_code, 404)
        self.assertEqual(DecisionCatalog.objects.count(), 1)
        # …but reads the catalog, without its forms.
        response = self.client.get(catalog_url(catalog))
        self.assertContains(response, decision.title)
        self.assertNotContains(response, 'id="step-adjust"')

    def test_a_drafter_cannot_record_the_collective_decision_nor_the_reviewer_submit_for_review(self) -> None:
        decision = self.at_review()
        self.login(self.reviewer)
        self.assertEqual(self.client.post(act(decision, "submit_review")).status_code, 404)
        self.assertFalse(ReviewRequest.objects.exists())
        decision = through_review(decision, self.drafter, self.reviewer, self.counsel)
        self.login(self.drafter)
        response = self.client.post(act(decision, "record_decision"), self.meeting_data())
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.stage_of(decision), G.COLLECTIVE_DECISION)

    def test_the_legal_advisor_and_the_justice_bureau_get_404(self) -> None:
        decision = self.new()
        for user in (self.advisor, self.filing_officer):
            self.login(user)
            self.assertEqual(self.client.get(LIST).status_code, 404)
            self.assertEqual(self.client.get(detail(decision)).status_code, 404)


# ---------------------------------------------------------------------------------------------
# The list and the proposal


class ListAndProposeTests(ViewTestCase):
    def test_the_drafter_sees_their_matters_with_stage_next_step_and_the_propose_button(self) -> None:
        decision = self.new()
        self.login(self.drafter)
        response = self.client.get(LIST)
        self.assertContains(response, decision.title)
        self.assertContains(response, "公众参与")
        self.assertContains(response, "公开征求意见")  # the next step
        self.assertContains(response, f'href="{PROPOSE}"')

    def test_the_list_filters_by_year_and_stage_and_ignores_a_bad_value_with_a_note(self) -> None:
        decision = self.new()
        self.login(self.reviewer)
        self.assertContains(
            self.client.get(LIST, {"year": "2026", "stage": "public_participation"}), decision.title
        )
        self.assertNotContains(self.client.get(LIST, {"year": "2025"}), decision.title)
        self.assertNotContains(self.client.get(LIST, {"stage": "published"}), decision.title)
        response = self.client.get(LIST, {"year": "明年"})
        self.assertContains(response, "已忽略无效的筛选条件“年度”")
        self.assertContains(response, decision.title)
        self.assertNotContains(response, f'href="{PROPOSE}"')

    def test_a_division_proposes_a_matter_with_a_waived_procedure_and_its_reason(self) -> None:
        self.login(self.drafter)
        response = self.client.post(
            PROPOSE,
            {
                "year": "2027",
                "title": "天津市科技成果转化三年行动计划",
                "legal_basis": "《中华人民共和国促进科技成果转化法》",
                "reason": "涉及全市科技成果转化的重大政策",
                "planned_start": "2027-01-01",
                "planned_end": "2027-09-30",
                "waive_risk_assessment": "on",
                "waive_risk_assessment_reason": "不涉及社会稳定和公共安全",
            },
        )
        decision = MajorDecision.objects.get()
        self.assertRedirects(response, detail(decision), fetch_redirect_response=False)
        self.assertEqual(decision.waivers, {"risk_assessment": "不涉及社会稳定和公共安全"})
        self.assertEqual((decision.year, decision.lead_division), (2027, self.sci_division))
        self.assertEqual(self.verbs_of(decision), ["decision.propose"])
        page = self.client.get(detail(decision))
        self.assertContains(page, "不适用的理由：不涉及社会稳定和公共安全")

    def test_a_waiver_without_a_reason_keeps_the_form_and_says_what_is_missing(self) -> None:
        self.login(self.drafter)
        response = self.client.post(
            PROPOSE,
            {
                "year": "2027",
                "title": "天津市科技成果转化三年行动计划",
                "legal_basis": "",
                "reason": "重大政策",
                "waive_expert_argumentation": "on",
                "planned_start": "2027-06-01",
                "planned_end": "2027-01-01",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不适用“专家论证”程序的，应当说明理由")
        self.assertContains(response, '<p class="field-error" role="alert">请填写决策依据</p>', html=True)
        self.assertContains(response, "计划完成日期早于计划启动日期")
        self.assertContains(response, 'value="天津市科技成果转化三年行动计划"')
        self.assertFalse(MajorDecision.objects.exists())

    def test_only_a_division_may_propose(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.client.get(PROPOSE).status_code, 404)


# ---------------------------------------------------------------------------------------------
# The catalog


class CatalogPageTests(ViewTestCase):
    def test_the_legal_affairs_division_compiles_approves_and_publishes_the_catalog(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技创新“十四五”规划",
                legal_basis="法",
                reason="因",
            )
        self.login(self.reviewer)
        response = self.client.post(CATALOGS, {"year": "2026"})
        catalog = DecisionCatalog.objects.get()
        self.assertRedirects(response, catalog_url(catalog), fetch_redirect_response=False)
        page = self.client.get(catalog_url(catalog))
        self.assertContains(page, "天津市科技创新“十四五”规划（基础研究处）")  # a candidate
        self.client.post(catalog_act(catalog, "add"), {"add-decision": str(decision.pk)})
        self.assertTrue(CatalogEntry.objects.filter(catalog=catalog, decision=decision).exists())
        response = self.client.post(
            catalog_act(catalog, "approve"),
            {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-15"},
        )
        self.assertIn("已记录局党委会审议通过，可以公布。", self.messages_of(response))
        response = self.client.post(catalog_act(catalog, "publish"))
        catalog.refresh_from_db()
        self.assertEqual((catalog.status, catalog.published_on), ("published", D(2026, 6, 16)))
        self.assertEqual(self.stage_of(decision), G.DRAFTING)
        verbs = list(
            AuditEvent.objects.filter(object_type="decisions.decisioncatalog").values_list("verb", flat=True)
        )
        self.assertEqual(verbs, ["catalog.create", "catalog.add", "catalog.approve", "catalog.publish"])
        page = self.client.get(catalog_url(catalog))
        self.assertContains(page, "审议通过")
        self.assertContains(page, 'id="step-adjust"')

    def test_publishing_before_approval_is_refused_with_the_rule(self) -> None:
        with at("2026-01-05"):
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
        self.login(self.reviewer)
        response = self.client.post(catalog_act(catalog, "publish"))
        self.assertIn(
            "当前状态为“编制中”，不能公布目录（目录经审议通过后方可公布）", self.messages_of(response)
        )
        catalog.refresh_from_db()
        self.assertEqual(catalog.status, "draft")

    def test_an_approval_dated_tomorrow_is_refused_next_to_the_date_and_kept(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter, year=2026, title="规划", legal_basis="法", reason="因"
            )
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(catalog, decision, actor=self.reviewer)
        self.login(self.reviewer)
        response = self.client.post(
            catalog_act(catalog, "approve"),
            {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-17"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, '<p class="field-error" role="alert">审议日期不能晚于今天</p>', html=True
        )
        self.assertContains(response, 'value="2026-06-17"')

    def test_an_adjustment_marks_the_changes_and_compares_with_the_version_before(self) -> None:
        kept, dropped = self.several("天津市科技创新“十四五”规划", "天津市基础研究十年行动方案")
        v1 = DecisionCatalog.objects.get()
        with at("2026-06-01"):
            added = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技成果转化三年行动计划",
                legal_basis="法",
                reason="新增",
            )
        self.login(self.reviewer)
        response = self.client.post(catalog_act(v1, "adjust"), {"adjust-note": "年中调整"})
        v2 = DecisionCatalog.objects.get(version=2)
        self.assertRedirects(response, catalog_url(v2), fetch_redirect_response=False)
        self.client.post(catalog_act(v2, "add"), {"add-decision": str(added.pk)})
        response = self.client.post(
            catalog_act(v2, "remove"),
            {"remove-decision": str(dropped.pk), "remove-reason": ""},
            follow=True,
        )
        self.assertContains(response, "请填写调出理由")
        self.client.post(
            catalog_act(v2, "remove"), {"remove-decision": str(dropped.pk), "remove-reason": "并入十四五规划"}
        )
        page = self.client.get(catalog_url(v2))
        self.assertContains(page, "与第 1 版比较")
        diff = page.content.decode().split('id="diff"')[1].split("</section>")[0]
        self.assertIn("新增", diff)
        self.assertIn("天津市科技成果转化三年行动计划", diff)
        self.assertIn("调出", diff)
        self.assertIn("天津市基础研究十年行动方案", diff)
        self.assertNotIn(kept.title, diff)
        self.assertIn("另有 1 个事项未调整", diff)
        self.client.post(
            catalog_act(v2, "approve"), {"approve-meeting": "局党委会", "approve-approved_on": "2026-06-16"}
        )
        self.client.post(catalog_act(v2, "publish"))
        self.assertEqual((self.stage_of(dropped), self.stage_of(added)), (G.REMOVED, G.DRAFTING))
        listing = self.client.get(CATALOGS)
        self.assertContains(listing, "第 2 版")
        self.assertContains(listing, "年中调整")

    def test_the_leadership_reads_the_catalog_without_its_forms(self) -> None:
        self.new()
        catalog = DecisionCatalog.objects.get()
        self.login(self.director)
        response = self.client.get(catalog_url(catalog))
        self.assertContains(response, "天津市科技创新“十四五”规划")
        self.assertNotContains(response, 'id="steps"')
        self.assertEqual(
            self.client.post(catalog_act(catalog, "adjust"), {"adjust-note": "x"}).status_code, 404
        )


# ---------------------------------------------------------------------------------------------
# Drafting and public participation


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


class BoardTests(ViewTestCase):
    def test_the_board_shows_each_matter_at_its_procedure_with_waiver_reasons(self) -> None:
        self.several(
            "天津市科技创新“十四五”规划",
            "天津市科技计划管理改革方案",
            waivers={"天津市科技计划管理改革方案": {"risk_assessment": "不涉及社会稳定"}},
        )
        self.login(self.director)
        response = self.client.get(BOARD)
        self.assertContains(response, "2026 年度重大行政决策看板")
        self.assertContains(response, "天津市科技计划管理改革方案")
        self.assertContains(response, 'title="不适用的理由：不涉及社会稳定"')
        # The preliminary procedures run side by side: each open one is in progress (3 + 2).
        self.assertContains(response, '<span class="badge badge-warn">进行中</span>', count=5)
        self.assertNotContains(self.client.get(BOARD, {"year": "2025"}), "天津市科技计划管理改革方案")

    def test_overdue_is_marked_in_red_and_in_words(self) -> None:
        archive_due = self.published()
        late_plan, consulting = self.adjusted_in("天津市科技创新券管理改革方案", "天津市基础研究十年行动方案")
        MajorDecision.objects.filter(pk=late_plan.pk).update(planned_end=D(2026, 5, 31))
        with at("2026-06-01"):
            actions.open_consultation(
                consulting, actor=self.drafter, closes_on=D(2026, 6, 15), short_reason="紧急"
            )
        self.login(self.reviewer)
        response = self.client.get(BOARD)
        content = response.content.decode()
        rows = {
            d.pk: content.split(f'id="decision-{d.pk}"')[1].split("</tr>")[0]
            for d in (late_plan, consulting, archive_due)
        }
        self.assertIn(
            '<span class="badge badge-bad">逾期</span> <strong>超过计划完成日期（2026年5月31日）未公布</strong>',
            rows[late_plan.pk],
        )
        self.assertIn("征求意见期满未公布采纳情况", rows[consulting.pk])
        self.assertIn("超过归档期限（2026年4月2日）未移交", rows[archive_due.pk])
        self.assertContains(response, "3 个事项逾期")

    def test_the_board_takes_the_same_few_queries_however_many_matters_it_shows(self) -> None:
        self.published()
        self.login(self.director)
        self.client.get(BOARD)  # warm the session and the content types
        # Session, user, roles, the two capability checks of the menu and the page, the user's
        # unit (page header); then the years and the matters with all they need.
        with self.assertNumQueries(8):
            response = self.client.get(BOARD)
        self.assertContains(response, "天津市科技创新“十四五”规划")
        self.adjusted_in(*(f"决策事项{n}" for n in range(3)))
        with self.assertNumQueries(8):
            self.client.get(BOARD)

    def test_matters_still_in_drafting_cost_no_query_each(self) -> None:
        """Whether a draft is written is read with the matters, not from each deferred text."""
        with at("2026-01-05"):
            decisions = [
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=f"起草中{n}", legal_basis="法", reason="因"
                )
                for n in range(4)
            ]
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            for decision in decisions:
                actions.add_to_catalog(catalog, decision, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
            actions.publish_catalog(catalog, actor=self.reviewer)
            decisions[0].refresh_from_db()
            actions.save_draft(decisions[0], actor=self.drafter, draft_text="正文……", explanation="说明……")
        self.login(self.director)
        self.client.get(BOARD, {"year": 2026})
        with self.assertNumQueries(8):
            response = self.client.get(BOARD, {"year": 2026})
        self.assertContains(response, "共 4 个事项")


# ---------------------------------------------------------------------------------------------
# The expert pool


class ExpertPoolTests(ViewTestCase):
    def test_the_legal_affairs_division_adds_and_edits_an_expert_with_an_audit_event(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            EXPERTS, {"name": "钱教授", "organization": "天津大学", "field": "科技管理", "is_active": "on"}
        )
        self.assertIn("已将 钱教授 加入专家库。", self.messages_of(response))
        expert = DecisionExpert.objects.get(name="钱教授")
        self.assertContains(self.client.get(EXPERTS, {"edit": expert.pk}), 'value="天津大学"')
        self.client.post(
            EXPERTS,
            {"expert": str(expert.pk), "name": "钱教授", "organization": "天津大学", "field": "科技管理"},
        )
        expert.refresh_from_db()
        self.assertFalse(expert.is_active)
        verbs = list(
            AuditEvent.objects.filter(
                object_type="decisions.decisionexpert", object_id=str(expert.pk)
            ).values_list("verb", "data")
        )
        self.assertEqual(verbs[0][0], "decision.expert_pool.add")
        self.assertEqual(verbs[1], ("decision.expert_pool.change", {"changed": {"is_active": [True, False]}}))

    def test_the_same_expert_twice_is_refused_next_to_the_name(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            EXPERTS, {"name": "吴教授", "organization": "南开大学", "field": "x", "is_active": "on"}
        )
        self.assertContains(response, "南开大学的吴教授已在专家库中，不能重复登记")
        self.assertEqual(DecisionExpert.objects.filter(name="吴教授").count(), 1)

    def test_a_division_reads_the_pool_but_cannot_change_it(self) -> None:
        self.login(self.drafter)
        response = self.client.get(EXPERTS)
        self.assertContains(response, "吴教授")
        self.assertNotContains(response, 'id="expert-form"')
        self.assertEqual(
            self.client.post(EXPERTS, {"name": "x", "organization": "y", "field": "z"}).status_code, 404
        )


# ---------------------------------------------------------------------------------------------
# 我的工作


class WorklistTests(ViewTestCase):
    def titles(self, user: Any) -> list[str]:
        return [item.title for item in decision_items(user)]

    def test_the_lead_division_sees_its_next_procedure_and_the_archive_hand_over(self) -> None:
        published = self.published()
        self.adjusted_in("天津市基础研究十年行动方案")
        items = list(decision_items(self.drafter))
        titles = [i.title for i in items]
        self.assertIn("公开征求意见：天津市基础研究十年行动方案", titles)
        handover = next(i for i in items if i.title.startswith("决策档案待移交"))
        self.assertEqual(handover.due.due, D(2026, 4, 2))
        self.assertEqual(handover.due.basis, "津政办发〔2022〕24号")
        self.assertEqual(handover.url, detail(published) + "#archive")
        self.assertEqual(self.titles(self.outsider), [])

    def test_a_closed_consultation_with_comments_unanswered_is_on_the_list(self) -> None:
        decision = self.new()
        with at("2026-01-06"):
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-01-20"):
            actions.add_public_comment(consultation, text="建议")
        self.assertIn("征求意见已结束，1 条意见待答复：天津市科技创新“十四五”规划", self.titles(self.drafter))

    def test_the_legal_affairs_division_sees_catalogs_to_compile_approve_and_publish(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter, year=2027, title="规划", legal_basis="法", reason="因"
            )
        self.assertIn("2027 年度有 1 个处室提出的事项待编入目录", self.titles(self.reviewer))
        with at("2026-01-05"):
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2027)
            actions.add_to_catalog(catalog, decision, actor=self.reviewer)
        self.assertEqual(
            self.titles(self.reviewer), ["目录编制中，待局党委会审议：2027年度重大行政决策事项目录（第1版）"]
        )
        with at("2026-01-05"):
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
        self.assertEqual(
            self.titles(self.reviewer), ["目录已审议通过，待公布：2027年度重大行政决策事项目录（第1版）"]
        )

    def test_the_leadership_sees_the_matters_waiting_for_the_collective_decision(self) -> None:
        decision = self.reviewed()
        items = list(decision_items(self.director))
        self.assertEqual([i.title for i in items], ["待集体讨论决定：天津市科技创新“十四五”规划"])
        self.assertEqual(items[0].url, detail(decision) + "#meeting")
        self.login(self.director)
        self.assertContains(
            self.client.get(reverse("core:dashboard")), "待集体讨论决定：天津市科技创新“十四五”规划"
        )


class CatalogChangePageTests(DecisionTestCase):
    def test_an_entry_is_changed_in_an_adjustment_and_marked(self) -> None:
        from fazhi.decisions.models import CatalogEntry, DecisionCatalog

        decision = self.new()
        catalog = DecisionCatalog.objects.get()
        v2 = actions.adjust_catalog(catalog, actor=self.reviewer, note="年中调整")
        self.login(self.reviewer)
        response = self.client.post(
            f"/work/decisions/catalogs/{v2.pk}/action/change/",
            {
                "change-decision": decision.pk,
                "change-title": "调整后的名称",
                "change-planned_end": "2026-12-31",
                "change-reason": "扩展规划期",
            },
        )
        self.assertRedirects(response, f"/work/decisions/catalogs/{v2.pk}/", fetch_redirect_response=False)
        entry = CatalogEntry.objects.get(catalog=v2, decision=decision)
        self.assertEqual((entry.title, entry.change), ("调整后的名称", "changed"))
        response = self.client.post(
            f"/work/decisions/catalogs/{v2.pk}/action/change/",
            {"change-decision": decision.pk, "change-title": "", "change-reason": ""},
            follow=True,
        )
        self.assertContains(response, "请填写变更理由")
