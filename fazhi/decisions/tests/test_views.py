from __future__ import annotations

import datetime
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.decisions import actions
from fazhi.decisions.models import (
    Consultation,
    DecisionCatalog,
    MajorDecision,
)
from fazhi.decisions.tests.factories import (
    at,
    decided,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import DecisionTestCase
from fazhi.decisions.worklist import decision_items
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
