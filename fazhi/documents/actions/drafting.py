"""Drafting and opinion solicitation (征求意见)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.calendar import current_rule, rule_period_label
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, earliest_due
from fazhi.core.formats import cn_date
from fazhi.core.hashing import text_sha256
from fazhi.core.models import User
from fazhi.core.permissions import is_staff_member
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.actions import reviewed_text
from fazhi.documents.actions._common import TRANSITIONS, S
from fazhi.documents.models import (
    Comment,
    DocumentVersion,
    NormativeDocument,
)
from fazhi.reviews.models import ReviewRequest

# --- drafting -------------------------------------------------------------------------------


def create_document(
    *,
    actor: User,
    title: str,
    text: str,
    summary: str = "",
    concerns_market_actors: bool = False,
    is_provisional: bool | None = None,
) -> NormativeDocument:
    """A division starts drafting; the first version of the text is stored."""
    require(permissions.can_draft(actor))
    title = clean_text(title, "文件名称", limit=200)
    division = actor.organization
    assert division is not None
    document = NormativeDocument(
        title=title,
        agency=division.agency,
        division=division,
        created_by=actor,
        summary=summary.strip(),
        concerns_market_actors=concerns_market_actors,
        is_provisional=NormativeDocument.looks_provisional(title)
        if is_provisional is None
        else is_provisional,
    )
    text = clean_text(text, "文件文本", limit=200_000)
    with transaction.atomic():
        document.save()
        version = DocumentVersion.objects.create(
            document=document, number=1, text=text, sha256=text_sha256(text), note="初稿", created_by=actor
        )
        record_event(
            "document.create",
            actor=actor,
            obj=document,
            to_status=document.status,
            data={"title": title, "division": division.name, "version": 1, "sha256": version.sha256},
        )
    return document


def add_version(document: NormativeDocument, *, actor: User, text: str, note: str = "") -> DocumentVersion:
    """A new version of the draft text (the page diffs any two). After the legality review the
    text is frozen: a new version sends the document back to review, the change as a diff in
    the new review's package, and it must be reviewed (and deliberated) again."""
    require(permissions.can_edit(actor, document))
    text = clean_text(text, "文件文本", limit=200_000)
    reviewed = reviewed_text.last_review(document) if document.status in REVIEWED else None
    with transaction.atomic():
        previous = document.versions.order_by("-number").first()
        number = (previous.number if previous else 0) + 1
        version = DocumentVersion.objects.create(
            document=document,
            number=number,
            text=text,
            sha256=text_sha256(text),
            note=note.strip()[:200],
            created_by=actor,
        )
        record_event(
            "document.version",
            actor=actor,
            obj=document,
            data={"version": number, "note": version.note, "sha256": version.sha256},
        )
        if reviewed is not None and previous is not None:
            _back_to_review(document, actor=actor, review=reviewed, old=previous, new=version)
    return version


# A document in these states has a text that passed (or is in) legality review.
REVIEWED = {S.UNDER_REVIEW, S.DELIBERATED}


def _back_to_review(
    document: NormativeDocument,
    *,
    actor: User,
    review: ReviewRequest,
    old: DocumentVersion,
    new: DocumentVersion,
) -> None:
    note = f"：{new.note}" if new.note else ""
    again = reviewed_text.send_to_review(
        document,
        actor=actor,
        version=new,
        legal_basis=review.legal_basis,
        explanation=(
            f"经合法性审核（{review.code}）后文本修改为第{new.number}版{note}。"
            f"修改对照见附件（第{old.number}版 → 第{new.number}版）。"
        ),
        changed_from=old,
    )
    apply_transition(
        document,
        TRANSITIONS["back_to_review"],
        actor=actor,
        verb="document.back_to_review",
        data={
            "review_id": again.pk,
            "previous_review_id": review.pk,
            "reviewed_sha256": review.text_sha256,
            "version": new.number,
            "sha256": new.sha256,
        },
        meeting_name="",
        meeting_on=None,
        outcome="",
        meeting_notes="",
        adopted_version=None,
    )


def current_text(document: NormativeDocument) -> str:
    version = document.versions.order_by("-number").first()
    return version.text if version else ""


# --- opinion solicitation -------------------------------------------------------------------


def comment_rule_code(document: NormativeDocument) -> str:
    # A document closely concerning market actors gets the longer window (优化营商环境条例 Art 62).
    return "document.comment_min_market" if document.concerns_market_actors else "document.comment_min"


def open_solicitation(document: NormativeDocument, *, actor: User, closes_on: datetime.date) -> None:
    """Publish the draft for comment from today until `closes_on`, which may not be earlier than
    the minimum window of the rule book. While that minimum needs a year the calendar lacks, the
    window is opened when it reaches the bound no calendar can shorten (N days), and
    `fill_pending_windows` extends it, if need be, once the year is entered (core.deadlines)."""
    require(permissions.can_open_solicitation(actor, document))
    today = _today()
    code = comment_rule_code(document)
    minimum = deadline_or_pending(today, code)
    if minimum is None:
        rule = current_rule(code, today)
        bound = earliest_due(today, code)
        if closes_on < bound:
            raise LegalGateClosed(
                f"征求意见期限不得少于{rule_period_label(rule)}，截止日不得早于 {cn_date(bound)}（{rule.basis}）；"
                f"最短期限的届满日待录入 {bound.year} 年工作日历后确定，不足的将顺延"
            )
    elif closes_on < minimum.due:
        raise LegalGateClosed(
            f"征求意见期限不得少于{minimum.period_label}，截止日不得早于 {cn_date(minimum.due)}（{minimum.basis}）"
        )
    apply_transition(
        document,
        TRANSITIONS["open_solicitation"],
        actor=actor,
        verb="document.open_solicitation",
        data={
            "opens_on": today.isoformat(),
            "closes_on": closes_on.isoformat(),
            "rule": code,
            "rule_version": minimum.rule_version if minimum else rule.version,
            "minimum_due": minimum.due.isoformat() if minimum else None,
        },
        comment_opens_on=today,
        comment_closes_on=closes_on,
        comment_rule_id=minimum.rule_id if minimum else rule.pk,
    )


def add_comment(
    document: NormativeDocument,
    *,
    text: str,
    source: str = Comment.Source.PUBLIC,
    author_name: str = "",
    contact: str = "",
    actor: User | None = None,
) -> Comment:
    """Record an opinion: from the public (no account needed) while the window is open, or from
    a division of the agency."""
    if source not in Comment.Source.values:
        raise DomainError("意见来源不正确")
    if source == Comment.Source.INTERNAL and not (
        actor is not None and is_staff_member(actor) and actor.organization_id is not None
    ):
        raise PermissionDenied
    fresh = NormativeDocument.objects.get(pk=document.pk)
    today = _today()
    if (
        fresh.status != S.SOLICITING
        or fresh.comment_opens_on is None
        or fresh.comment_closes_on is None
        or not (fresh.comment_opens_on <= today <= fresh.comment_closes_on)
    ):
        raise DomainError("该文件当前不在征求意见期内")
    text = clean_text(text, "意见内容", limit=5000)
    with transaction.atomic():
        comment = Comment.objects.create(
            document=document,
            source=source,
            text=text,
            author_name=author_name.strip()[:100],
            contact=contact.strip()[:100],
        )
        record_event(
            "document.comment",
            actor=actor if actor and actor.is_authenticated else None,
            obj=document,
            data={"comment_id": comment.pk, "source": source},
        )
    return comment


def answer_comment(comment: Comment, *, actor: User, adoption: str, answer: str) -> None:
    """The drafting division answers each opinion (adopted / partly / not, with a reason)."""
    require(permissions.can_answer_comments(actor, comment.document))
    if adoption not in Comment.Adoption.values:
        raise DomainError("采纳情况不正确")
    answer = (
        clean_text(answer, "答复", limit=5000) if adoption != Comment.Adoption.ADOPTED else answer.strip()
    )
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(
            adoption=adoption, answer=answer, answered_by=actor, answered_at=timezone.now()
        )
        record_event(
            "document.comment_answer",
            actor=actor,
            obj=comment.document,
            data={"comment_id": comment.pk, "adoption": adoption},
        )
    comment.adoption, comment.answer = adoption, answer


def fill_pending_windows() -> int:
    """Comment windows opened while their minimum was pending (core.deadlines): once the year
    is entered, a window shorter than the minimum is extended to it (never shortened)."""
    extended = 0
    for document in NormativeDocument.objects.filter(status=S.SOLICITING, comment_opens_on__isnull=False):
        assert document.comment_opens_on is not None and document.comment_closes_on is not None
        minimum = deadline_or_pending(document.comment_opens_on, comment_rule_code(document))
        if minimum is None or document.comment_closes_on >= minimum.due:
            continue
        with transaction.atomic():
            NormativeDocument.objects.filter(pk=document.pk).update(comment_closes_on=minimum.due)
            record_event(
                "document.solicitation_extended",
                actor=None,
                obj=document,
                data={
                    "closes_on": minimum.due.isoformat(),
                    "previous": document.comment_closes_on.isoformat(),
                    "rule": minimum.rule_code,
                    "rule_version": minimum.rule_version,
                    "reason": f"征求意见期限不得少于{minimum.period_label}（{minimum.basis}）",
                },
            )
        extended += 1
    return extended
