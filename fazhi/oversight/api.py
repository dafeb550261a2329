"""/api/v1/oversight — evaluations and inspections received, for the legal affairs division
(which records them) and the leadership (which reads them):

    GET  /                                    the list, by start date
    GET  /{oversight_id}                      one with the heads' part and the findings (each with
                                              its ledger task and evidence)
    POST /                                    record one
    POST /{oversight_id}/head_parts | feedback | findings | findings/{finding_id}/evidence | close
                                              the steps, each calling its action
    GET  /stats?year=                         the year's figures (core.figures) of oversight

Errors answer JSON with a Chinese `detail`: hidden, missing or not one's to do, 404; a closed
inspection or a finding not yet rectified when closing, 409; a body of the wrong shape or an
unknown division or leader, 422; other refusals, 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core import figures
from fazhi.core.agencies import agency_of
from fazhi.core.api.fields import storable, within_years
from fazhi.core.models import User
from fazhi.oversight import actions, permissions
from fazhi.oversight.forms import divisions
from fazhi.oversight.models import Finding, Oversight

router = Router(tags=["评估与督察"])

MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = actions.MIN_YEAR, actions.MAX_YEAR
ERRORS = {400, 404, 409, 422}
IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)

KindValue = Literal["third_party", "central_inspection", "city_inspection", "annual_assessment"]
HeadPartValue = Literal["instruction", "report_in_person", "meeting"]
Line = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
LongText = Annotated[str, Field(max_length=100_000), AfterValidator(storable)]
Username = Annotated[str, Field(min_length=1, max_length=150), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
OversightId = Annotated[int, Path(ge=1, le=MAX_ID, description="评估督察编号")]
FindingId = Annotated[int, Path(ge=1, le=MAX_ID, description="反馈问题编号")]


class OversightErrorOut(Schema):
    detail: str


class OversightSummaryOut(Schema):
    id: int
    kind: str
    kind_label: str
    year: int
    title: str
    conducted_by: str
    started_on: datetime.date
    ended_on: datetime.date | None
    status: str
    status_label: str


class HeadPartOut(Schema):
    kind: str
    leader: str
    on: datetime.date
    content: str


class FindingOut(Schema):
    id: int
    number: int
    text: str
    measures: str
    task_id: int = Field(description="重点任务台账中的整改任务编号")
    task_status: str
    division: str
    lead: str
    due_on: datetime.date
    evidence: str
    rectified: bool


class OversightOut(OversightSummaryOut):
    team: str
    scope: str
    method: str
    result: str
    feedback_on: datetime.date | None
    report: str
    closed_on: datetime.date | None
    report_to: str
    head_parts: list[HeadPartOut]
    findings: list[FindingOut]


class OversightIn(Schema):
    kind: KindValue
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    title: Line
    conducted_by: Line
    started_on: Day
    ended_on: Day | None = None
    scope: Text
    team: Text = ""
    method: Text = ""


class HeadPartIn(Schema):
    kind: HeadPartValue
    leader: Username = Field(description="机关领导的用户名")
    on: Day
    content: Text


class FeedbackIn(Schema):
    feedback_on: Day
    result: Text
    ended_on: Day | None = None


class FindingIn(Schema):
    text: Text
    measures: Text = ""
    division_id: Id
    lead: Username = Field(description="分管领导的用户名")
    due_on: Day


class EvidenceIn(Schema):
    evidence: Text


class CloseIn(Schema):
    report: LongText
    closed_on: Day
    report_to: Line = ""


class OversightStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)


class OversightFigureOut(Schema):
    key: str
    label: str
    value: int
    records: list[int]


def _responses(out: Any, status: int = 200) -> dict[int, Any]:
    return {status: out, **dict.fromkeys(ERRORS, OversightErrorOut)}


READ = {404: OversightErrorOut, 422: OversightErrorOut}


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


def _summary(o: Oversight) -> dict[str, Any]:
    return {
        "id": o.pk,
        "kind": o.kind,
        "kind_label": str(o.get_kind_display()),
        "year": o.year,
        "title": o.title,
        "conducted_by": o.conducted_by,
        "started_on": o.started_on,
        "ended_on": o.ended_on,
        "status": o.status,
        "status_label": str(o.get_status_display()),
    }


def _get(request: HttpRequest, pk: int) -> Oversight:
    _require(permissions.can_see(request.user))
    oversight = Oversight.objects.visible_to(request.user).filter(pk=pk).first()
    if oversight is None:
        raise Http404
    return oversight


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.pk,
        "number": f.number,
        "text": f.text,
        "measures": f.measures,
        "task_id": f.task_id,
        "task_status": f.task.status,
        "division": f.task.division.name,
        "lead": f.task.lead.display_name,
        "due_on": f.task.due_on,
        "evidence": f.evidence,
        "rectified": f.is_rectified,
    }


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    o = _get(request, pk)
    return {
        **_summary(o),
        **{
            n: getattr(o, n)
            for n in ("team", "scope", "method", "result", "feedback_on", "report", "closed_on", "report_to")
        },
        "head_parts": [
            {"kind": p.kind, "leader": p.leader.display_name, "on": p.on, "content": p.content}
            for p in o.head_parts.select_related("leader").order_by("on", "pk")
        ],
        "findings": [
            _finding(f) for f in o.findings.select_related("task__division", "task__lead").order_by("number")
        ],
    }


def _step(request: HttpRequest, pk: int) -> tuple[Any, Oversight]:
    oversight = _get(request, pk)
    _require(permissions.can_manage(request.user))
    return request.user, oversight


def _user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise HttpError(422, f"未找到机关领导（用户名 {username}）")
    return user


@router.get("/stats", response={200: list[OversightFigureOut], **READ}, summary="评估督察年度数据")
def stats(request: HttpRequest, query: Query[OversightStatsQuery]) -> list[dict[str, Any]]:
    _require(permissions.can_see(request.user))
    out = []
    for figure in figures.all_figures():
        if figure.key.startswith("oversight."):
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


@router.get("/", response={200: list[OversightSummaryOut], **READ}, summary="评估与督察")
def oversight_list(request: HttpRequest) -> list[dict[str, Any]]:
    _require(permissions.can_see(request.user))
    return [_summary(o) for o in Oversight.objects.visible_to(request.user).order_by("-started_on", "-pk")]


@router.get("/{oversight_id}", response={200: OversightOut, **READ}, summary="评估督察详情")
def oversight_detail(request: HttpRequest, oversight_id: OversightId) -> dict[str, Any]:
    return _detail(request, oversight_id)


@router.post("/", response=_responses(OversightOut, 201), summary="登记评估督察")
def oversight_create(request: HttpRequest, body: OversightIn) -> tuple[int, dict[str, Any]]:
    _require(permissions.can_manage(request.user))
    oversight = actions.create_oversight(actor=request.user, **body.dict())  # type: ignore[arg-type]
    return 201, _detail(request, oversight.pk)


@router.post("/{oversight_id}/head_parts", response=_responses(OversightOut, 201), summary="登记领导履职")
def head_part(
    request: HttpRequest, oversight_id: OversightId, body: HeadPartIn
) -> tuple[int, dict[str, Any]]:
    actor, oversight = _step(request, oversight_id)
    actions.record_head_part(
        oversight, actor=actor, kind=body.kind, leader=_user(body.leader), on=body.on, content=body.content
    )
    return 201, _detail(request, oversight_id)


@router.post("/{oversight_id}/feedback", response=_responses(OversightOut), summary="登记反馈意见")
def feedback(request: HttpRequest, oversight_id: OversightId, body: FeedbackIn) -> dict[str, Any]:
    actor, oversight = _step(request, oversight_id)
    actions.record_feedback(oversight, actor=actor, **body.dict())
    return _detail(request, oversight_id)


@router.post("/{oversight_id}/findings", response=_responses(OversightOut, 201), summary="交办整改任务")
def finding_create(
    request: HttpRequest, oversight_id: OversightId, body: FindingIn
) -> tuple[int, dict[str, Any]]:
    actor, oversight = _step(request, oversight_id)
    division = divisions(oversight.agency_id).filter(pk=body.division_id).first()
    if division is None:
        raise HttpError(422, f"未找到责任处室（编号 {body.division_id}）")
    actions.add_finding(
        oversight,
        actor=actor,
        text=body.text,
        measures=body.measures,
        division=division,
        lead=_user(body.lead),
        due_on=body.due_on,
    )
    return 201, _detail(request, oversight_id)


@router.post(
    "/{oversight_id}/findings/{finding_id}/evidence",
    response=_responses(OversightOut),
    summary="登记整改完成佐证",
)
def finding_evidence(
    request: HttpRequest, oversight_id: OversightId, finding_id: FindingId, body: EvidenceIn
) -> dict[str, Any]:
    actor, oversight = _step(request, oversight_id)
    finding = Finding.objects.filter(oversight=oversight, pk=finding_id).first()
    if finding is None:
        raise Http404
    actions.record_evidence(finding, actor=actor, evidence=body.evidence)
    return _detail(request, oversight_id)


@router.post("/{oversight_id}/close", response=_responses(OversightOut), summary="报送整改报告")
def close(request: HttpRequest, oversight_id: OversightId, body: CloseIn) -> dict[str, Any]:
    actor, oversight = _step(request, oversight_id)
    actions.close_oversight(oversight, actor=actor, **body.dict())
    return _detail(request, oversight_id)
