"""/api/v1/decisions — major administrative decisions over JSON.

`GET /catalogs?year=` is public (no account): the year's catalog as last published. The other
routes are for staff: reads scoped with `MajorDecision.objects.visible_to(user)`, and answering
a public comment through `actions.answer_comment`, the action the pages call too. A citizen's
comment is taken only by the public page, behind its captcha; there is no API for it.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden or missing, 404; a body or
query of the wrong shape, 422; a refused step, 400 or 409.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agencies
from fazhi.core.api.fields import storable
from fazhi.core.api.schemas import DepartmentOut, ErrorOut
from fazhi.core.models import User
from fazhi.decisions import actions, permissions
from fazhi.decisions.models import (
    Consultation,
    DecisionComment,
    MajorDecision,
    Step,
)
from fazhi.decisions.public_views import MAX_YEAR, MIN_YEAR, catalog_departments, catalog_history
from fazhi.reviews.models import ReviewRequest, subject_key

router = Router(tags=["重大行政决策"])

MAX_ID = 2**31 - 1
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
StageValue = Literal[
    "proposed",
    "drafting",
    "public_participation",
    "expert_argumentation",
    "risk_assessment",
    "legality_review",
    "collective_decision",
    "decided",
    "published",
    "not_adopted",
    "suspended",
    "removed",
]
AdoptionValue = Literal["adopted", "partly_adopted", "not_adopted"]
ChangeValue = Literal["added", "removed", "changed"]


Answer = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
DecisionId = Annotated[int, Path(ge=1, le=MAX_ID, description="决策事项编号")]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="意见编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class CatalogQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="目录年度")
    dept: str | None = Field(None, max_length=50, description="部门代码；该年度有多个部门公布目录时必填")


class CatalogItemOut(Schema):
    id: int = Field(description="决策事项编号")
    title: str
    lead_division: str
    planned_end: datetime.date | None
    stage: str
    stage_label: str
    change: str = Field(description="本版相对上一版：added 新增、changed 变更，或空")
    consultation_id: int | None = Field(description="已公开征求意见时，其编号")
    published_on: datetime.date | None = Field(description="决策公布日期")


class CatalogChangeOut(Schema):
    id: int = Field(description="决策事项编号")
    title: str
    change: ChangeValue
    change_label: str


class CatalogVersionOut(Schema):
    version: int
    approval_meeting: str
    approved_on: datetime.date | None
    published_on: datetime.date | None
    change_note: str
    changes: list[CatalogChangeOut]


class CatalogOut(Schema):
    id: int
    year: int
    agency: DepartmentOut = Field(description="公布目录的部门（决策机关）")
    departments: list[DepartmentOut] = Field(description="该年度公布了目录的各部门")
    version: int
    approval_meeting: str
    approved_on: datetime.date | None
    published_on: datetime.date | None
    change_note: str
    items: list[CatalogItemOut] = Field(description="现行版本中的事项（已调出的不含）")
    versions: list[CatalogVersionOut] = Field(description="已公布的各版本，先早后晚")


class DecisionQuery(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="目录年度")
    stage: StageValue | None = Field(None, description="所处阶段")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class DecisionSummaryOut(Schema):
    id: int
    year: int
    title: str
    lead_division: str
    stage: str
    stage_label: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    published_on: datetime.date | None
    archive_due_on: datetime.date | None
    archived_on: datetime.date | None


class DecisionPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DecisionSummaryOut]


class WaiverOut(Schema):
    step: str
    step_label: str
    reason: str


class CommentOut(Schema):
    id: int
    author_name: str
    text: str
    submitted_at: datetime.datetime
    duplicate_of: int | None
    adoption: str
    adoption_label: str
    answer: str
    answered_by: str | None
    answered_at: datetime.datetime | None


class ConsultationOut(Schema):
    id: int
    opens_on: datetime.date
    closes_on: datetime.date
    short_reason: str
    report: str
    report_published_on: datetime.date | None
    comments: list[CommentOut]


class HearingOut(Schema):
    id: int
    held_on: datetime.date
    place: str
    notice_published_on: datetime.date
    materials_delivered_on: datetime.date | None = Field(
        None, description="听证会材料送达听证参加人之日（召开听证会7日前，713号第十六条第三款）"
    )
    participants: str
    record: str


class ExpertOpinionOut(Schema):
    expert: str
    organization: str
    field: str
    declared_interest: bool
    interest_note: str
    opinion: str
    signed_on: datetime.date | None


class RiskAssessmentOut(Schema):
    assessor: str
    level: str
    level_label: str
    risk_points: str
    mitigations: str
    assessed_on: datetime.date
    revised_draft: bool


class ReviewOut(Schema):
    id: int
    code: str
    status: str
    status_label: str
    conclusion: str
    submitted_on: datetime.date | None
    concluded_on: datetime.date | None


class ExecutionReportOut(Schema):
    execution_unit: str
    period: str
    progress: str
    problems: str
    reported_on: datetime.date


class EvaluationOut(Schema):
    evaluator: str
    trigger: str
    report: str
    conclusion: str
    evaluated_on: datetime.date


class AdjustmentOut(Schema):
    kind: str
    kind_label: str
    reason: str
    rerun: list[str]
    on: datetime.date


class DecisionDetailOut(DecisionSummaryOut):
    legal_basis: str
    reason: str
    waivers: list[WaiverOut]
    draft_text: str
    explanation: str
    meeting_name: str
    meeting_on: datetime.date | None
    attendees: str
    head_conclusion: str
    dissent: str
    decision_text: str
    publication_channel: str
    archive_sha256: str
    consultation: ConsultationOut | None
    hearings: list[HearingOut]
    expert_opinions: list[ExpertOpinionOut]
    risk_assessments: list[RiskAssessmentOut]
    reviews: list[ReviewOut] = Field(description="合法性审查（仅含本人可见的审核记录）")
    execution_reports: list[ExecutionReportOut]
    evaluations: list[EvaluationOut]
    adjustments: list[AdjustmentOut]


class CommentAnswerIn(Schema):
    adoption: AdoptionValue
    answer: Answer = Field("", description="不采纳或部分采纳时必填理由")


# ---------------------------------------------------------------------------------------------
# Helpers


def _summary(decision: MajorDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "year": decision.year,
        "title": decision.title,
        "lead_division": decision.lead_division.name,
        "stage": decision.stage,
        "stage_label": str(decision.get_stage_display()),
        "planned_start": decision.planned_start,
        "planned_end": decision.planned_end,
        "published_on": decision.published_on,
        "archive_due_on": decision.archive_due_on,
        "archived_on": decision.archived_on,
    }


def _comment(comment: DecisionComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author_name": comment.author_name,
        "text": comment.text,
        "submitted_at": comment.submitted_at,
        "duplicate_of": comment.duplicate_of_id,
        "adoption": comment.adoption,
        "adoption_label": str(comment.get_adoption_display()) if comment.adoption else "",
        "answer": comment.answer,
        "answered_by": comment.answered_by.display_name if comment.answered_by else None,
        "answered_at": comment.answered_at,
    }


def _consultation(decision: MajorDecision) -> dict[str, Any] | None:
    consultation = Consultation.objects.filter(decision=decision).first()
    if consultation is None:
        return None
    comments = consultation.comments.select_related("answered_by").order_by("submitted_at", "pk")
    return {
        "id": consultation.pk,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "short_reason": consultation.short_reason,
        "report": consultation.report,
        "report_published_on": consultation.report_published_on,
        "comments": [_comment(c) for c in comments],
    }


def _detail(decision: MajorDecision, user: Any) -> dict[str, Any]:
    subject_type, subject_id = subject_key(decision)
    reviews = (
        ReviewRequest.objects.visible_to(user)
        .filter(subject_type=subject_type, subject_id=subject_id)
        .order_by("pk")
    )
    return {
        **_summary(decision),
        "legal_basis": decision.legal_basis,
        "reason": decision.reason,
        "waivers": [
            {"step": step, "step_label": str(Step(step).label), "reason": why}
            for step, why in (decision.waivers or {}).items()
            if step in Step.values
        ],
        "draft_text": decision.draft_text,
        "explanation": decision.explanation,
        "meeting_name": decision.meeting_name,
        "meeting_on": decision.meeting_on,
        "attendees": decision.attendees,
        "head_conclusion": decision.head_conclusion,
        "dissent": decision.dissent,
        "decision_text": decision.decision_text,
        "publication_channel": decision.publication_channel,
        "archive_sha256": decision.archive_sha256,
        "consultation": _consultation(decision),
        "hearings": [
            {
                "id": h.pk,
                "held_on": h.held_on,
                "place": h.place,
                "notice_published_on": h.notice_published_on,
                "materials_delivered_on": h.materials_delivered_on,
                "participants": h.participants,
                "record": h.record,
            }
            for h in decision.hearings.order_by("held_on", "pk")
        ],
        "expert_opinions": [
            {
                "expert": o.expert.name,
                "organization": o.expert.organization,
                "field": o.expert.field,
                "declared_interest": o.declared_interest,
                "interest_note": o.interest_note,
                "opinion": o.opinion,
                "signed_on": o.signed_on,
            }
            for o in decision.expert_opinions.select_related("expert").order_by("pk")
        ],
        "risk_assessments": [
            {
                "assessor": r.assessor,
                "level": r.level,
                "level_label": str(r.get_level_display()),
                "risk_points": r.risk_points,
                "mitigations": r.mitigations,
                "assessed_on": r.assessed_on,
                "revised_draft": r.revised_draft,
            }
            for r in decision.risk_assessments.all()
        ],
        "reviews": [
            {
                "id": r.pk,
                "code": r.code,
                "status": r.status,
                "status_label": str(r.get_status_display()),
                "conclusion": r.conclusion,
                "submitted_on": r.submitted_on,
                "concluded_on": r.concluded_on,
            }
            for r in reviews
        ],
        "execution_reports": [
            {
                "execution_unit": r.execution_unit,
                "period": r.period,
                "progress": r.progress,
                "problems": r.problems,
                "reported_on": r.reported_on,
            }
            for r in decision.execution_reports.all()
        ],
        "evaluations": [
            {
                "evaluator": e.evaluator,
                "trigger": e.trigger,
                "report": e.report,
                "conclusion": e.conclusion,
                "evaluated_on": e.evaluated_on,
            }
            for e in decision.evaluations.order_by("evaluated_on", "pk")
        ],
        "adjustments": [
            {
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "reason": a.reason,
                "rerun": list(a.rerun or []),
                "on": a.on,
            }
            for a in decision.adjustments.order_by("on", "pk")
        ],
    }


def _visible(request: HttpRequest, decision_id: int) -> MajorDecision:
    if not permissions.can_see_decisions(request.user):
        raise Http404
    decision = (
        MajorDecision.objects.visible_to(request.user)
        .select_related("lead_division")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


# ---------------------------------------------------------------------------------------------
# Routes. The fixed paths come before /{decision_id}.


@router.get(
    "/catalogs",
    auth=None,
    response={200: CatalogOut, 404: ErrorOut, 422: ErrorOut},
    summary="年度决策事项目录（公开）",
)
def catalog(request: HttpRequest, query: Query[CatalogQuery]) -> dict[str, Any]:
    """One department's catalog of the year as last published, with its matters (each with
    `title`, `lead_division` and `stage`) and every published version with its changes. No
    account needed. `dept` chooses the department (`departments` lists those that published
    one); it may be left out when only one did. 404 when none of that year has been published
    (by the department chosen); 422 when several have and none is chosen."""
    chosen = None
    if query.dept:
        chosen = agencies().filter(code=query.dept).first()
        if chosen is None:
            raise Http404
    published = catalog_departments(query.year)
    departments = [d for d in published if chosen is None or d.pk == chosen.pk]
    if not departments:
        raise Http404
    if len(departments) > 1:
        raise HttpError(422, "该年度有多个部门公布了决策事项目录，请以 dept 指定部门")
    history = catalog_history(query.year, departments[0].pk)
    current = history[-1]
    c = current.catalog
    return {
        "id": c.pk,
        "year": c.year,
        "agency": {"code": c.agency.code, "name": c.agency.name},
        "departments": [{"code": d.code, "name": d.name} for d in published],
        "version": c.version,
        "approval_meeting": c.approval_meeting,
        "approved_on": c.approved_on,
        "published_on": c.published_on,
        "change_note": c.change_note,
        "items": [
            {
                "id": e.decision_id,
                "title": e.title,
                "lead_division": e.lead_division_name,
                "planned_end": e.planned_end,
                "stage": e.decision.stage,
                "stage_label": str(e.decision.get_stage_display()),
                "change": e.change,
                "consultation_id": _public_consultation_id(e.decision),
                "published_on": e.decision.published_on,
            }
            for e in current.items
        ],
        "versions": [
            {
                "version": v.catalog.version,
                "approval_meeting": v.catalog.approval_meeting,
                "approved_on": v.catalog.approved_on,
                "published_on": v.catalog.published_on,
                "change_note": v.catalog.change_note,
                "changes": [
                    {
                        "id": ch.entry.decision_id,
                        "title": ch.entry.title,
                        "change": ch.kind,
                        "change_label": ch.label,
                    }
                    for ch in v.changes
                ],
            }
            for v in history
        ],
    }


def _public_consultation_id(decision: MajorDecision) -> int | None:
    try:
        consultation = decision.consultation  # joined by catalog_history's select_related
    except MajorDecision.consultation.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None
    return consultation.pk


@router.get("", response={200: DecisionPageOut, 404: ErrorOut, 422: ErrorOut}, summary="决策事项列表")
def decision_list(request: HttpRequest, query: Query[DecisionQuery]) -> dict[str, Any]:
    if not permissions.can_see_decisions(request.user):
        raise Http404
    decisions = MajorDecision.objects.visible_to(request.user)
    if query.year is not None:
        decisions = decisions.filter(year=query.year)
    if query.stage:
        decisions = decisions.filter(stage=query.stage)
    count = decisions.count()
    page = decisions.select_related("lead_division").order_by("-year", "pk")[
        query.offset : query.offset + query.limit
    ]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(d) for d in page],
    }


@router.get(
    "/{decision_id}", response={200: DecisionDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="决策事项详情"
)
def decision_detail(request: HttpRequest, decision_id: DecisionId) -> dict[str, Any]:
    """A matter with every procedure record: consultation and comments, hearings, expert
    opinions, risk assessments, legality reviews, execution reports, evaluations, adjustments."""
    return _detail(_visible(request, decision_id), request.user)


@router.post(
    "/{decision_id}/comments/{comment_id}/answer",
    response={200: CommentOut, **dict.fromkeys(ERRORS, ErrorOut)},
    summary="答复公众意见",
)
def comment_answer(
    request: HttpRequest, decision_id: DecisionId, comment_id: CommentId, body: CommentAnswerIn
) -> dict[str, Any]:
    """Answer a comment (and every comment grouped with it): adopted, partly adopted or not,
    with the reason when not fully adopted."""
    decision = _visible(request, decision_id)
    comment = (
        DecisionComment.objects.select_related("consultation__decision", "duplicate_of")
        .filter(pk=comment_id, consultation__decision=decision)
        .first()
    )
    if comment is None:
        raise Http404
    actor: User = request.user  # type: ignore[assignment]
    actions.answer_comment(comment, actor=actor, adoption=body.adoption, answer=body.answer)
    comment.refresh_from_db()
    return _comment(comment)
