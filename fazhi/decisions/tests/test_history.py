from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.decisions import actions, history
from fazhi.decisions.archive import build_package
from fazhi.decisions.models import DecisionCatalog, MajorDecision
from fazhi.decisions.tests.factories import pdf
from fazhi.decisions.tests.test_actions import DecisionTestCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest

D = datetime.date


class HistoryTestCase(DecisionTestCase):
    """A 2025 matter as the paper archive has it."""

    def catalog(self) -> DecisionCatalog:
        return history.import_catalog(
            actor=self.reviewer,
            agency=self.bureau,
            year=2025,
            meeting="局党委会（2025年第1次）",
            approved_on=D(2025, 1, 10),
            published_on=D(2025, 1, 13),
        )

    def review(self, **kwargs: Any) -> ReviewRequest:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "division": self.sci_division,
            "title": "天津市基础研究十年行动方案",
            "subject_kind": "major_decision",
            "legal_basis": "《中华人民共和国科学技术进步法》",
            "submitted_on": D(2025, 5, 6),
            "accepted_on": D(2025, 5, 7),
            "concluded_on": D(2025, 5, 16),
            "conclusion": "lawful",
            "opinions": [],
        }
        values.update(kwargs)
        return review_actions.import_concluded_review(**values)

    def record(self, review: ReviewRequest | None = None, **changes: Any) -> history.ArchivedDecision:
        record = history.ArchivedDecision(
            lead_division=self.sci_division,
            title="天津市基础研究十年行动方案",
            legal_basis="《中华人民共和国科学技术进步法》",
            reason="涉及未来十年基础研究投入",
            draft_text="方案正文",
            explanation="起草说明",
            review=review or self.review(),
            consultation=history.ArchivedConsultation(
                opens_on=D(2025, 3, 3),
                closes_on=D(2025, 4, 3),
                report="收到意见2条，采纳1条。",
                report_published_on=D(2025, 4, 8),
                comments=[
                    history.ArchivedComment("建议加大青年项目比例", D(2025, 3, 10), "adopted", "已增加"),
                    history.ArchivedComment(
                        "希望支持青年科研人员", D(2025, 3, 12), "adopted", duplicate_of=0
                    ),
                ],
            ),
            hearings=[
                history.ArchivedHearing(
                    held_on=D(2025, 3, 28),
                    place="局会议室",
                    notice_published_on=D(2025, 3, 18),
                    participants="企业代表3名",
                )
            ],
            expert_opinions=[
                history.ArchivedExpertOpinion(
                    expert=self.expert,
                    signed_on=D(2025, 4, 15),
                    opinion="可行",
                    signed_copy=pdf("专家意见.pdf"),
                ),
                history.ArchivedExpertOpinion(
                    expert=self.interested,
                    signed_on=D(2025, 4, 15),
                    declared_interest=True,
                    interest_note="参与起草",
                ),
            ],
            risk_assessment=history.ArchivedRiskAssessment(
                assessor="第三方评估机构",
                level="low",
                risk_points="资金",
                mitigations="分年度安排",
                assessed_on=D(2025, 4, 25),
                report=pdf("风险评估报告.pdf"),
            ),
            meeting=history.ArchivedMeeting(
                name="局长办公会",
                held_on=D(2025, 5, 20),
                attendees="全体局领导",
                statements=[
                    actions.Statement("周副局长", "同意"),
                    actions.Statement("陈局长", "同意", is_head=True),
                ],
                decision_text="审议通过",
                minutes=pdf("会议纪要.pdf"),
            ),
            published_on=D(2025, 5, 22),
            publication_channel="局网站",
        )
        return dataclasses.replace(record, **changes)


class ImportTests(HistoryTestCase):
    def test_an_archived_matter_is_entered_published_linked_to_its_review_and_audited(self) -> None:
        catalog = self.catalog()
        review = self.review()
        decision = history.import_decision(catalog, self.record(review), actor=self.reviewer)
        decision.refresh_from_db()
        self.assertEqual((decision.stage, decision.published_on), ("published", D(2025, 5, 22)))
        self.assertEqual(decision.archive_due_on, D(2025, 6, 19))  # 30 days after the meeting
        self.assertEqual(catalog.entries.get().title, decision.title)
        self.assertTrue(review_gate(decision, kind="major_decision").allowed)
        comments = list(decision.consultation.comments.order_by("pk"))
        self.assertEqual(comments[1].duplicate_of, comments[0])
        self.assertEqual(comments[1].answer, "已增加")
        self.assertEqual(comments[0].submitted_at.date(), D(2025, 3, 10))
        self.assertEqual(decision.expert_opinions.filter(declared_interest=True).get().opinion, "")
        event = AuditEvent.objects.get(verb="decision.import")
        self.assertEqual(event.data["review_id"], review.pk)
        self.assertEqual(AuditEvent.objects.filter(verb="catalog.import").count(), 1)
        _package, manifest = build_package(decision)
        self.assertEqual(len(manifest["files"]), 3)

    def test_hand_over_reports_and_evaluation_keep_the_archives_dates(self) -> None:
        decision = history.import_decision(self.catalog(), self.record(), actor=self.reviewer)
        history.record_archive_handover(decision, actor=self.reviewer, archived_on=D(2025, 6, 3))
        with self.assertRaises(InvalidTransition):
            history.record_archive_handover(decision, actor=self.reviewer, archived_on=D(2025, 6, 4))
        self.assertTrue(AuditEvent.objects.get(verb="decision.archive").data["on_time"])
        report = history.import_execution_report(
            decision,
            actor=self.reviewer,
            execution_unit="基础研究处",
            period="2025年下半年",
            progress="按计划推进",
            reported_on=D(2026, 1, 9),
        )
        self.assertEqual(report.reported_on, D(2026, 1, 9))
        with self.assertRaisesMessage(DomainError, "不能早于决策公布日期"):
            history.import_execution_report(
                decision,
                actor=self.reviewer,
                execution_unit="x",
                period="x",
                progress="x",
                reported_on=D(2025, 1, 1),
            )
        with self.assertRaisesMessage(LegalGateClosed, "不得承担决策后评估"):
            history.import_post_evaluation(
                decision,
                actor=self.reviewer,
                evaluator="南开大学",
                trigger="中期",
                report="报告",
                conclusion="良好",
                evaluated_on=D(2026, 3, 2),
            )
        evaluation = history.import_post_evaluation(
            decision,
            actor=self.reviewer,
            evaluator="天津市社会科学院",
            trigger="中期",
            report="报告",
            conclusion="良好",
            evaluated_on=D(2026, 3, 2),
        )
        self.assertEqual(evaluation.evaluated_on, D(2026, 3, 2))

    def test_only_the_legal_affairs_division_enters_the_archive(self) -> None:
        with self.assertRaises(PermissionDenied):
            history.import_catalog(
                actor=self.drafter,
                agency=self.bureau,
                year=2025,
                meeting="局党委会",
                approved_on=D(2025, 1, 10),
                published_on=D(2025, 1, 13),
            )
        catalog = self.catalog()
        with self.assertRaises(PermissionDenied):
            history.import_decision(catalog, self.record(), actor=self.drafter)

    def test_a_short_window_needs_its_reason(self) -> None:
        catalog = self.catalog()
        short = dataclasses.replace(self.record().consultation, closes_on=D(2025, 3, 20))  # type: ignore[type-var]
        with self.assertRaisesMessage(LegalGateClosed, "缩短期限的，应当说明理由"):
            history.import_decision(catalog, self.record(consultation=short), actor=self.reviewer)
        explained = dataclasses.replace(short, short_reason="时间紧迫")
        decision = history.import_decision(catalog, self.record(consultation=explained), actor=self.reviewer)
        self.assertEqual(decision.consultation.short_reason, "时间紧迫")

    def test_the_archive_must_show_the_procedures_in_order_and_complete(self) -> None:
        catalog = self.catalog()
        cases: list[tuple[dict[str, Any], type[Exception], str]] = [
            (
                {
                    "meeting": dataclasses.replace(
                        self.record().meeting,
                        statements=[
                            actions.Statement("陈局长", "同意", is_head=True),
                            actions.Statement("周副局长", "同意"),
                        ],
                    )
                },
                LegalGateClosed,
                "最后发表意见",
            ),
            ({"risk_assessment": None}, LegalGateClosed, "没有“风险评估”的记录"),
            ({"waivers": {"legality_review": "不需要"}}, DomainError, "法定必经程序"),
            (
                {"meeting": dataclasses.replace(self.record().meeting, held_on=D(2025, 5, 15))},
                LegalGateClosed,
                "未经合法性审查不得提交讨论",
            ),
            ({"published_on": D(2030, 1, 1)}, DomainError, "不能晚于今天"),
            (
                {
                    "consultation": dataclasses.replace(
                        self.record().consultation,  # type: ignore[type-var]
                        comments=[history.ArchivedComment("意见", D(2025, 3, 10), "")],
                    )
                },
                LegalGateClosed,
                "未说明采纳情况",
            ),
            (
                {
                    "expert_opinions": [
                        history.ArchivedExpertOpinion(
                            expert=self.expert, signed_on=D(2025, 4, 15), opinion="可行"
                        )
                    ]
                },
                DomainError,
                "签署的书面论证意见",
            ),
            (
                {
                    "risk_assessment": dataclasses.replace(
                        self.record().risk_assessment,  # type: ignore[type-var]
                        level="uncontrollable",
                    )
                },
                LegalGateClosed,
                "风险不可控",
            ),
        ]
        for changes, error, message in cases:
            with self.subTest(changes=list(changes)), self.assertRaisesMessage(error, message):
                history.import_decision(catalog, self.record(**changes), actor=self.reviewer)
        self.assertFalse(MajorDecision.objects.exists())

    def test_a_review_must_be_a_concluded_unlinked_review_of_the_lead_division(self) -> None:
        catalog = self.catalog()
        other = self.review(division=self.other_division)
        with self.assertRaisesMessage(DomainError, "送审处室不是本事项的承办处室"):
            history.import_decision(catalog, self.record(other), actor=self.reviewer)
        review = self.review()
        history.import_decision(catalog, self.record(review), actor=self.reviewer)
        review.refresh_from_db()
        with self.assertRaisesMessage(DomainError, "已关联其他事项"):
            history.import_decision(catalog, self.record(review, title="另一事项"), actor=self.reviewer)
        unlawful = self.review(conclusion="unlawful")
        with self.assertRaisesMessage(LegalGateClosed, "不合法"):
            history.import_decision(catalog, self.record(unlawful, title="第三事项"), actor=self.reviewer)
        self.assertEqual(MajorDecision.objects.count(), 1)

    def test_a_catalog_is_entered_once_and_only_as_approved_then_published(self) -> None:
        self.catalog()
        with self.assertRaisesMessage(DomainError, "已经存在"):
            self.catalog()
        with self.assertRaisesMessage(DomainError, "公布日期早于审议日期"):
            history.import_catalog(
                actor=self.reviewer,
                agency=self.bureau,
                year=2024,
                meeting="局党委会",
                approved_on=D(2024, 2, 1),
                published_on=D(2024, 1, 1),
            )
