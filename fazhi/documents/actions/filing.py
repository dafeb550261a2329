"""Filing with the Justice Bureau (备案) and its review."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from fazhi.core.agencies import filing_authority_of
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.core.models import Organization, User
from fazhi.core.workflow import (
    DomainError,
    apply_transition,
    clean_text,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.actions._common import FILING_TRANSITIONS
from fazhi.documents.models import (
    Filing,
    NormativeDocument,
)
from fazhi.reviews.models import ReviewRequest

# --- filing with the Justice Bureau ----------------------------------------------------------


def filing_authority(agency: Organization) -> Organization:
    """The justice bureau `agency` files with (its own setting: core.agencies)."""
    authority = filing_authority_of(agency)
    if authority is None:
        raise DomainError(f"{agency.agency.name}尚未设置备案审查机关（司法局），请系统管理员在机关设置中指定")
    return authority


def file_document(document: NormativeDocument, *, actor: User, explanation: str) -> Filing:
    """Submit the published document for filing. The deadline counts from publication
    (rule `document.filing`); a late submission is still accepted and counted as late. While
    the calendar of a year the deadline needs is not entered, the due date is pending and
    whether the submission was in time is decided when it is filled (core.deadlines)."""
    require(permissions.can_file(actor, document))
    assert document.published_on is not None
    due = deadline_or_pending(document.published_on, "document.filing")
    review = (
        ReviewRequest.objects.filter(
            agency_id=document.agency_id,
            subject_id=str(document.pk),
            subject_type__model="normativedocument",
            status__in=["concluded", "closed"],
        )
        .order_by("-pk")
        .first()
    )
    try:
        with transaction.atomic():
            filing = Filing.objects.create(
                document=document,
                authority=filing_authority(document.agency),
                submitted_on=_today(),
                due_on=due.due if due else None,
                due_rule_id=due.rule_id if due else None,
                submitted_by=actor,
                explanation=clean_text(explanation, "起草说明", limit=20000),
                text_sha256=document.body_sha256,
            )
            record_event(
                "filing.submit",
                actor=actor,
                obj=filing,
                to_status=filing.status,
                data={
                    "document_id": document.pk,
                    "number": document.number,
                    "due_on": due.due.isoformat() if due else None,
                    "rule": "document.filing",
                    "rule_version": due.rule_version if due else None,
                    "review_id": review.pk if review else None,
                    "authority": filing.authority.name,
                    # The copy filed is the published text (issue 15).
                    "sha256": document.body_sha256,
                },
            )
    except IntegrityError as exc:
        raise DomainError("该文件已报送备案") from exc
    return filing


def decide_filing(
    filing: Filing, *, actor: User, decision: str, note: str = "", correction_request: str = ""
) -> None:
    """The Justice Bureau's answer: 予以备案 / 不予备案 / 暂缓备案 (with the correction asked)."""
    require(permissions.can_decide_filing(actor, filing))
    if decision not in {"filed", "rejected", "deferred"}:
        raise DomainError("审查结论不正确")
    if decision == "deferred":
        correction_request = clean_text(correction_request, "纠正要求", limit=5000)
    if decision == "rejected":
        note = clean_text(note, "不予备案的理由", limit=5000)
    apply_transition(
        filing,
        FILING_TRANSITIONS[decision],
        actor=actor,
        verb=f"filing.{decision}",
        data={"note": note.strip(), "correction_request": correction_request.strip()},
        decided_on=_today(),
        decided_by=actor,
        decision_note=note.strip(),
        correction_request=correction_request.strip(),
    )


def answer_correction(filing: Filing, *, actor: User, answer: str) -> None:
    """The agency reports how it corrected a deferred filing; the Justice Bureau reviews again."""
    require(permissions.can_answer_correction(actor, filing))
    answer = clean_text(answer, "纠正情况", limit=5000)
    apply_transition(
        filing,
        FILING_TRANSITIONS["corrected"],
        actor=actor,
        verb="filing.corrected",
        data={"answer": answer},
        correction_answer=answer,
    )


def fill_pending_filing_deadlines() -> int:
    """Filing due dates left pending for want of a calendar year (core.deadlines): stored once
    the year is in, with whether the submission was in time."""
    filled = 0
    for filing in Filing.objects.filter(due_on__isnull=True).select_related("document"):
        published_on = filing.document.published_on
        due = deadline_or_pending(published_on, "document.filing") if published_on else None
        if due is None:
            continue
        with transaction.atomic():
            Filing.objects.filter(pk=filing.pk).update(due_on=due.due, due_rule_id=due.rule_id)
            record_event(
                "filing.deadline_computed",
                actor=None,
                obj=filing,
                data={
                    "due_on": due.due.isoformat(),
                    "rule": due.rule_code,
                    "rule_version": due.rule_version,
                    "in_time": in_time(filing.submitted_on, due.due),
                },
            )
        filled += 1
    return filled
