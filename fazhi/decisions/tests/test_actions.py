from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from fazhi.core.workflow import DomainError, InvalidTransition
from fazhi.decisions import actions
from fazhi.decisions.models import DecisionCatalog, DecisionExpert, MajorDecision
from fazhi.decisions.tests.factories import (
    at,
    catalogued,
    pdf,
    through_expert_and_risk,
    through_participation,
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
        cls.expert = DecisionExpert.objects.create(
            agency=cls.bureau, name="吴教授", organization="南开大学", field="科技政策"
        )
        cls.interested = DecisionExpert.objects.create(
            agency=cls.bureau, name="郑研究员", organization="某研究院", field="规划"
        )

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
