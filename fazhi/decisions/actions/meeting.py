"""Legality review and the collective decision (713号 Art 25–31)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.hashing import text_sha256
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.decisions import permissions
from fazhi.decisions.actions._common import G, _advance, _at_step, in_round, round_start
from fazhi.decisions.models import (
    STEP_ORDER,
    MajorDecision,
    Step,
)
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest

# --- legality review and collective decision ----------------------------------------------


def submit_for_legality_review(decision: MajorDecision, *, actor: User) -> ReviewRequest:
    """Send the draft with its basis and the account of the procedures performed to the legal
    affairs division (713号 Art 25–26); the review is the one of the reviews app."""
    require(permissions.is_lead(actor, decision))
    _at_step(decision, Step.LEGALITY_REVIEW)
    procedures = "；".join(
        f"{step.label}："
        + ("已履行" if decision.applies(step) else f"不适用（{decision.waivers[step.value]}）")
        for step in STEP_ORDER[:3]
    )
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=decision.title,
            subject_kind=ReviewRequest.SubjectKind.MAJOR_DECISION,
            legal_basis=decision.legal_basis,
            explanation=f"{decision.explanation}\n\n履行程序情况：{procedures}",
            subject=decision,
            # The review clears this text and no other (issue 15).
            text_sha256=text_sha256(decision.draft_text),
        )
        draft = SimpleUploadedFile(
            f"{decision.title[:60]}（决策草案）.txt",
            decision.draft_text.encode("utf-8"),
            content_type="text/plain",
        )
        attach_file(review, draft, actor=actor, purpose="决策草案")
        review_actions.submit_review(review, actor=actor)
        record_event(
            "decision.legality_review.submit",
            actor=actor,
            obj=decision,
            data={"review_id": review.pk, "sha256": review.text_sha256},
        )
    return review


def _cleared_in_round(decision: MajorDecision) -> ReviewRequest:
    """The cleared legality review of the current round (after an adjustment the decision is
    reviewed again before it is discussed again)."""
    review = require_cleared_review(decision, kind=ReviewRequest.SubjectKind.MAJOR_DECISION)
    if not in_round(review.concluded_on, round_start(decision)):
        raise LegalGateClosed(
            "决策调整后尚未重新进行合法性审查：决策草案未经合法性审查的，不得提交讨论（《重大行政决策程序暂行条例》第二十五条）"
        )
    current = MajorDecision.objects.filter(pk=decision.pk).values_list("draft_text", flat=True).get()
    if review.text_sha256 and review.text_sha256 != text_sha256(current):
        raise LegalGateClosed(
            "决策草案在合法性审查后已修改，须重新送请合法性审查：决策草案未经合法性审查的，不得提交讨论"
            "（《重大行政决策程序暂行条例》第二十五条）"
        )
    return review


def send_to_meeting(decision: MajorDecision, *, actor: User) -> None:
    """With a cleared legality review, the draft may go to the collective decision."""
    require(permissions.can_run(actor, decision))
    _at_step(decision, Step.LEGALITY_REVIEW)
    review = _cleared_in_round(decision)
    _advance(decision, Step.LEGALITY_REVIEW, actor=actor, data={"review_id": review.pk})


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    is_head: bool = False


def record_collective_decision(
    decision: MajorDecision,
    *,
    actor: User,
    meeting_name: str,
    meeting_on: datetime.date,
    attendees: str,
    statements: Iterable[Statement],
    adopted: bool,
    decision_text: str,
    dissent: str = "",
    minutes: UploadedFile,
) -> None:
    """The meeting's decision: attendees, the statements in order with the head's conclusion
    last (713号 Art 30), dissent recorded, minutes attached."""
    require(permissions.can_record_decision(actor, decision))
    _at_step(decision, Step.COLLECTIVE_DECISION)
    review = _cleared_in_round(decision)
    statements = list(statements)
    if not statements or not statements[-1].is_head:
        raise LegalGateClosed("行政首长应当在会议讨论的最后发表意见（《重大行政决策程序暂行条例》第三十条）")
    if sum(s.is_head for s in statements) != 1:
        raise DomainError("应当记录且只记录一次行政首长的意见")
    if meeting_on > _today():
        raise DomainError("会议日期不能晚于今天")
    if review.concluded_on and meeting_on < review.concluded_on:
        raise LegalGateClosed("会议日期早于合法性审查意见出具日：未经合法性审查不得提交讨论（第二十五条）")
    record = "\n".join(f"{s.speaker}：{s.text}" for s in statements)
    decision_text = clean_text(decision_text, "决定内容", limit=200_000)
    decided_sha256 = text_sha256(decision_text)
    target = G.DECIDED if adopted else G.NOT_ADOPTED
    with transaction.atomic():
        attach_file(decision, minutes, actor=actor, purpose="会议纪要")
        apply_transition(
            decision,
            Transition({G.COLLECTIVE_DECISION}, target, "记录集体讨论决定"),
            actor=actor,
            verb="decision.collective_decision",
            status_field="stage",
            data={
                "meeting": meeting_name,
                "meeting_on": meeting_on.isoformat(),
                "statements": record,
                "dissent": dissent.strip(),
                "adopted": adopted,
                # The draft deliberated is the one the review cleared; the decided text's hash.
                "draft_sha256": review.text_sha256,
                "sha256": decided_sha256,
            },
            meeting_name=clean_text(meeting_name, "决策会议", limit=100),
            meeting_on=meeting_on,
            attendees=clean_text(attendees, "出席人员"),
            head_conclusion=statements[-1].text.strip(),
            dissent=dissent.strip(),
            decision_text=decision_text,
            decision_sha256=decided_sha256,
        )
