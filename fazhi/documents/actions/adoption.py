"""Legality review, collective deliberation, unified numbering and issuance, publication."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.calendar import compute_deadline
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import PendingGate, deadline_or_pending
from fazhi.core.formats import cn_date
from fazhi.core.models import NumberSeries, User
from fazhi.core.numbering import issue_number
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.actions._common import TRANSITIONS, O
from fazhi.documents.actions.drafting import comment_rule_code
from fazhi.documents.actions.reviewed_text import (
    latest_version,
    require_adopted_text,
    require_reviewed_text,
    send_to_review,
)
from fazhi.documents.models import NormativeDocument
from fazhi.documents.search import search_fields
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest

# --- legality review and deliberation -------------------------------------------------------


def submit_for_review(
    document: NormativeDocument, *, actor: User, legal_basis: str, explanation: str
) -> ReviewRequest:
    """After the comment window has closed and every opinion has been answered, send the draft
    to the legal affairs division for legality review (the review record is linked)."""
    require(permissions.can_submit_for_review(actor, document))
    today = _today()
    if document.comment_closes_on is None or today <= document.comment_closes_on:
        raise LegalGateClosed(
            f"征求意见期至 {cn_date(document.comment_closes_on)} 届满，期满后方可送请合法性审核"
            if document.comment_closes_on
            else "尚未征求意见"
        )
    # The window reached its minimum: a gate that needs the date itself waits for the calendar.
    assert document.comment_opens_on is not None
    minimum = deadline_or_pending(document.comment_opens_on, comment_rule_code(document))
    if minimum is None:
        raise PendingGate(document.comment_opens_on, "核对征求意见期限是否达到最短期限")
    if document.comment_closes_on < minimum.due:
        raise LegalGateClosed(
            f"征求意见期限不得少于{minimum.period_label}，应至 {cn_date(minimum.due)} 届满（{minimum.basis}）"
        )
    unanswered = document.comments.filter(adoption="").count()
    if unanswered:
        raise LegalGateClosed(f"尚有 {unanswered} 条意见未答复：征求的意见应当逐条研究并说明采纳情况")
    version = latest_version(document)
    with transaction.atomic():
        review = send_to_review(
            document, actor=actor, version=version, legal_basis=legal_basis, explanation=explanation
        )
        apply_transition(
            document,
            TRANSITIONS["submit_for_review"],
            actor=actor,
            verb="document.submit_for_review",
            data={"review_id": review.pk, "version": version.number, "sha256": version.sha256},
        )
    return review


def record_deliberation(
    document: NormativeDocument,
    *,
    actor: User,
    meeting_name: str,
    meeting_on: datetime.date,
    outcome: str,
    notes: str = "",
    minutes: UploadedFile | None = None,
) -> None:
    """Record the collective deliberation (the agency's office meeting): meeting, date, outcome and minutes.
    Refused without a legality review that clears the draft (国办发〔2018〕115号)."""
    require(permissions.can_record_deliberation(actor, document))
    if outcome not in O.values:
        raise DomainError("审议结果不正确")
    if minutes is None:
        raise DomainError("请上传会议纪要")
    if meeting_on > _today():
        raise DomainError("审议日期不能晚于今天")
    review = require_cleared_review(document, kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT)
    # The text deliberated is the text the review cleared (a later version awaits its own review).
    version = latest_version(document)
    require_reviewed_text(review, version)
    if review.concluded_on and meeting_on < review.concluded_on:
        raise LegalGateClosed(
            f"审议日期早于合法性审核意见出具日（{cn_date(review.concluded_on)}）：未经合法性审核不得提交集体审议"
        )
    meeting_name = clean_text(meeting_name, "审议会议", limit=100)
    transition = TRANSITIONS["not_adopted" if outcome == O.NOT_PASSED else "deliberate"]
    with transaction.atomic():
        attach_file(document, minutes, actor=actor, purpose="会议纪要")
        apply_transition(
            document,
            transition,
            actor=actor,
            verb="document.deliberate",
            data={
                "meeting": meeting_name,
                "meeting_on": meeting_on.isoformat(),
                "outcome": outcome,
                "review_id": review.pk,
                "version": version.number,
                "sha256": version.sha256,
            },
            meeting_name=meeting_name,
            meeting_on=meeting_on,
            outcome=outcome,
            meeting_notes=notes.strip(),
            adopted_version=version if outcome != O.NOT_PASSED else None,
        )


# --- issuance and publication ----------------------------------------------------------------


def issue_document(document: NormativeDocument, *, actor: User, signed_by: str) -> None:
    """Unified registration and numbering: the document gets the next number of its agency's
    normative series (e.g. 津科规〔2026〕3号) in the same transaction as its issuance."""
    require(permissions.can_issue_document(actor, document))
    adopted = require_adopted_text(document)
    series = NumberSeries.objects.filter(
        organization=document.agency, kind=NumberSeries.Kind.NORMATIVE
    ).first()
    if series is None:
        raise DomainError(f"{document.agency.name}尚未设立规范性文件文号序列，请系统管理员在“文号登记”中新增")
    today = _today()
    with transaction.atomic():
        number = issue_number(series, year=today.year, actor=actor, subject=document, title=document.title)
        apply_transition(
            document,
            TRANSITIONS["issue"],
            actor=actor,
            verb="document.issue",
            data={
                "number": number.number,
                "signed_by": signed_by.strip(),
                "version": adopted.number,
                "sha256": adopted.sha256,
            },
            issued_number=number,
            number=number.number,
            signed_by=clean_text(signed_by, "签发人", limit=50),
            issued_on=today,
        )


def publish_document(
    document: NormativeDocument,
    *,
    actor: User,
    published_on: datetime.date,
    effective_on: datetime.date,
    channel: str,
) -> None:
    """Publish the issued document (an unpublished document has no legal effect). The expiry date
    follows from the effective date and the rule book (暂行/试行 documents get the shorter period).
    The text published is exactly the signed version — there is no other text to give — and its
    SHA-256 is recorded and shown on the public page."""
    require(permissions.can_publish(actor, document))
    adopted = require_adopted_text(document)
    if document.issued_on and published_on < document.issued_on:
        raise DomainError("公布日期不能早于印发日期")
    if published_on > _today():
        raise DomainError("公布日期不能晚于今天")
    if effective_on < published_on:
        raise LegalGateClosed("施行日期不得早于公布日期：未经公布的规范性文件不得作为行政管理依据")
    rule = "document.validity_provisional" if document.is_provisional else "document.validity"
    expiry = compute_deadline(effective_on, rule)
    text = adopted.text
    apply_transition(
        document,
        TRANSITIONS["publish"],
        actor=actor,
        verb="document.publish",
        data={
            "published_on": published_on.isoformat(),
            "effective_on": effective_on.isoformat(),
            "expires_on": expiry.due.isoformat(),
            "rule": expiry.rule_code,
            "rule_version": expiry.rule_version,
            "channel": channel.strip(),
            "version": adopted.number,
            "sha256": adopted.sha256,
        },
        published_on=published_on,
        effective_on=effective_on,
        expires_on=expiry.due,
        validity_rule_id=expiry.rule_id,
        publication_channel=clean_text(channel, "公布载体", limit=100),
        body=text,
        body_sha256=adopted.sha256,
        **search_fields(document.title, document.number, text),
    )


def abandon_document(document: NormativeDocument, *, actor: User, reason: str) -> None:
    require(permissions.can_abandon(actor, document))
    apply_transition(
        document,
        TRANSITIONS["abandon"],
        actor=actor,
        verb="document.abandon",
        data={"reason": clean_text(reason, "终止理由", limit=2000)},
    )
