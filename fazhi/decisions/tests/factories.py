"""Reach each stage of a major decision through the real actions, on fixed dates."""

from __future__ import annotations

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Organization, User
from fazhi.decisions import actions
from fazhi.decisions.models import DecisionCatalog, DecisionExpert, MajorDecision
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import LegalCounsel


def at(day: str) -> time_machine.travel:
    return time_machine.travel(f"{day} 10:00 +08:00", tick=False)


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n", content_type="application/pdf"
    )


def catalogued(
    proposer: User,
    compiler: User,
    *,
    agency: Organization,
    title: str = "天津市科技创新“十四五”规划",
    waivers: dict[str, str] | None = None,
) -> tuple[MajorDecision, DecisionCatalog]:
    """Proposed, put in the 2026 catalog, approved and published on 5 January 2026."""
    with at("2026-01-05"):
        decision = actions.propose_decision(
            actor=proposer,
            year=2026,
            title=title,
            legal_basis="《中华人民共和国科学技术进步法》",
            reason="涉及全市科技发展的重大规划",
            waivers=waivers,
        )
        catalog = DecisionCatalog.objects.filter(agency=agency, year=2026).first() or actions.create_catalog(
            actor=compiler, agency=agency, year=2026
        )
        actions.add_to_catalog(catalog, decision, actor=compiler)
        actions.approve_catalog(
            catalog, actor=compiler, meeting="局党委会", approved_on=datetime.date(2026, 1, 5)
        )
        actions.publish_catalog(catalog, actor=compiler)
        actions.save_draft(decision, actor=proposer, draft_text="规划正文……", explanation="起草说明……")
        actions.start_procedures(decision, actor=proposer)
    decision.refresh_from_db()
    return decision, catalog


def through_participation(decision: MajorDecision, proposer: User) -> MajorDecision:
    with at("2026-01-06"):
        actions.open_consultation(decision, actor=proposer, closes_on=datetime.date(2026, 2, 10))
    with at("2026-02-11"):
        actions.publish_adoption_report(decision, actor=proposer, report="未收到意见。")
        actions.complete_public_participation(decision, actor=proposer)
    decision.refresh_from_db()
    return decision


def through_expert_and_risk(decision: MajorDecision, proposer: User, expert: DecisionExpert) -> MajorDecision:
    with at("2026-02-11"):
        actions.add_expert_opinion(
            decision,
            expert,
            actor=proposer,
            opinion="规划目标科学可行。",
            signed_on=datetime.date(2026, 2, 11),
            signed_copy=pdf("专家意见.pdf"),
        )
        actions.complete_expert_argumentation(decision, actor=proposer)
        actions.record_risk_assessment(
            decision,
            actor=proposer,
            assessor="天津市科学技术发展战略研究院",
            level="low",
            risk_points="资金保障",
            mitigations="分年度安排",
            report=pdf("风险评估报告.pdf"),
        )
        actions.complete_risk_assessment(decision, actor=proposer)
    decision.refresh_from_db()
    return decision


def through_review(
    decision: MajorDecision, proposer: User, reviewer: User, counsel: LegalCounsel
) -> MajorDecision:
    with at("2026-02-11"):
        review = actions.submit_for_legality_review(decision, actor=proposer)
        review_actions.accept_review(review, actor=reviewer)
        review_actions.assign_review(review, actor=reviewer, reviewers=[reviewer], counsel=[counsel])
    with at("2026-03-02"):
        review_actions.conclude_review(review, actor=reviewer, conclusion="lawful")
        actions.send_to_meeting(decision, actor=proposer)
    decision.refresh_from_db()
    return decision


def decided(decision: MajorDecision, director: User) -> MajorDecision:
    with at("2026-03-03"):
        actions.record_collective_decision(
            decision,
            actor=director,
            meeting_name="局长办公会",
            meeting_on=datetime.date(2026, 3, 3),
            attendees="陈局长、周副局长、各处室负责人",
            statements=[
                actions.Statement("周副局长", "同意"),
                actions.Statement("陈局长", "同意印发实施", is_head=True),
            ],
            adopted=True,
            decision_text="审议通过《天津市科技创新“十四五”规划》。",
            dissent="",
            minutes=pdf("会议纪要.pdf"),
        )
    decision.refresh_from_db()
    return decision
