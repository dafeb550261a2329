"""/api/v1/reviews — legality review over JSON.

Reads are scoped with `ReviewRequest.objects.visible_to(user)`; every write calls the action in
`actions.py` that the pages call too. Errors answer JSON with a Chinese `detail` (fazhi/api.py):
a hidden or missing record, or a step the user may not take, 404; a step the record's state
does not allow, 409; a body or query of the wrong shape, 422.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agency_of, same_agency
from fazhi.core.api.fields import storable
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.http import get_visible_or_404
from fazhi.core.models import User
from fazhi.core.workflow import InvalidTransition
from fazhi.reviews import actions, permissions
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest
from fazhi.reviews.stats import MAX_YEAR, MIN_YEAR, review_stats

router = Router(tags=["合法性审核"])

S = ReviewRequest.Status
# Ids in paths: larger values cannot be a row and would overflow SQLite's 64-bit integers.
MAX_ID = 2**31 - 1
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
StatusValue = Literal["draft", "submitted", "returned", "under_review", "concluded", "closed", "withdrawn"]
KindValue = Literal["normative_document", "major_decision", "contract", "major_enforcement", "other"]
ConclusionValue = Literal["lawful", "lawful_with_changes", "unlawful"]
OpinionKindValue = Literal["must_change", "suggestion"]
ResponseValue = Literal["adopted", "partly_adopted", "not_adopted"]


Title = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Reason = Annotated[str, Field(max_length=2000), AfterValidator(storable)]
Username = Annotated[str, Field(min_length=1, max_length=150), AfterValidator(storable)]
CertificateNumber = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(storable)]
ReviewId = Annotated[int, Path(ge=1, le=MAX_ID, description="审核记录编号")]
OpinionNumber = Annotated[int, Path(ge=1, le=MAX_ID, description="意见序号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class ReviewSummaryOut(Schema):
    id: int
    code: str
    title: str
    subject_kind: str
    subject_kind_label: str
    status: str
    status_label: str
    division: str
    submitted_on: datetime.date | None
    accepted_on: datetime.date | None
    due_on: datetime.date | None
    concluded_on: datetime.date | None
    conclusion: str


class ReviewPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReviewSummaryOut]


class CounselOut(Schema):
    certificate_number: str
    name: str
    kind: str
    firm: str


class OpinionOut(Schema):
    number: int
    kind: str
    kind_label: str
    text: str
    legal_basis: str
    author: str
    counsel: str | None
    response: str
    response_label: str
    response_reason: str
    responded_at: datetime.datetime | None


class ReviewDetailOut(ReviewSummaryOut):
    legal_basis: str
    explanation: str
    return_reason: str
    conclusion_label: str
    conclusion_text: str
    short_review_reason: str
    earliest_conclusion_on: datetime.date | None
    closed_on: datetime.date | None
    reviewers: list[str]
    counsel: list[CounselOut]
    opinions: list[OpinionOut]
    available_actions: list[str]
    letter_url: str | None


class ReviewListQuery(Schema):
    status: StatusValue | None = Field(None, description="状态")
    kind: KindValue | None = Field(None, description="事项类别")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="出具审核意见的年度")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class ReviewIn(Schema):
    title: Title
    subject_kind: KindValue
    legal_basis: Text = ""
    explanation: Text = ""


class ReturnIn(Schema):
    reason: Reason


class AssignIn(Schema):
    reviewers: list[Username] = Field(default_factory=list, max_length=50, description="审核人员用户名")
    counsel: list[CertificateNumber] = Field(
        default_factory=list, max_length=50, description="法律顾问、公职律师的证号"
    )


class OpinionIn(Schema):
    text: Text
    kind: OpinionKindValue
    legal_basis: Text = ""


class ReviewConcludeIn(Schema):
    conclusion: ConclusionValue
    text: Text = ""
    short_review_reason: Reason = ""


class OpinionAnswerIn(Schema):
    response: ResponseValue
    reason: Reason = ""


class ReviewStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度（按出具审核意见的日期）")


class KindStatOut(Schema):
    kind: str
    label: str
    matters: int
    opinions: int


class DivisionStatOut(Schema):
    division_id: int
    division: str
    matters: int
    opinions: int


class CounselStatOut(Schema):
    counsel_id: int
    name: str
    kind: str
    kind_label: str
    firm: str
    matters: int
    opinions: int


class AdoptionOut(Schema):
    answered: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    unanswered: int
    rate: float | None = Field(description="（采纳 + 部分采纳）÷ 已答复；无答复时为 null")


class YearStatOut(Schema):
    year: int
    matters: int
    opinions: int


class ReviewStatsOut(Schema):
    year: int
    matters: int
    opinions: int
    by_kind: list[KindStatOut]
    by_division: list[DivisionStatOut]
    by_counsel: list[CounselStatOut]
    adoption: AdoptionOut
    years: list[YearStatOut]


class GateQuery(Schema):
    subject_type: Annotated[str, Field(min_length=3, max_length=100), AfterValidator(storable)] = Field(
        description="对象类型 app_label.model，如 core.calendaryear"
    )
    subject_id: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(storable)] = Field(
        description="对象编号"
    )
    kind: KindValue = Field(description="事项类别")


class GateOut(Schema):
    allowed: bool
    reason: str
    review_id: int | None
    review_code: str | None


# ---------------------------------------------------------------------------------------------
# Helpers


def _summary(review: ReviewRequest) -> dict[str, Any]:
    return {
        "id": review.pk,
        "code": review.code,
        "title": review.title,
        "subject_kind": review.subject_kind,
        "subject_kind_label": str(review.get_subject_kind_display()),
        "status": review.status,
        "status_label": str(review.get_status_display()),
        "division": review.division.name,
        "submitted_on": review.submitted_on,
        "accepted_on": review.accepted_on,
        "due_on": review.due_on,
        "concluded_on": review.concluded_on,
        "conclusion": review.conclusion,
    }


def _opinion(opinion: ReviewOpinion) -> dict[str, Any]:
    return {
        "number": opinion.number,
        "kind": opinion.kind,
        "kind_label": str(opinion.get_kind_display()),
        "text": opinion.text,
        "legal_basis": opinion.legal_basis,
        "author": opinion.author.display_name,
        "counsel": opinion.counsel.name if opinion.counsel else None,
        "response": opinion.response,
        "response_label": str(opinion.get_response_display()) if opinion.response else "",
        "response_reason": opinion.response_reason,
        "responded_at": opinion.responded_at,
    }


def _detail(review: ReviewRequest, user: Any) -> dict[str, Any]:
    review.refresh_from_db()
    opinions = review.opinions.select_related("author", "counsel").order_by("number")
    concluded = review.status in {S.CONCLUDED, S.CLOSED}
    return {
        **_summary(review),
        "legal_basis": review.legal_basis,
        "explanation": review.explanation,
        "return_reason": review.return_reason,
        "conclusion_label": str(review.get_conclusion_display()) if review.conclusion else "",
        "conclusion_text": review.conclusion_text,
        "short_review_reason": review.short_review_reason,
        "earliest_conclusion_on": review.earliest_conclusion_on,
        "closed_on": review.closed_on,
        "reviewers": sorted(review.reviewers.values_list("username", flat=True)),
        "counsel": [
            {"certificate_number": c.certificate_number, "name": c.name, "kind": c.kind, "firm": c.firm}
            for c in review.counsel.order_by("kind", "name")
        ],
        "opinions": [_opinion(o) for o in opinions],
        "available_actions": sorted(permissions.available_actions(user, review)),
        "letter_url": reverse("reviews:letter", args=[review.pk]) if concluded else None,
    }


def _actor(request: HttpRequest) -> User:
    """The signed-in user: the API's authentication has already refused anyone else."""
    return request.user  # type: ignore[return-value]


def _visible_review(request: HttpRequest, review_id: int) -> ReviewRequest:
    return get_visible_or_404(
        ReviewRequest.objects.visible_to(request.user).select_related("division"), pk=review_id
    )


def _permitted(allowed: bool) -> None:
    """Who may take a step is checked first, before the record's state and before any name the
    body gives is looked up, so that a caller who may not take it learns nothing (whether a
    user name or a certificate number exists, what state the record is in): 404."""
    if not allowed:
        raise Http404


def _require_state(review: ReviewRequest, allowed: frozenset[str] | set[str], step: str) -> None:
    """A step the record's state does not allow is a 409 naming the state, as the transition
    helper words it; the action then still checks who may take it (404 otherwise)."""
    if review.status not in allowed:
        raise InvalidTransition(f"当前状态为“{review.get_status_display()}”，不能{step}")


def _transition(name: str) -> tuple[frozenset[str], str]:
    transition = actions.TRANSITIONS[name]
    return transition.sources, transition.label


def _subject(subject_type: str, subject_id: str) -> models.Model:
    """The record named by `app_label.model` and its key, among the platform's own models."""
    try:
        model = apps.get_model(subject_type)
    except (LookupError, ValueError):
        raise Http404 from None
    if not model._meta.app_config.name.startswith("fazhi."):
        raise Http404
    try:
        subject = model._default_manager.filter(pk=subject_id).first()
    except (ValueError, TypeError, ValidationError, OverflowError):
        subject = None
    if subject is None:
        raise Http404
    return subject


# ---------------------------------------------------------------------------------------------
# Reads. The fixed paths come before /{review_id}.


@router.get("/stats", response={200: ReviewStatsOut, 404: ErrorOut, 422: ErrorOut}, summary="年度审核统计")
def stats(request: HttpRequest, query: Query[ReviewStatsQuery]) -> dict[str, Any]:
    if not permissions.can_view_stats(request.user):
        raise Http404
    # Always the caller's own agency: another department's figures are not theirs to read.
    return review_stats(query.year, agency_of(request.user))


@router.get("/gate", response={200: GateOut, 404: ErrorOut, 422: ErrorOut}, summary="合法性审核关口")
def gate(request: HttpRequest, query: Query[GateQuery]) -> dict[str, Any]:
    """Whether a subject may proceed on its latest concluded review, and why not."""
    if not (permissions.can_view_stats(request.user) or permissions.is_reviewer(request.user)):
        raise Http404
    subject = _subject(query.subject_type, query.subject_id)
    if getattr(subject, "agency_id", None) is not None and not same_agency(request.user, subject):
        raise Http404
    result = review_gate(subject, kind=query.kind)
    return {
        "allowed": result.allowed,
        "reason": result.reason,
        "review_id": result.review.pk if result.review else None,
        "review_code": result.review.code if result.review else None,
    }


@router.get("", response={200: ReviewPageOut, 404: ErrorOut, 422: ErrorOut}, summary="审核列表")
def review_list(request: HttpRequest, query: Query[ReviewListQuery]) -> dict[str, Any]:
    if not permissions.can_see_reviews(request.user):
        raise Http404
    reviews = ReviewRequest.objects.visible_to(request.user)
    if query.status:
        reviews = reviews.filter(status=query.status)
    if query.kind:
        reviews = reviews.filter(subject_kind=query.kind)
    if query.year:
        reviews = reviews.filter(concluded_on__year=query.year)
    count = reviews.count()
    page = reviews.select_related("division").order_by("-pk")[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(r) for r in page],
    }


@router.get("/{review_id}", response={200: ReviewDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="审核详情")
def review_detail(request: HttpRequest, review_id: ReviewId) -> dict[str, Any]:
    return _detail(_visible_review(request, review_id), request.user)


# ---------------------------------------------------------------------------------------------
# Writes: each one calls its action.


@router.post("", response={201: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}, summary="新建送审")
def review_create(request: HttpRequest, body: ReviewIn) -> tuple[int, dict[str, Any]]:
    review = actions.create_review(
        actor=_actor(request),
        title=body.title,
        subject_kind=body.subject_kind,
        legal_basis=body.legal_basis,
        explanation=body.explanation,
    )
    return 201, _detail(review, request.user)


@router.post(
    "/{review_id}/submit", response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}, summary="送审"
)
def review_submit(request: HttpRequest, review_id: ReviewId) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_of_division(_actor(request), review))
    _require_state(review, *_transition("submit"))
    actions.submit_review(review, actor=_actor(request))
    return _detail(review, request.user)


@router.post(
    "/{review_id}/accept", response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}, summary="受理"
)
def review_accept(request: HttpRequest, review_id: ReviewId) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_reviewer_of(_actor(request), review))
    _require_state(review, *_transition("accept"))
    actions.accept_review(review, actor=_actor(request))
    return _detail(review, request.user)


@router.post(
    "/{review_id}/return",
    response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="退回补充材料",
)
def review_return(request: HttpRequest, review_id: ReviewId, body: ReturnIn) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_reviewer_of(_actor(request), review))
    _require_state(review, *_transition("return"))
    actions.return_review(review, actor=_actor(request), reason=body.reason)
    return _detail(review, request.user)


@router.post(
    "/{review_id}/assign",
    response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="指派审核人员和法律顾问",
)
def review_assign(request: HttpRequest, review_id: ReviewId, body: AssignIn) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_reviewer_of(_actor(request), review))
    _require_state(review, {S.UNDER_REVIEW}, "指派审核人员")
    usernames, numbers = set(body.reviewers), set(body.counsel)
    reviewers = list(get_user_model().objects.filter(username__in=usernames, is_active=True))
    counsel = list(LegalCounsel.objects.filter(agency_id=review.agency_id, certificate_number__in=numbers))
    unknown = sorted(usernames - {u.username for u in reviewers}) + sorted(
        numbers - {c.certificate_number for c in counsel}
    )
    if unknown:
        raise HttpError(422, "未找到：" + "、".join(unknown))
    actions.assign_review(review, actor=_actor(request), reviewers=reviewers, counsel=counsel)
    return _detail(review, request.user)


@router.post(
    "/{review_id}/opinions",
    response={201: OpinionOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="提出审核意见",
)
def opinion_create(request: HttpRequest, review_id: ReviewId, body: OpinionIn) -> tuple[int, dict[str, Any]]:
    review = _visible_review(request, review_id)
    actor = _actor(request)
    _permitted(permissions.is_reviewer_of(actor, review) or permissions.is_assigned_counsel(actor, review))
    _require_state(review, {S.UNDER_REVIEW}, "提出意见")
    opinion = actions.add_opinion(
        review,
        actor=_actor(request),
        text=body.text,
        kind=body.kind,
        legal_basis=body.legal_basis,
    )
    return 201, _opinion(opinion)


@router.post(
    "/{review_id}/conclude",
    response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="出具审核意见",
)
def review_conclude(request: HttpRequest, review_id: ReviewId, body: ReviewConcludeIn) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_reviewer_of(_actor(request), review))
    _require_state(review, *_transition("conclude"))
    actions.conclude_review(
        review,
        actor=_actor(request),
        conclusion=body.conclusion,
        text=body.text,
        short_review_reason=body.short_review_reason,
    )
    return _detail(review, request.user)


@router.post(
    "/{review_id}/opinions/{number}/answer",
    response={200: ReviewDetailOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="答复审核意见",
)
def opinion_answer(
    request: HttpRequest, review_id: ReviewId, number: OpinionNumber, body: OpinionAnswerIn
) -> dict[str, Any]:
    review = _visible_review(request, review_id)
    _permitted(permissions.is_of_division(_actor(request), review))
    opinion = review.opinions.filter(number=number).first()
    if opinion is None:
        raise Http404
    _require_state(review, {S.CONCLUDED}, "答复意见")
    opinion.review = review
    actions.answer_opinion(opinion, actor=_actor(request), response=body.response, reason=body.reason)
    return _detail(review, request.user)
