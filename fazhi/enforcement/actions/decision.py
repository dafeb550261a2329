"""The legality check of a major decision and the decision itself (行政处罚法 Art 58, 60)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending, missing_year
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
from fazhi.enforcement import permissions
from fazhi.enforcement.actions._common import (
    CITATION,
    DECISION_MAX,
    HEAR_FIRST,
    HEARING_REQUEST,
    MAX_FINE,
    TRANSITIONS,
    O,
    S,
    publicity_rule,
)
from fazhi.enforcement.actions.deadlines import fill_pending_deadlines
from fazhi.enforcement.models import EnforcementCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.gate import require_cleared_review
from fazhi.reviews.models import ReviewRequest, subject_key

# --- legality check and decision ---------------------------------------------------------------


def submit_for_review(case: EnforcementCase, *, actor: User, explanation: str = "") -> ReviewRequest:
    """Send a major decision to the legal affairs division for its legality check (法制审核)."""
    require(permissions.can_handle(actor, case))
    if not case.is_major:
        raise DomainError("本案未认定为重大执法决定，无须法制审核")
    if case.status != S.NOTIFIED:
        raise DomainError("告知当事人后、作出决定前送法制审核")
    content_type, subject_id = subject_key(case)
    pending = ReviewRequest.objects.filter(
        subject_type=content_type,
        subject_id=subject_id,
        status__in=[
            ReviewRequest.Status.SUBMITTED,
            ReviewRequest.Status.UNDER_REVIEW,
            ReviewRequest.Status.RETURNED,
        ],
    ).first()
    if pending is not None:
        raise DomainError(
            f"本案已有法制审核（{pending.code}，{pending.get_status_display()}），请在该审核中办理"
        )
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=f"{case.title}（{case.code}）",
            subject_kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT,
            legal_basis=case.proposed_decision,
            explanation=clean_text(explanation, "送审说明", required=False)
            or "重大执法决定情形：" + "；".join(case.major_ground_labels()),
            subject=case,
        )
        draft = SimpleUploadedFile(
            f"{case.code}（送审稿）.txt", _review_draft(case).encode("utf-8"), content_type="text/plain"
        )
        attach_file(review, draft, actor=actor, purpose="送审稿")
        review_actions.submit_review(review, actor=actor)
        record_event("enforcement.submit_review", actor=actor, obj=case, data={"review_id": review.pk})
    return review


def _review_draft(case: EnforcementCase) -> str:
    """The case as the legality check reads it: facts, the proposed decision, the party's
    statement and the hearing, and the record so far."""
    lines = [
        f"案件：{case.code} {case.title}",
        f"当事人：{case.party_name}（{case.get_party_kind_display()}）",
        f"立案日期：{cn_date(case.filed_on)}",
        f"重大执法决定情形：{'；'.join(case.major_ground_labels())}",
        "",
        "案件来源及基本事实：",
        case.facts,
        "",
        "拟作出的决定及理由、依据：",
        case.proposed_decision,
        "",
        "当事人陈述、申辩：" + ("明确放弃" if case.waived else case.statement or "（无）"),
    ]
    if case.hearing_held_on:
        lines += ["", f"听证（{cn_date(case.hearing_held_on)}）：", case.hearing_record]
    lines += ["", "全过程记录："]
    lines += [f"- {r.recorded_on:%Y-%m-%d} {r.get_step_display()}：{r.title}" for r in case.records.all()]
    return "\n".join(lines) + "\n"


def _penalty_series(case: EnforcementCase) -> NumberSeries:
    """The penalty series of the case's own agency (kept by the agency or one of its
    divisions), never another department's."""
    series = (
        NumberSeries.objects.filter(kind=NumberSeries.Kind.PENALTY)
        .filter(Q(organization_id=case.agency_id) | Q(organization__parent_id=case.agency_id))
        .order_by("pk")
        .first()
    )
    if series is None:
        raise DomainError("尚未设置本机关的“行政处罚决定书”文号序列，请系统管理员在统一编号中添加")
    return series


def decide(
    case: EnforcementCase,
    *,
    actor: User,
    outcome: str,
    decision_text: str,
    fine_amount: Decimal | str | None = None,
    overdue_reason: str = "",
    extension_basis: str = "",
) -> None:
    """The head decides (DOMAIN.md §11: the head's decision): after the party was told and heard
    (Art 44, 45, 62), after the hearing, after the legality check of a major decision, and within
    90 days — later only under the provision of a law, regulation or rule that allows it, named
    as a citation (Art 60)."""
    require(permissions.can_decide(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.status == S.INVESTIGATING:
        raise LegalGateClosed("尚未告知当事人拟作出的行政处罚内容及事实、理由、依据：" + HEAR_FIRST)
    if case.status != S.NOTIFIED:
        raise DomainError("告知当事人后方可作出决定")
    if outcome not in O.values:
        raise DomainError("决定结果不正确")
    today = _today()
    if case.hearing_requested_on and not case.hearing_held_on:
        raise LegalGateClosed("当事人已申请听证，听证举行前不得作出决定：" + HEAR_FIRST)
    if (
        case.hearing_right
        and not case.waived
        and not case.hearing_requested_on
        and case.hearing_request_due_on is None
    ):
        raise LegalGateClosed(
            f"申请听证的期限需要 {missing_year(case.notified_on or today)} 年的工作日历，录入后方可确定；期满后（或当事人明确放弃后）方可决定：{HEARING_REQUEST}"
        )
    if (
        not case.waived
        and not case.hearing_requested_on
        and case.hearing_request_due_on
        and today <= case.hearing_request_due_on
    ):
        raise LegalGateClosed(
            f"当事人申请听证的期限至 {cn_date(case.hearing_request_due_on)} 届满，期满后（或当事人明确放弃后）方可决定：{HEARING_REQUEST}"
        )
    if not case.waived and not case.statement and not case.hearing_held_on:
        raise LegalGateClosed("尚未记录当事人的陈述、申辩或放弃：" + HEAR_FIRST)
    if case.is_major:
        require_cleared_review(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT)
    reason = clean_text(overdue_reason, "超过决定期限的理由", required=False)
    basis = clean_text(extension_basis, "依法延长决定期限的规定", required=False, limit=200)
    # With the limit pending, a day past the 90th calendar day may be late (only its extension
    # past a rest day is unknown): the provision is asked for then too.
    surely_due = case.decision_due_on or case.filed_on + datetime.timedelta(days=90)
    if today > surely_due and not CITATION.search(basis):
        raise LegalGateClosed(f"决定期限已于 {cn_date(surely_due)} 届满：{DECISION_MAX}")
    if today <= surely_due:
        basis = ""
    amount: Decimal | None = None
    if outcome == O.PENALTY and fine_amount not in (None, ""):
        try:
            amount = Decimal(str(fine_amount)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError) as exc:
            raise DomainError("罚款金额不正确") from exc
        if not Decimal("0") < amount <= MAX_FINE:
            raise DomainError("罚款金额应当大于零")
    if outcome == O.NO_PENALTY and fine_amount not in (None, ""):
        raise DomainError("不予行政处罚的决定不能有罚款金额")
    text = clean_text(decision_text, "决定内容")
    rule_of_publicity = publicity_rule(case.category, outcome)
    service = deadline_or_pending(today, "enforcement.service")
    publicity = deadline_or_pending(today, rule_of_publicity)
    with transaction.atomic():
        issued = issue_number(
            _penalty_series(case), year=today.year, actor=actor, subject=case, title=case.title
        )
        apply_transition(
            case,
            TRANSITIONS["decide"],
            actor=actor,
            verb="enforcement.decide",
            data={
                "outcome": outcome,
                "decision_number": issued.number,
                "fine_amount": str(amount) if amount is not None else None,
                "in_time": today <= surely_due,
                "overdue_reason": reason,
                "extension_basis": basis,
                "service_due_on": service.due.isoformat() if service else None,
                "publicity_due_on": publicity.due.isoformat() if publicity else None,
                "publicity_rule": rule_of_publicity,
            },
            decided_on=today,
            decided_by=actor,
            outcome=outcome,
            decision_text=text,
            fine_amount=amount,
            decision_number=issued.number,
            overdue_reason=reason,
            extension_basis=basis,
            service_due_on=service.due if service else None,
            service_rule_id=service.rule_id if service else None,
            publicity_due_on=publicity.due if publicity else None,
            publicity_rule_id=publicity.rule_id if publicity else None,
        )
