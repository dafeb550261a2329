"""Every write of legality review. Each action checks the permission, enforces the legal rule
it names, and writes the audit event in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from fazhi.core.agencies import agency_for, same_agency
from fazhi.core.attachments import attachments_of
from fazhi.core.audit import record_event
from fazhi.core.calendar import current_rule
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import PendingGate, deadline_or_pending, in_time
from fazhi.core.formats import cn_date
from fazhi.core.models import AuditEvent, User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    apply_transition,
    clean_text,
    require,
)
from fazhi.reviews import permissions
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest, subject_key
from fazhi.reviews.numbering import number_letter

S = ReviewRequest.Status
K = ReviewRequest.SubjectKind
C = ReviewRequest.Conclusion

TRANSITIONS = {
    "submit": Transition({S.DRAFT, S.RETURNED}, S.SUBMITTED, "送审"),
    "withdraw": Transition({S.DRAFT, S.SUBMITTED, S.RETURNED}, S.WITHDRAWN, "撤回"),
    "return": Transition({S.SUBMITTED}, S.RETURNED, "退回补充材料"),
    "accept": Transition({S.SUBMITTED}, S.UNDER_REVIEW, "受理"),
    "conclude": Transition({S.UNDER_REVIEW}, S.CONCLUDED, "出具审核意见"),
    "close": Transition({S.CONCLUDED}, S.CLOSED, "办结"),
}

# The review time limits of each subject kind: (longest period, shortest period or None), as
# rule-book codes. The shortest period may be cut only with a recorded reason.
REVIEW_RULES: dict[str, tuple[str, str | None]] = {
    K.NORMATIVE_DOCUMENT: ("document.legality_review_max", "document.legality_review_floor"),
    K.MAJOR_DECISION: ("review.general_max", "decision.legality_review_min"),
    K.CONTRACT: ("review.general_max", None),
    K.MAJOR_ENFORCEMENT: ("review.general_max", None),
    K.OTHER: ("review.general_max", None),
}

# Subjects on which the law requires legal advisors or public lawyers to be heard.
COUNSEL_REQUIRED: dict[str, str] = {
    K.MAJOR_DECISION: "重大行政决策合法性审查应当注意听取法律顾问、公职律师的意见（《重大行政决策程序暂行条例》第二十八条）",
    K.NORMATIVE_DOCUMENT: "起草、论证规范性文件应当吸收法律顾问、公职律师参与或听取其意见（中办发〔2016〕30号）",
}


def create_review(
    *,
    actor: User,
    title: str,
    subject_kind: str,
    legal_basis: str = "",
    explanation: str = "",
    subject: models.Model | None = None,
    text_sha256: str = "",
) -> ReviewRequest:
    """A division drafts a review request (status 草稿) for one of its matters. `text_sha256`
    names the text under review (the 送审稿 the subject's app attaches), so that the conclusion
    clears that text and no other."""
    require(permissions.can_create(actor))
    if subject_kind not in K.values:
        raise DomainError("事项类别不正确")
    review = ReviewRequest(
        agency=agency_for(actor, actor.organization),
        title=clean_text(title, "送审事项", limit=200),
        subject_kind=subject_kind,
        division=actor.organization,
        legal_basis=clean_text(legal_basis, "法律依据", required=False),
        explanation=clean_text(explanation, "起草说明", required=False),
        text_sha256=text_sha256,
        created_by=actor,
    )
    if subject is not None:
        review.subject_type, review.subject_id = subject_key(subject)
    with transaction.atomic():
        review.save()
        record_event(
            "review.create",
            actor=actor,
            obj=review,
            to_status=review.status,
            data={
                "title": review.title,
                "subject_kind": subject_kind,
                "division": review.division.name,
                **({"text_sha256": text_sha256} if text_sha256 else {}),
            },
        )
    return review


def update_review(
    review: ReviewRequest, *, actor: User, title: str, legal_basis: str, explanation: str
) -> None:
    require(permissions.can_edit(actor, review))
    review.title = clean_text(title, "送审事项", limit=200)
    review.legal_basis = clean_text(legal_basis, "法律依据", required=False)
    review.explanation = clean_text(explanation, "起草说明", required=False)
    with transaction.atomic():
        ReviewRequest.objects.filter(pk=review.pk, status__in=[S.DRAFT, S.RETURNED]).update(
            title=review.title, legal_basis=review.legal_basis, explanation=review.explanation
        )
        record_event("review.update", actor=actor, obj=review, data={"title": review.title})


def submit_review(review: ReviewRequest, *, actor: User) -> None:
    """Send the request to the legal affairs division. The package must hold the draft (an
    attachment), its legal basis and the drafting explanation (713号 Art 25; 115号)."""
    require(permissions.can_submit(actor, review))
    missing = []
    if not review.legal_basis.strip():
        missing.append("法律依据")
    if not review.explanation.strip():
        missing.append("起草说明")
    if not attachments_of(review).exists():
        missing.append("送审稿（附件）")
    if missing:
        raise LegalGateClosed(
            "送审材料不全，缺少：" + "、".join(missing) + "（送请合法性审核应当提供草案及其依据、说明等材料）"
        )
    apply_transition(
        review,
        TRANSITIONS["submit"],
        actor=actor,
        verb="review.submit",
        submitted_on=_today(),
        return_reason="",
    )


def withdraw_review(review: ReviewRequest, *, actor: User, reason: str = "") -> None:
    require(permissions.can_withdraw(actor, review))
    apply_transition(
        review, TRANSITIONS["withdraw"], actor=actor, verb="review.withdraw", data={"reason": reason.strip()}
    )


def return_review(review: ReviewRequest, *, actor: User, reason: str) -> None:
    """The legal affairs division returns an incomplete request for more material."""
    require(permissions.can_return(actor, review))
    reason = clean_text(reason, "退回理由", limit=2000)
    apply_transition(
        review,
        TRANSITIONS["return"],
        actor=actor,
        verb="review.return",
        data={"reason": reason},
        return_reason=reason,
    )


def accept_review(review: ReviewRequest, *, actor: User) -> None:
    """Accept the request; the review period runs from the acceptance date (the day itself not
    counted), with the limits the rule book sets for the subject kind. A limit that needs a year
    the calendar lacks is pending and filled once it is entered (core.deadlines)."""
    require(permissions.can_accept(actor, review))
    today = _today()
    max_code, floor_code = REVIEW_RULES[review.subject_kind]
    due = deadline_or_pending(today, max_code)
    floor = deadline_or_pending(today, floor_code) if floor_code else None
    earliest = floor.due if floor else None
    apply_transition(
        review,
        TRANSITIONS["accept"],
        actor=actor,
        verb="review.accept",
        data={
            "due_on": due.due.isoformat() if due else None,
            "rule": max_code,
            "rule_version": due.rule_version if due else None,
            "earliest_conclusion_on": earliest.isoformat() if earliest else None,
        },
        accepted_on=today,
        due_on=due.due if due else None,
        due_rule_id=due.rule_id if due else None,
        earliest_conclusion_on=earliest,
    )


def assign_review(
    review: ReviewRequest,
    *,
    actor: User,
    reviewers: Iterable[User] = (),
    counsel: Iterable[LegalCounsel] = (),
) -> None:
    """Assign reviewers of the legal affairs division and engaged legal advisors or public
    lawyers. Counsel whose term has ended cannot be assigned."""
    require(permissions.can_assign(actor, review))
    reviewers, counsel = list(reviewers), list(counsel)
    today = _today()
    for person in reviewers:
        if not permissions.is_reviewer(person):
            raise DomainError(f"{person.display_name} 不是法制审核人员，不能指派为审核人")
        if not permissions.is_reviewer_of(person, review):
            raise DomainError(f"{person.display_name} 不是本机关法制机构的审核人员，不能指派为审核人")
    for c in counsel:
        if c.agency_id != review.agency_id:
            raise DomainError(
                f"{c.name}（{c.get_kind_display()}）不是本机关聘请的法律顾问或公职律师，不能指派"
            )
        if not c.is_engaged_on(today):
            ended = (
                f"已于 {cn_date(c.term_end)} 届满" if c.term_end and c.term_end < today else "不在有效期内"
            )
            raise DomainError(f"{c.name}（{c.get_kind_display()}）的聘任期{ended}，不能指派")
    with transaction.atomic():
        review.reviewers.add(*reviewers)
        review.counsel.add(*counsel)
        record_event(
            "review.assign",
            actor=actor,
            obj=review,
            data={
                "reviewers": [u.username for u in reviewers],
                "counsel": [c.certificate_number for c in counsel],
            },
        )


def add_opinion(
    review: ReviewRequest, *, actor: User, text: str, kind: str, legal_basis: str = ""
) -> ReviewOpinion:
    """Record a numbered opinion. An assigned advisor's opinion is recorded under their name."""
    require(permissions.can_add_opinion(actor, review))
    if kind not in ReviewOpinion.Kind.values:
        raise DomainError("意见类型不正确")
    text = clean_text(text, "意见内容")
    counsel = review.counsel.filter(user=actor, agency_id=review.agency_id).first()
    with transaction.atomic():
        # The review row is locked while numbering its opinions so two opinions added at once
        # cannot take the same number (on SQLite the IMMEDIATE transaction already serialises).
        ReviewRequest.objects.select_for_update().filter(pk=review.pk).first()
        if not ReviewRequest.objects.filter(pk=review.pk, status=S.UNDER_REVIEW).exists():
            raise DomainError("该审核已不在审核中，不能再提出意见")
        number = (review.opinions.aggregate(m=Max("number"))["m"] or 0) + 1
        opinion = ReviewOpinion.objects.create(
            review=review,
            number=number,
            kind=kind,
            text=text,
            legal_basis=clean_text(legal_basis, "引用依据", required=False),
            author=actor,
            counsel=counsel,
        )
        record_event(
            "review.opinion",
            actor=actor,
            obj=review,
            data={"number": number, "kind": kind, "text": text, "counsel": counsel.name if counsel else None},
        )
    return opinion


def conclude_review(
    review: ReviewRequest, *, actor: User, conclusion: str, text: str = "", short_review_reason: str = ""
) -> None:
    """Issue the conclusion (合法 / 修改后合法 / 不合法).

    Refused when the law requires counsel to be heard and none was assigned, when a conclusion
    other than 合法 has no opinion behind it, and — without a recorded reason — before the
    shortest review period has run (713号 Art 26: 一般不少于7个工作日).
    """
    require(permissions.can_conclude(actor, review))
    if conclusion not in C.values:
        raise DomainError("审核结论不正确")
    if review.subject_kind in COUNSEL_REQUIRED and not review.counsel.exists():
        raise LegalGateClosed("尚未指派法律顾问或公职律师：" + COUNSEL_REQUIRED[review.subject_kind])
    if conclusion != C.LAWFUL and not review.opinions.exists():
        raise DomainError("结论为“修改后合法”或“不合法”的，应当至少提出一条审核意见")
    if (
        conclusion == C.LAWFUL_WITH_CHANGES
        and not review.opinions.filter(kind=ReviewOpinion.Kind.MUST_CHANGE).exists()
    ):
        raise DomainError("结论为“修改后合法”的，应当至少有一条“必须修改”的意见")
    today = _today()
    short_review_reason = short_review_reason.strip()
    _max, floor_code = REVIEW_RULES[review.subject_kind]
    if (
        floor_code
        and review.earliest_conclusion_on is None
        and review.accepted_on
        and not short_review_reason
    ):
        fill_review_deadlines(review)
        if review.earliest_conclusion_on is None:
            raise PendingGate(review.accepted_on, "核对最短审核期是否届满")
    if review.earliest_conclusion_on and today < review.earliest_conclusion_on and not short_review_reason:
        _max_code, floor_code = REVIEW_RULES[review.subject_kind]
        rule = current_rule(floor_code or "", review.accepted_on)
        raise LegalGateClosed(
            f"审核时间不足：最短审核期至 {cn_date(review.earliest_conclusion_on)} 届满"
            f"（{rule.basis}）。确需提前出具意见的，应当说明理由"
        )
    with transaction.atomic():
        number = number_letter(review, actor=actor, on=today)
        apply_transition(
            review,
            TRANSITIONS["conclude"],
            actor=actor,
            verb="review.conclude",
            data={
                "conclusion": conclusion,
                "text": text.strip(),
                "short_review_reason": short_review_reason,
                "letter_number": number,
                # The text this conclusion clears (issue 15): a later version needs a new review.
                **({"text_sha256": review.text_sha256} if review.text_sha256 else {}),
            },
            conclusion=conclusion,
            conclusion_text=text.strip(),
            short_review_reason=short_review_reason,
            concluded_on=today,
            concluded_by=actor,
            letter_number=number,
        )
    if not review.opinions.exists():
        # Nothing to answer: the matter is done when the conclusion is issued.
        apply_transition(review, TRANSITIONS["close"], actor=actor, verb="review.close", closed_on=today)


def answer_opinion(opinion: ReviewOpinion, *, actor: User, response: str, reason: str = "") -> None:
    """The submitting division answers one opinion; when every opinion is answered the review
    is closed (办结). Partly or not adopting needs a reason."""
    review = opinion.review
    require(permissions.can_answer(actor, review))
    if response not in ReviewOpinion.Response.values:
        raise DomainError("采纳情况不正确")
    reason = reason.strip()
    if response != ReviewOpinion.Response.ADOPTED and not reason:
        raise DomainError(f"第{opinion.number}条意见部分采纳或未采纳的，应当说明理由")
    now = timezone.now()
    with transaction.atomic():
        ReviewOpinion.objects.filter(pk=opinion.pk).update(
            response=response, response_reason=reason[:2000], responded_by=actor, responded_at=now
        )
        record_event(
            "review.answer",
            actor=actor,
            obj=review,
            data={"number": opinion.number, "response": response, "reason": reason},
        )
        if not review.opinions.filter(response="").exists():
            apply_transition(
                review, TRANSITIONS["close"], actor=actor, verb="review.close", closed_on=_today()
            )
    opinion.response, opinion.response_reason, opinion.responded_by, opinion.responded_at = (
        response,
        reason,
        actor,
        now,
    )


def link_archived_review(review: ReviewRequest, subject: models.Model, *, actor: User) -> None:
    """Link a review entered from the paper archive to the record it reviewed, once that record
    is entered too (e.g. a normative document from the register); audited."""
    require(permissions.is_reviewer_of(actor, review))
    subject_agency = getattr(subject, "agency_id", None)
    if subject_agency is not None and subject_agency != review.agency_id:
        raise DomainError("审核对象不属于该审核的机关，不能关联")
    if review.subject_id:
        raise DomainError("该审核已关联审核对象")
    subject_type, subject_id = subject_key(subject)
    with transaction.atomic():
        ReviewRequest.objects.filter(pk=review.pk, subject_id="").update(
            subject_type=subject_type, subject_id=subject_id
        )
        record_event(
            "review.link_subject",
            actor=actor,
            obj=review,
            data={"subject_type": subject_type.model, "subject_id": subject_id},
        )
    review.subject_type, review.subject_id = subject_type, subject_id


def import_concluded_review(
    *,
    actor: User,
    division: Any,
    title: str,
    subject_kind: str,
    legal_basis: str,
    submitted_on: datetime.date,
    accepted_on: datetime.date,
    concluded_on: datetime.date,
    conclusion: str,
    opinions: list[dict[str, Any]],
    counsel: Iterable[LegalCounsel] = (),
    reviewer: User | None = None,
) -> ReviewRequest:
    """Record a review concluded before the platform existed, from the paper archive, in one
    audited step (verb review.import). Dates are those of the archive; nothing is computed."""
    require(permissions.is_reviewer(actor) and same_agency(actor, division.agency_id))
    if reviewer is not None and not same_agency(reviewer, division.agency_id):
        raise DomainError(f"{reviewer.display_name} 不是本机关的法制审核人员")
    counsel = list(counsel)
    if any(c.agency_id != division.agency_id for c in counsel):
        raise DomainError("所列法律顾问或公职律师不是本机关聘请的")
    if not submitted_on <= accepted_on <= concluded_on:
        raise DomainError("送审、受理、出具意见的日期顺序不正确")
    with transaction.atomic():
        review = ReviewRequest.objects.create(
            agency=division.agency,
            title=clean_text(title, "送审事项", limit=200),
            subject_kind=subject_kind,
            division=division,
            legal_basis=legal_basis,
            explanation="（据纸质档案录入）",
            status=S.CLOSED,
            created_by=actor,
            submitted_on=submitted_on,
            accepted_on=accepted_on,
            conclusion=conclusion,
            concluded_on=concluded_on,
            concluded_by=reviewer or actor,
            closed_on=concluded_on,
        )
        review.letter_number = number_letter(review, actor=actor, on=concluded_on)
        ReviewRequest.objects.filter(pk=review.pk).update(letter_number=review.letter_number)
        review.counsel.add(*counsel)
        if reviewer is not None:
            review.reviewers.add(reviewer)
        rows = [
            ReviewOpinion(
                review=review,
                number=i,
                kind=o["kind"],
                text=o["text"],
                legal_basis=o.get("legal_basis", ""),
                author=reviewer or actor,
                counsel=o.get("counsel"),
                response=o["response"],
                response_reason=o.get("reason", ""),
                responded_by=actor,
                responded_at=timezone.now(),
            )
            for i, o in enumerate(opinions, start=1)
        ]
        ReviewOpinion.objects.bulk_create(rows)
        record_event(
            "review.import",
            actor=actor,
            obj=review,
            to_status=S.CLOSED,
            data={
                "title": review.title,
                "concluded_on": concluded_on.isoformat(),
                "opinions": len(rows),
                "conclusion": conclusion,
            },
        )
    return review


def fill_review_deadlines(review: ReviewRequest) -> bool:
    """Store the review limits left pending at acceptance, once the calendar year is in; the
    event says whether a conclusion already issued was in time. True when anything was stored."""
    if review.accepted_on is None:
        return False
    max_code, floor_code = REVIEW_RULES[review.subject_kind]
    updates: dict[str, Any] = {}
    data: dict[str, Any] = {}
    if review.due_on is None:
        due = deadline_or_pending(review.accepted_on, max_code)
        if due is not None:
            updates.update(due_on=due.due, due_rule_id=due.rule_id)
            data.update(
                due_on=due.due.isoformat(),
                rule=max_code,
                rule_version=due.rule_version,
                in_time=in_time(review.concluded_on, due.due),
            )
    if floor_code and review.earliest_conclusion_on is None:
        floor = deadline_or_pending(review.accepted_on, floor_code)
        if floor is not None:
            updates["earliest_conclusion_on"] = floor.due
            data["earliest_conclusion_on"] = floor.due.isoformat()
    if not updates:
        return False
    with transaction.atomic():
        ReviewRequest.objects.filter(pk=review.pk).update(**updates)
        record_event("review.deadlines_computed", actor=None, obj=review, data=data)
    for name, value in updates.items():
        setattr(review, name, value)
    return True


def fill_pending_deadlines() -> int:
    """Every accepted review with a pending limit (registered with core.deadlines)."""
    with_floor = [kind for kind, (_max, floor) in REVIEW_RULES.items() if floor]
    pending = ReviewRequest.objects.filter(accepted_on__isnull=False).filter(
        Q(due_on__isnull=True) | Q(earliest_conclusion_on__isnull=True, subject_kind__in=with_floor)
    )
    # Only reviews accepted on the platform (`review.accept` in the audit chain): one entered
    # from the paper archive keeps the limits its archive records, none.
    candidates = list(pending)
    accepted = set(
        AuditEvent.objects.filter(
            verb="review.accept",
            object_type="reviews.reviewrequest",
            object_id__in=[str(r.pk) for r in candidates],
        ).values_list("object_id", flat=True)
    )
    return sum(fill_review_deadlines(review) for review in candidates if str(review.pk) in accepted)
