"""/api/v1/legislation — the register of laws, legislative projects and the citations to check.

    GET  /laws?kind=                         the register (every member of staff)
    GET  /laws/{law_id}                      a law with its versions
    POST /laws | /laws/{law_id}/versions     the legal affairs division adds a law or a version
    GET  /projects?year=&stage=              projects one may see (the legal affairs division and
                                             the leadership all; a division its own)
    GET  /projects/{project_id}              a project with its comments and deliberations
    POST /projects                           enter a project of the year's plan
    POST /projects/{project_id}/start_drafting | draft | open_comment | comments |
         comments/{comment_id}/answer | submit_for_review | conclude_review | deliberations |
         promulgate | terminate              the steps, each calling its action
    GET  /flags?status=                      citations to check after a law changed (one's own)
    POST /flags/{flag_id}/check              record the check
    GET  /stats?year=                        the year's figures (core.figures) of legislation

Errors answer JSON with a Chinese `detail`: hidden, missing or not one's to do, 404; a step the
stage does not allow or a closed gate (the comment window, an unanswered comment), 409; a body of
the wrong shape or an unknown division or law, 422; other refusals, 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core import figures, laws
from fazhi.core.agencies import agency_of
from fazhi.core.api.fields import storable, within_years
from fazhi.core.models import Law
from fazhi.legislation import actions, permissions
from fazhi.legislation.forms import divisions
from fazhi.legislation.models import CitationFlag, DraftComment, LegislativeProject
from fazhi.legislation.views.flags import visible_flags

router = Router(tags=["立法工作"])

MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = actions.MIN_YEAR, actions.MAX_YEAR
ERRORS = {400, 404, 409, 422}
IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)

LawKindValue = Literal[
    "constitution",
    "law",
    "administrative_regulation",
    "local_regulation",
    "department_rule",
    "government_rule",
    "judicial_interpretation",
    "party_rule",
    "other",
]
VersionKindValue = Literal["adopted", "amended", "revised", "repealed"]
ProjectLawKindValue = Literal["local_regulation", "government_rule"]
ChangeValue = Literal["new", "amended", "revised"]
PlanKindValue = Literal["formal", "preparatory", "research"]
PartValue = Literal["lead", "join"]
StageValue = Literal[
    "planned",
    "drafting",
    "public_comment",
    "legality_review",
    "deliberation",
    "adopted",
    "promulgated",
    "terminated",
]
SourceValue = Literal["public", "organ"]
AdoptionValue = Literal["adopted", "partly_adopted", "not_adopted"]
BodyValue = Literal["government_meeting", "standing_committee"]
OutcomeValue = Literal["passed", "continued", "not_passed"]
FlagStatusValue = Literal["open", "checked"]

Line = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Short = Annotated[str, Field(max_length=100), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
LongText = Annotated[str, Field(max_length=200_000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
LawId = Annotated[int, Path(ge=1, le=MAX_ID, description="法律法规编号")]
ProjectId = Annotated[int, Path(ge=1, le=MAX_ID, description="立法项目编号")]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="意见编号")]
FlagId = Annotated[int, Path(ge=1, le=MAX_ID, description="待核对事项编号")]


class LegislationErrorOut(Schema):
    detail: str


class LawQuery(Schema):
    kind: LawKindValue | None = None


class LawVersionOut(Schema):
    id: int
    kind: str
    kind_label: str
    adopted_on: datetime.date
    effective_on: datetime.date
    issuing_body: str
    url: str
    note: str
    flagged: bool = Field(description="施行后已提示核对关联事项")


class LawOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    issuing_body: str
    versions: list[LawVersionOut]


class LawIn(Schema):
    title: Line
    kind: LawKindValue
    issuing_body: Short = ""


class LawVersionIn(Schema):
    kind: VersionKindValue
    adopted_on: Day
    effective_on: Day
    issuing_body: Short = ""
    note: Annotated[str, Field(max_length=300), AfterValidator(storable)] = ""
    url: Annotated[str, Field(max_length=200), AfterValidator(storable)] = ""
    text: LongText = ""


class ProjectQuery(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    stage: StageValue | None = None


class ProjectSummaryOut(Schema):
    id: int
    title: str
    law_kind: str
    change: str
    law_id: int | None
    plan_year: int
    plan_kind: str
    part: str
    division: str
    stage: str
    stage_label: str


class DraftCommentOut(Schema):
    id: int
    source: str
    author_name: str
    text: str
    adoption: str
    answer: str


class DeliberationOut(Schema):
    body: str
    reading: int
    held_on: datetime.date
    outcome: str
    note: str


class ProjectOut(ProjectSummaryOut):
    partners: str
    draft_text: str
    explanation: str
    comment_opens_on: datetime.date | None
    comment_closes_on: datetime.date | None
    review_submitted_on: datetime.date | None
    review_concluded_on: datetime.date | None
    review_opinion: str
    adopted_on: datetime.date | None
    adopted_by: str
    promulgated_on: datetime.date | None
    effective_on: datetime.date | None
    promulgation_number: str
    law_version_id: int | None
    termination_reason: str
    comments: list[DraftCommentOut]
    deliberations: list[DeliberationOut]


class ProjectIn(Schema):
    title: Line
    law_kind: ProjectLawKindValue
    change: ChangeValue
    law_id: Id | None = None
    plan_year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    plan_kind: PlanKindValue
    part: PartValue
    division_id: Id
    partners: Line = ""


class DraftIn(Schema):
    draft_text: LongText
    explanation: LongText = ""


class OpenCommentIn(Schema):
    closes_on: Day


class CommentIn(Schema):
    source: SourceValue = "public"
    author_name: Short = ""
    contact: Short = ""
    text: Text


class DraftAnswerIn(Schema):
    adoption: AdoptionValue
    answer: Text = ""


class SubmitReviewIn(Schema):
    submitted_on: Day


class ConcludeReviewIn(Schema):
    concluded_on: Day
    opinion: Text


class DeliberationIn(Schema):
    body: BodyValue
    held_on: Day
    outcome: OutcomeValue
    note: Text = ""


class PromulgateIn(Schema):
    promulgated_on: Day
    effective_on: Day
    number: Short = ""
    issuing_body: Short = ""
    url: Line = ""
    text: LongText = ""


class TerminateIn(Schema):
    reason: Text


class FlagQuery(Schema):
    status: FlagStatusValue | None = None


class FlagOut(Schema):
    id: int
    subject: str
    subject_key: str
    title: str
    law: str
    version_id: int
    status: str
    note: str


class CheckIn(Schema):
    note: Text


class LegislationStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)


class LegislationFigureOut(Schema):
    key: str
    label: str
    value: int
    records: list[int]


def _responses(out: Any, status: int = 200) -> dict[int, Any]:
    return {status: out, **dict.fromkeys(ERRORS, LegislationErrorOut)}


READ = {404: LegislationErrorOut, 422: LegislationErrorOut}


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


def _law(law: Law) -> dict[str, Any]:
    return {
        "id": law.pk,
        "title": law.title,
        "kind": law.kind,
        "kind_label": str(law.get_kind_display()),
        "issuing_body": law.issuing_body,
        "versions": [
            {
                "id": v.pk,
                "kind": v.kind,
                "kind_label": str(v.get_kind_display()),
                "adopted_on": v.adopted_on,
                "effective_on": v.effective_on,
                "issuing_body": v.issuing_body,
                "url": v.url,
                "note": v.note,
                "flagged": v.flagged_at is not None,
            }
            for v in law.versions.order_by("effective_on", "pk")
        ],
    }


def _summary(p: LegislativeProject) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "law_kind": p.law_kind,
        "change": p.change,
        "law_id": p.law_id,
        "plan_year": p.plan_year,
        "plan_kind": p.plan_kind,
        "part": p.part,
        "division": p.division.name,
        "stage": p.stage,
        "stage_label": str(p.get_stage_display()),
    }


def _project(request: HttpRequest, pk: int) -> LegislativeProject:
    _require(permissions.can_see_projects(request.user))
    project = (
        LegislativeProject.objects.visible_to(request.user).select_related("division").filter(pk=pk).first()
    )
    if project is None:
        raise Http404
    return project


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = _project(request, pk)
    return {
        **_summary(p),
        **{
            name: getattr(p, name)
            for name in (
                "partners",
                "draft_text",
                "explanation",
                "comment_opens_on",
                "comment_closes_on",
                "review_submitted_on",
                "review_concluded_on",
                "review_opinion",
                "adopted_on",
                "adopted_by",
                "promulgated_on",
                "effective_on",
                "promulgation_number",
                "law_version_id",
                "termination_reason",
            )
        },
        # Contact details of commenters are never part of an answer.
        "comments": list(
            p.comments.order_by("submitted_at", "pk").values(
                "id", "source", "author_name", "text", "adoption", "answer"
            )
        ),
        "deliberations": list(
            p.deliberations.order_by("held_on", "pk").values("body", "reading", "held_on", "outcome", "note")
        ),
    }


def _manager(request: HttpRequest) -> Any:
    _require(permissions.can_manage(request.user))
    return request.user


# --- the register ----------------------------------------------------------------------------


@router.get("/laws", response={200: list[LawOut], **READ}, summary="法律法规库")
def law_list(request: HttpRequest, query: Query[LawQuery]) -> list[dict[str, Any]]:
    _require(permissions.can_see_laws(request.user))
    queryset = Law.objects.prefetch_related("versions").order_by("kind", "title", "pk")
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    return [_law(law) for law in queryset]


@router.get("/laws/{law_id}", response={200: LawOut, **READ}, summary="法律法规及其版本")
def law_detail(request: HttpRequest, law_id: LawId) -> dict[str, Any]:
    _require(permissions.can_see_laws(request.user))
    law = Law.objects.filter(pk=law_id).first()
    if law is None:
        raise Http404
    return _law(law)


@router.post("/laws", response=_responses(LawOut, 201), summary="登记法律法规")
def law_create(request: HttpRequest, body: LawIn) -> tuple[int, dict[str, Any]]:
    _require(permissions.can_manage_laws(request.user))
    law = laws.create_law(actor=request.user, **body.dict())
    return 201, _law(law)


@router.post("/laws/{law_id}/versions", response=_responses(LawOut, 201), summary="登记版本")
def version_create(request: HttpRequest, law_id: LawId, body: LawVersionIn) -> tuple[int, dict[str, Any]]:
    _require(permissions.can_manage_laws(request.user))
    law = Law.objects.filter(pk=law_id).first()
    if law is None:
        raise Http404
    laws.record_law_version(law, actor=request.user, **body.dict())
    return 201, _law(law)


# --- projects ------------------------------------------------------------------------------


@router.get("/projects", response={200: list[ProjectSummaryOut], **READ}, summary="立法项目")
def project_list(request: HttpRequest, query: Query[ProjectQuery]) -> list[dict[str, Any]]:
    _require(permissions.can_see_projects(request.user))
    queryset = LegislativeProject.objects.visible_to(request.user).select_related("division")
    if query.year:
        queryset = queryset.filter(plan_year=query.year)
    if query.stage:
        queryset = queryset.filter(stage=query.stage)
    return [_summary(p) for p in queryset.order_by("-plan_year", "pk")]


@router.get("/projects/{project_id}", response={200: ProjectOut, **READ}, summary="立法项目详情")
def project_detail(request: HttpRequest, project_id: ProjectId) -> dict[str, Any]:
    return _detail(request, project_id)


@router.post("/projects", response=_responses(ProjectOut, 201), summary="登记立法项目")
def project_create(request: HttpRequest, body: ProjectIn) -> tuple[int, dict[str, Any]]:
    actor = _manager(request)
    division = divisions(actor).filter(pk=body.division_id).first()
    if division is None:
        raise HttpError(422, f"未找到承办处室（编号 {body.division_id}）")
    law = None
    if body.law_id is not None:
        law = Law.objects.filter(pk=body.law_id).first()
        if law is None:
            raise HttpError(422, f"未找到法律法规（编号 {body.law_id}）")
    data = body.dict(exclude={"division_id", "law_id"})
    project = actions.create_project(actor=actor, division=division, law=law, **data)
    return 201, _detail(request, project.pk)


def _step(request: HttpRequest, pk: int) -> tuple[Any, LegislativeProject]:
    project = _project(request, pk)
    return _manager(request), project


@router.post("/projects/{project_id}/start_drafting", response=_responses(ProjectOut), summary="启动起草")
def project_start(request: HttpRequest, project_id: ProjectId) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.start_drafting(project, actor=actor)
    return _detail(request, project_id)


@router.post("/projects/{project_id}/draft", response=_responses(ProjectOut), summary="保存草案")
def project_draft(request: HttpRequest, project_id: ProjectId, body: DraftIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.save_draft(project, actor=actor, draft_text=body.draft_text, explanation=body.explanation)
    return _detail(request, project_id)


@router.post("/projects/{project_id}/open_comment", response=_responses(ProjectOut), summary="公开征求意见")
def project_open_comment(request: HttpRequest, project_id: ProjectId, body: OpenCommentIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.open_comment(project, actor=actor, closes_on=body.closes_on)
    return _detail(request, project_id)


@router.post("/projects/{project_id}/comments", response=_responses(ProjectOut, 201), summary="录入意见")
def project_comment(
    request: HttpRequest, project_id: ProjectId, body: CommentIn
) -> tuple[int, dict[str, Any]]:
    actor, project = _step(request, project_id)
    actions.add_comment(project, actor=actor, **body.dict())
    return 201, _detail(request, project_id)


@router.post(
    "/projects/{project_id}/comments/{comment_id}/answer", response=_responses(ProjectOut), summary="答复意见"
)
def project_answer(
    request: HttpRequest, project_id: ProjectId, comment_id: CommentId, body: DraftAnswerIn
) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    comment = DraftComment.objects.filter(project=project, pk=comment_id).first()
    if comment is None:
        raise Http404
    actions.answer_comment(comment, actor=actor, adoption=body.adoption, answer=body.answer)
    return _detail(request, project_id)


@router.post(
    "/projects/{project_id}/submit_for_review", response=_responses(ProjectOut), summary="报送合法性审查"
)
def project_submit(request: HttpRequest, project_id: ProjectId, body: SubmitReviewIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.submit_for_review(project, actor=actor, submitted_on=body.submitted_on)
    return _detail(request, project_id)


@router.post(
    "/projects/{project_id}/conclude_review", response=_responses(ProjectOut), summary="登记审查结论"
)
def project_conclude(request: HttpRequest, project_id: ProjectId, body: ConcludeReviewIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.conclude_review(project, actor=actor, concluded_on=body.concluded_on, opinion=body.opinion)
    return _detail(request, project_id)


@router.post("/projects/{project_id}/deliberations", response=_responses(ProjectOut, 201), summary="登记审议")
def project_deliberation(
    request: HttpRequest, project_id: ProjectId, body: DeliberationIn
) -> tuple[int, dict[str, Any]]:
    actor, project = _step(request, project_id)
    actions.record_deliberation(project, actor=actor, **body.dict())
    return 201, _detail(request, project_id)


@router.post("/projects/{project_id}/promulgate", response=_responses(ProjectOut), summary="登记公布")
def project_promulgate(request: HttpRequest, project_id: ProjectId, body: PromulgateIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.promulgate(project, actor=actor, **body.dict())
    return _detail(request, project_id)


@router.post("/projects/{project_id}/terminate", response=_responses(ProjectOut), summary="终止项目")
def project_terminate(request: HttpRequest, project_id: ProjectId, body: TerminateIn) -> dict[str, Any]:
    actor, project = _step(request, project_id)
    actions.terminate(project, actor=actor, reason=body.reason)
    return _detail(request, project_id)


# --- flags and figures -----------------------------------------------------------------------


def _flag(f: CitationFlag) -> dict[str, Any]:
    return {
        "id": f.pk,
        "subject": f.subject,
        "subject_key": f.subject_key,
        "title": f.title,
        "law": f.version.law.title,
        "version_id": f.version_id,
        "status": f.status,
        "note": f.note,
    }


@router.get("/flags", response={200: list[FlagOut], **READ}, summary="法规修改后待核对事项")
def flag_list(request: HttpRequest, query: Query[FlagQuery]) -> list[dict[str, Any]]:
    queryset = visible_flags(request.user).select_related("version__law")
    if query.status:
        queryset = queryset.filter(status=query.status)
    return [_flag(f) for f in queryset.order_by("-created_at", "pk")[:500]]


@router.post("/flags/{flag_id}/check", response=_responses(FlagOut), summary="记录核对结果")
def flag_check(request: HttpRequest, flag_id: FlagId, body: CheckIn) -> dict[str, Any]:
    flag = visible_flags(request.user).select_related("version__law").filter(pk=flag_id).first()
    if flag is None:
        raise Http404
    actions.check_flag(flag, actor=request.user, note=body.note)
    return _flag(flag)


@router.get("/stats", response={200: list[LegislationFigureOut], **READ}, summary="立法工作年度数据")
def stats(request: HttpRequest, query: Query[LegislationStatsQuery]) -> list[dict[str, Any]]:
    """For the legal affairs division and the leadership: each figure with the ids behind it."""
    _require(request.user.has_perm("legislation.view_legislativeproject"))
    out = []
    for figure in figures.all_figures():
        if figure.key.startswith("legislation."):
            value = figure.compute(agency_of(request.user), query.year)
            out.append(
                {
                    "key": figure.key,
                    "label": str(figure.label),
                    "value": int(value.value),
                    "records": [r.pk for r in value.records],
                }
            )
    return out
