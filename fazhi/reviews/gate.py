"""The gate other modules call before a subject may proceed (to collective deliberation, to a
decision, to signing): has a concluding legality review cleared it, and if not, why."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from fazhi.core.workflow import LegalGateClosed
from fazhi.reviews.models import ReviewOpinion, ReviewRequest, subject_key

K = ReviewRequest.SubjectKind
S = ReviewRequest.Status

# The rule each subject kind's gate enforces, cited in every refusal.
GATE_RULES: dict[str, str] = {
    K.NORMATIVE_DOCUMENT: "未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议（国办发〔2018〕115号）",
    K.MAJOR_DECISION: "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条）",
    K.MAJOR_ENFORCEMENT: "未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）",
    K.CONTRACT: "合同未经合法性审核或者经审核不合法的，不得签订（本机关合法性审核制度）",
    K.OTHER: "应当审核的事项未经合法性审核或者经审核不合法的，不得实施（本机关合法性审核制度）",
}


@dataclass(frozen=True)
class GateResult:
    allowed: bool
    reason: str
    review: ReviewRequest | None = None


def review_gate(subject: models.Model, *, kind: str) -> GateResult:
    """Whether `subject` may proceed on its latest concluded legality review."""
    rule = GATE_RULES[kind]
    subject_type, subject_id = subject_key(subject)
    reviews = ReviewRequest.objects.all()
    subject_agency = getattr(subject, "agency_id", None)
    if subject_agency is not None:
        # Only a review by the subject's own department clears it (issue 12).
        reviews = reviews.filter(agency_id=subject_agency)
    review = (
        reviews.filter(subject_type=subject_type, subject_id=subject_id, status__in=[S.CONCLUDED, S.CLOSED])
        .order_by("-concluded_on", "-pk")
        .first()
    )
    if review is None:
        pending = reviews.filter(
            subject_type=subject_type,
            subject_id=subject_id,
            status__in=[S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED],
        ).exists()
        return GateResult(False, ("合法性审核尚未完成：" if pending else "未经合法性审核：") + rule)
    if review.conclusion == ReviewRequest.Conclusion.UNLAWFUL:
        return GateResult(False, f"经合法性审核（{review.code}）结论为不合法：{rule}", review)
    must_change = review.opinions.filter(kind=ReviewOpinion.Kind.MUST_CHANGE).order_by("number")
    unanswered = [o.number for o in must_change if not o.response]
    if unanswered:
        numbers = "、".join(f"第{n}条" for n in unanswered)
        return GateResult(False, f"审核意见{numbers}（必须修改）尚未答复：{rule}", review)
    rejected = [o.number for o in must_change if o.response != ReviewOpinion.Response.ADOPTED]
    if rejected:
        numbers = "、".join(f"第{n}条" for n in rejected)
        return GateResult(False, f"审核意见{numbers}（必须修改）未被完全采纳，修改后方为合法：{rule}", review)
    return GateResult(
        True, f"已经合法性审核（{review.code}，结论：{review.get_conclusion_display()}）", review
    )


def require_cleared_review(subject: models.Model, *, kind: str) -> ReviewRequest:
    """Raise LegalGateClosed with the reason unless the subject's review clears it."""
    result = review_gate(subject, kind=kind)
    if not result.allowed:
        raise LegalGateClosed(result.reason)
    assert result.review is not None
    return result.review
